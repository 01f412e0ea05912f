/**
 * Persistence adapters: Flyway migrations, the decision log with group commit, policy versions and
 * the catalogue tables over JDBC. The database is the system of record; everything here speaks
 * plain SQL that runs on H2 and PostgreSQL alike.
 */
package io.stave.infrastructure.persistence;
