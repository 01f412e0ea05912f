package io.stave.infrastructure.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import io.stave.application.PolicyService;
import io.stave.application.PolicyStore;
import io.stave.application.authoring.PolicyActivations;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Activations across the cluster, in two steps. The database records which version is active; a
 * Hazelcast topic carries {@code PREPARE v} (each node compiles and warms up v beside the version
 * it runs, on a thread of its own, and reports it PREPARED) and, once every node has and the
 * database has switched, {@code SWITCH v} (each node swaps to its prepared v at once). A node told
 * to switch to a version it has not compiled (it joined late, or missed the prepare) answers no
 * decision until it has compiled it. Each node reports what it runs in a map keyed by member. A
 * topic message can be missed (a node starting, a split), so each node also compares what it runs
 * with the database on subscribing, after a merge and every {@link #RECONCILE_SECONDS} seconds.
 */
public final class HazelcastPolicyActivations implements PolicyActivations {
  static final String TOPIC = "stave.policy.activations";
  static final String NODES = "stave.policy.nodes";
  static final int RECONCILE_SECONDS = 10;
  private static final String PREPARE = "PREPARE";
  private static final String SWITCH = "SWITCH";
  private static final Logger LOG = Logger.getLogger(HazelcastPolicyActivations.class.getName());

  /** What one node reports (Java-serialised into the nodes map). */
  static final class NodeState implements Serializable {
    private static final long serialVersionUID = 2L;
    final String address;
    final Long version;
    final Long prepared;
    final String state;
    final String detail;
    final String attempt;
    final Instant at;

    NodeState(
        String address, Long version, Long prepared, String state, String detail, String attempt) {
      this.address = address;
      this.version = version;
      this.prepared = prepared;
      this.state = state;
      this.detail = detail;
      this.attempt = attempt;
      this.at = Instant.now();
    }
  }

  private final Supplier<HazelcastInstance> hazelcast;
  private final PolicyService policies;
  private final PolicyStore store;
  private final ScheduledExecutorService compiler;
  private UUID subscription;
  private UUID mergeWatch;
  private volatile String localState = "not subscribed";
  private final Object switching = new Object();

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
    report("RUNNING", null);
    subscription = topic().addMessageListener(message -> receive(message.getMessageObject()));
    mergeWatch =
        hazelcast
            .get()
            .getLifecycleService()
            .addLifecycleListener(
                event -> {
                  if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                    compiler.execute(this::reconcile);
                  }
                });
    compiler.scheduleWithFixedDelay(this::reconcile, 0, RECONCILE_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public Preparation prepare(long version, Duration wait) {
    String attempt = UUID.randomUUID().toString();
    topic().publish(PREPARE + " " + version + " " + attempt);
    Instant deadline = Instant.now().plus(wait);
    while (true) {
      Map<String, NodeState> states = hazelcast.get().<String, NodeState>getMap(NODES);
      List<String> failures = new ArrayList<>();
      boolean everyNodeReady = true;
      for (Member member : hazelcast.get().getCluster().getMembers()) {
        NodeState state = states.get(member.getUuid().toString());
        if (state == null) {
          continue;
        }
        boolean ready =
            Long.valueOf(version).equals(state.version)
                || Long.valueOf(version).equals(state.prepared);
        if (!ready && "FAILED".equals(state.state) && attempt.equals(state.attempt)) {
          failures.add(member.getAddress() + ": " + state.detail);
        }
        everyNodeReady &= ready;
      }
      if (everyNodeReady || !failures.isEmpty() || !Instant.now().isBefore(deadline)) {
        return new Preparation(everyNodeReady && failures.isEmpty(), failures, nodes());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Preparation(false, List.of("interrupted while waiting"), nodes());
      }
    }
  }

  @Override
  public void announce(long version) {
    topic().publish(SWITCH + " " + version);
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
              ? new NodePolicy(
                  member.getUuid().toString(), address, null, null, "UNKNOWN", null, null)
              : new NodePolicy(
                  member.getUuid().toString(),
                  address,
                  state.version,
                  state.prepared,
                  state.state,
                  state.detail,
                  state.at));
    }
    return nodes;
  }

  private void receive(String message) {
    String[] parts = message.split(" ");
    long version;
    try {
      version = Long.parseLong(parts[1]);
    } catch (RuntimeException e) {
      LOG.warning("ignoring a policy message this node does not understand: " + message);
      return;
    }
    if (PREPARE.equals(parts[0])) {
      String attempt = parts.length > 2 ? parts[2] : null;
      compiler.execute(() -> prepareLocally(version, attempt));
    } else if (SWITCH.equals(parts[0])) {
      switchLocally(version);
    }
  }

  private void prepareLocally(long version, String attempt) {
    if (policies.runningVersion().equals(Optional.of(version))) {
      report("RUNNING", null, attempt);
      return;
    }
    report("PREPARING", "compiling version " + version, attempt);
    try {
      policies.prepare(version);
      report("PREPARED", "version " + version + " compiled, ready to switch", attempt);
    } catch (Exception e) {
      LOG.severe("Policy version " + version + " cannot be compiled on this node: " + e);
      report("FAILED", "version " + version + ": " + e.getMessage(), attempt);
    }
  }

  /**
   * On the listener's thread: a prepared version is swapped in at once; any other is required first
   * (decisions stop with 503) and compiled on the compiler thread.
   */
  private void switchLocally(long version) {
    if (policies.preparedVersion().equals(Optional.of(version))) {
      activate(version);
    } else {
      policies.requireVersion(version);
      compiler.execute(() -> activate(version));
    }
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
                    + " is active; it answers no decision until it has switched");
        policies.requireVersion(active.get());
        activate(active.get());
      }
    } catch (Exception e) {
      LOG.log(Level.FINE, "policy reconciliation failed; retried", e);
    }
  }

  private void activate(long version) {
    synchronized (switching) {
      if (policies.runningVersion().equals(Optional.of(version))) {
        report("RUNNING", null);
        return;
      }
      report("SWITCHING", "to version " + version);
      try {
        policies.activateVersion(version);
        report("RUNNING", null);
      } catch (Exception e) {
        LOG.severe(
            "Policy version " + version + " cannot be activated on this node: " + e.getMessage());
        report("FAILED", "version " + version + ": " + e.getMessage());
      }
    }
  }

  /**
   * This node's own state, as readiness shows it: e.g. "running version 3" or "switching version 3
   * (compiling version 4)".
   */
  public String describeLocal() {
    return localState;
  }

  private void report(String state, String detail) {
    report(state, detail, null);
  }

  private void report(String state, String detail, String attempt) {
    Long version = policies.runningVersion().orElse(null);
    Long prepared = policies.preparedVersion().orElse(null);
    localState =
        state.toLowerCase(java.util.Locale.ROOT)
            + " version "
            + version
            + (detail == null ? "" : " (" + detail + ")");
    try {
      HazelcastInstance cluster = hazelcast.get();
      Member self = cluster.getCluster().getLocalMember();
      IMap<String, NodeState> states = cluster.getMap(NODES);
      states.set(
          self.getUuid().toString(),
          new NodeState(self.getAddress().toString(), version, prepared, state, detail, attempt));
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "this node's policy state could not be shared: " + localState, e);
    }
  }

  private ITopic<String> topic() {
    return hazelcast.get().getTopic(TOPIC);
  }

  public synchronized void stop() {
    compiler.shutdownNow();
    try {
      if (subscription != null) {
        topic().removeMessageListener(subscription);
        hazelcast.get().getLifecycleService().removeLifecycleListener(mergeWatch);
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
