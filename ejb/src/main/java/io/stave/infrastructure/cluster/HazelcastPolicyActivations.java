package io.stave.infrastructure.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import io.stave.application.PolicyService;
import io.stave.application.PolicyStore;
import io.stave.application.authoring.PolicyActivations;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Activations across the cluster. The database records which version is active; a Hazelcast topic
 * tells every node at once, each node compiles the version on a thread of its own (the old one
 * keeps deciding meanwhile, then one atomic swap) and reports what it runs in a map keyed by
 * member. A topic message can be missed (a node starting, a split), so each node also compares what
 * it runs with the database on subscribing and every {@link #RECONCILE_SECONDS} seconds.
 */
public final class HazelcastPolicyActivations implements PolicyActivations {
  static final String TOPIC = "stave.policy.activations";
  static final String NODES = "stave.policy.nodes";
  static final int RECONCILE_SECONDS = 10;
  private static final Logger LOG = Logger.getLogger(HazelcastPolicyActivations.class.getName());

  /** What one node reports (Java-serialised into the nodes map). */
  static final class NodeState implements Serializable {
    private static final long serialVersionUID = 1L;
    final String address;
    final Long version;
    final String state;
    final String detail;
    final Instant at;

    NodeState(String address, Long version, String state, String detail) {
      this.address = address;
      this.version = version;
      this.state = state;
      this.detail = detail;
      this.at = Instant.now();
    }
  }

  private final Supplier<HazelcastInstance> hazelcast;
  private final PolicyService policies;
  private final PolicyStore store;
  private final ScheduledExecutorService compiler;
  private UUID subscription;
  private volatile String localState = "not subscribed";

  public HazelcastPolicyActivations(
      Supplier<HazelcastInstance> hazelcast,
      PolicyService policies,
      PolicyStore store,
      ThreadFactory threads) {
    this.hazelcast = hazelcast;
    this.policies = policies;
    this.store = store;
    this.compiler = Executors.newSingleThreadScheduledExecutor(threads);
  }

  /** Subscribes this node: from now on it follows every activation. */
  public synchronized void listen() {
    if (subscription != null) {
      return;
    }
    report(policies.runningVersion().orElse(null), "RUNNING", null);
    subscription =
        topic()
            .addMessageListener(
                message -> compiler.execute(() -> switchTo(message.getMessageObject())));
    compiler.scheduleWithFixedDelay(this::reconcile, 0, RECONCILE_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void announce(long version) {
    topic().publish(version);
  }

  @Override
  public List<NodePolicy> nodes() {
    HazelcastInstance cluster = hazelcast.get();
    IMap<String, NodeState> states = cluster.getMap(NODES);
    List<NodePolicy> nodes = new ArrayList<>();
    for (Member member : cluster.getCluster().getMembers()) {
      NodeState state = states.get(member.getUuid().toString());
      String address = member.getAddress().toString();
      nodes.add(
          state == null
              ? new NodePolicy(member.getUuid().toString(), address, null, "UNKNOWN", null, null)
              : new NodePolicy(
                  member.getUuid().toString(),
                  address,
                  state.version,
                  state.state,
                  state.detail,
                  state.at));
    }
    return nodes;
  }

  private void reconcile() {
    try {
      Optional<Long> active = store.findActive().map(source -> source.version());
      if (active.isPresent() && !active.equals(policies.runningVersion())) {
        LOG.info(
            () ->
                "This node runs "
                    + policies.runningVersion().orElse(null)
                    + " but version "
                    + active.get()
                    + " is active; switching");
        switchTo(active.get());
      }
    } catch (Exception e) {
      LOG.log(Level.FINE, "policy reconciliation failed; retried", e);
    }
  }

  private void switchTo(long version) {
    Long running = policies.runningVersion().orElse(null);
    if (running != null && running == version) {
      report(version, "RUNNING", null);
      return;
    }
    report(running, "SWITCHING", "compiling version " + version);
    try {
      policies.activateVersion(version);
      report(version, "RUNNING", null);
    } catch (Exception e) {
      LOG.severe(
          "Policy version " + version + " cannot be activated on this node: " + e.getMessage());
      report(running, "FAILED", "version " + version + ": " + e.getMessage());
    }
  }

  /**
   * This node's own state, as readiness shows it: e.g. "running version 3" or "switching: compiling
   * version 4".
   */
  public String describeLocal() {
    return localState;
  }

  private void report(Long version, String state, String detail) {
    localState =
        state.toLowerCase(java.util.Locale.ROOT)
            + " version "
            + version
            + (detail == null ? "" : " (" + detail + ")");
    HazelcastInstance cluster = hazelcast.get();
    Member self = cluster.getCluster().getLocalMember();
    IMap<String, NodeState> states = cluster.getMap(NODES);
    states.set(
        self.getUuid().toString(),
        new NodeState(self.getAddress().toString(), version, state, detail));
  }

  private ITopic<Long> topic() {
    return hazelcast.get().getTopic(TOPIC);
  }

  public synchronized void stop() {
    compiler.shutdownNow();
    try {
      if (subscription != null) {
        topic().removeMessageListener(subscription);
        hazelcast
            .get()
            .getMap(NODES)
            .delete(hazelcast.get().getCluster().getLocalMember().getUuid().toString());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "leaving the policy topic", e);
    }
    subscription = null;
  }
}
