package io.stave.application.authoring;

import io.stave.application.ConflictException;
import io.stave.application.ServiceUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How an activation reaches every node in two steps: first every node compiles the version beside
 * the one it runs ({@link #prepareEveryNode}); once the database records it active, every node
 * switches to it and the caller waits until they run it ({@link #announceAndAwait}).
 */
final class NodeSwitch {
  private final PolicyActivations activations;
  private final Duration activationWait;

  NodeSwitch(PolicyActivations activations, Duration activationWait) {
    this.activations = activations;
    this.activationWait = activationWait;
  }

  /**
   * First step of an activation: every node compiles the version beside the one it runs. If a node
   * cannot, or has not within the activation wait, nothing is activated and the caller is told
   * which node and why; the version can be activated again later.
   */
  void prepareEveryNode(long version) {
    PolicyActivations.Preparation preparation = activations.prepare(version, activationWait);
    if (!preparation.failures().isEmpty()) {
      throw new ConflictException(
          "policy version "
              + version
              + " was not activated: it does not compile on "
              + String.join("; ", preparation.failures()));
    }
    if (!preparation.everyNodeReady()) {
      throw new ServiceUnavailableException(
          "policy version "
              + version
              + " was not activated: not every node had compiled it within "
              + activationWait.toSeconds()
              + " s ("
              + preparation.nodes().stream()
                  .filter(n -> !Long.valueOf(version).equals(n.prepared()))
                  .filter(n -> !Long.valueOf(version).equals(n.version()))
                  .map(n -> n.address() + " " + n.state())
                  .collect(java.util.stream.Collectors.joining(", "))
              + "); every node keeps the version it runs; try again (nodes that were compiling"
              + " keep the version ready)");
    }
  }

  /**
   * Waits until every node that reports runs the version (a member that has not reported is
   * starting, and compiles the active version from the database before it decides); the answer says
   * whether every member runs it.
   */
  private PolicyAuthoring.Activation awaitNodes(long version) {
    Instant deadline = Instant.now().plus(activationWait);
    List<PolicyActivations.NodePolicy> nodes = activations.nodes();
    while (!allReportedRun(nodes, version) && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      nodes = activations.nodes();
    }
    return new PolicyAuthoring.Activation(version, allRun(nodes, version), nodes);
  }

  private static boolean allReportedRun(List<PolicyActivations.NodePolicy> nodes, long version) {
    return allRun(nodes.stream().filter(n -> !"UNKNOWN".equals(n.state())).toList(), version);
  }

  private static boolean allRun(List<PolicyActivations.NodePolicy> nodes, long version) {
    return !nodes.isEmpty()
        && nodes.stream().allMatch(n -> n.version() != null && n.version() == version);
  }

  /** Second step, after the database made the version active: every node switches to it. */
  PolicyAuthoring.Activation announceAndAwait(long version) {
    activations.announce(version);
    return awaitNodes(version);
  }
}
