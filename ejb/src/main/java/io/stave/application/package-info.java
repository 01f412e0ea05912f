/**
 * The use cases of the server: decide (and log every live decision durably), keep the active policy
 * compiled, apply feed messages under the ledger's rules ({@code ApplyFeedMessages}), and answer
 * auditors. Application services depend on ports (FactStore, DecisionLog, Catalogue,
 * FeedMessageStore), not on Hazelcast or JDBC.
 */
package io.stave.application;
