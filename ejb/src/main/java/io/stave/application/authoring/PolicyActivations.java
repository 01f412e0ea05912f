package io.stave.application.authoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How an activation reaches every node, in two steps: every node compiles the version beside the
 * one it runs ({@link #prepare}), then, once the database records it, every node swaps to it
 * ({@link #announce}). Each node reports the version it runs and the one it has prepared. (The
 * cluster: a Hazelcast topic and map.)
 */
public interface PolicyActivations {
  /**
   * What one node runs, the version it has compiled and holds ready (if any), and its state:
   * RUNNING, PREPARING, PREPARED, SWITCHING, FAILED, or UNKNOWN for a member that has not reported
   * (still starting).
   */
  record NodePolicy(
      String node,
      String address,
      Long version,
      Long prepared,
      String state,
      String detail,
      Instant at) {}

  /**
   * Whether every node that has reported holds the version ready (or already runs it), and what any
   * node that could not compile it said.
   */
  record Preparation(boolean everyNodeReady, List<String> failures, List<NodePolicy> nodes) {}

  /**
   * Asks every node to compile {@code version} and hold it ready beside the version it runs, and
   * waits until each has, one has failed, or {@code wait} ends. Nothing switches yet. Members that
   * have not reported at all are starting; they compile the active version from the database.
   */
  Preparation prepare(long version, Duration wait);

  /** Tells every node that {@code version} is now the active one: each swaps to it. */
  void announce(long version);

  List<NodePolicy> nodes();
}
