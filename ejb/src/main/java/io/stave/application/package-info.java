/**
 * The use cases of the server: decide (and log every live decision durably), keep the active policy
 * compiled, and answer auditors. Application services depend on ports (FactStore, DecisionLog), not
 * on Hazelcast or JDBC.
 */
package io.stave.application;
