/**
 * Adapters to the outside: the database (Flyway migrations, JDBC), the embedded Hazelcast member,
 * the CamelContext, and the startup bean that brings them up in order.
 */
package io.stave.infrastructure;
