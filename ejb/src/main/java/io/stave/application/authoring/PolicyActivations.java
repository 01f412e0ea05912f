package io.stave.application.authoring;

import java.time.Instant;
import java.util.List;

/**
 * How an activation reaches every node: announced once the database records it, compiled by each
 * node, which then reports the version it runs. (The cluster: a Hazelcast topic and map.)
 */
public interface PolicyActivations {
  /** What one node runs: its version, and whether it is switching or failed to compile. */
  record NodePolicy(
      String node, String address, Long version, String state, String detail, Instant at) {}

  void announce(long version);

  List<NodePolicy> nodes();
}
