package io.stave.application;

import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.PolicyCompilationException;
import io.stave.rules.engine.PolicyCompiler;
import io.stave.rules.engine.PolicySource;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Keeps the active policy version compiled on this node and swaps it atomically. Until a version
 * has compiled the node cannot decide, and says so (HTTP 503). An activation comes in two steps:
 * {@link #prepare} compiles the next version beside the running one, {@link #activateVersion} swaps
 * it in (instant when prepared). A node told that a version it has not compiled is now the active
 * one ({@link #requireVersion}) stops deciding (503) until it runs that version: it never answers
 * with a version the cluster has retired. Stored versions asked for by a dry run are compiled once
 * and kept (a few at most).
 */
public final class PolicyService {
  private static final Logger LOG = Logger.getLogger(PolicyService.class.getName());
  private static final int DRY_RUN_CACHE = 4;

  private final PolicyStore store;
  private final AtomicReference<CompiledPolicy> active = new AtomicReference<>();
  private final AtomicReference<CompiledPolicy> prepared = new AtomicReference<>();
  private final AtomicReference<Long> required = new AtomicReference<>();
  private final Map<Long, CompiledPolicy> dryRunVersions = new LinkedHashMap<>(8, 0.75f, true);
  private final Metrics metrics;

  public PolicyService(PolicyStore store) {
    this(store, Metrics.NONE);
  }

  public PolicyService(PolicyStore store, Metrics metrics) {
    this.store = store;
    this.metrics = metrics;
    metrics.watchActivePolicy(() -> runningVersion().orElse(-1L));
  }

  /**
   * Installs the shipped baseline where it is due, then compiles and activates the active version.
   */
  public CompiledPolicy activateStoredPolicy() throws SQLException, PolicyCompilationException {
    if (store.installShippedBaseline()) {
      LOG.info("Installed the baseline policy shipped with this release as the active version");
    }
    PolicySource source =
        store
            .findActive()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the database holds policy versions but none is ACTIVE"));
    CompiledPolicy compiled = compile(source);
    compiled.warnings().forEach(w -> LOG.fine(() -> "policy " + source.version() + ": " + w));
    CompiledPolicy previous = active.getAndSet(compiled);
    if (previous != null) {
      previous.close();
    }
    LOG.info(
        () ->
            "Policy version "
                + compiled.version()
                + " is active ("
                + compiled.ruleCount()
                + " rules)");
    return compiled;
  }

  /**
   * Compiles a stored version and keeps it ready beside the running one (and warmed up), so that
   * switching to it later is one atomic swap. Preparing another version replaces this one.
   */
  public CompiledPolicy prepare(long version) throws SQLException, PolicyCompilationException {
    CompiledPolicy current = active.get();
    if (current != null && current.version() == version) {
      return current;
    }
    CompiledPolicy ready = prepared.get();
    if (ready != null && ready.version() == version) {
      return ready;
    }
    CompiledPolicy compiled = compile(version);
    CompiledPolicy replaced = prepared.getAndSet(compiled);
    if (replaced != null && replaced != compiled) {
      replaced.close();
    }
    return compiled;
  }

  /** The version compiled and waiting to be switched to, if any. */
  public Optional<Long> preparedVersion() {
    CompiledPolicy ready = prepared.get();
    return ready == null ? Optional.empty() : Optional.of(ready.version());
  }

  /**
   * Makes a stored version the one this node decides with: the prepared one if it is that version,
   * else compiled now. Decisions under way finish with the version they started with, later ones
   * get the new one (one atomic swap).
   */
  public CompiledPolicy activateVersion(long version)
      throws SQLException, PolicyCompilationException {
    CompiledPolicy current = active.get();
    if (current != null && current.version() == version) {
      required.compareAndSet(version, null);
      return current;
    }
    CompiledPolicy ready = prepared.get();
    CompiledPolicy compiled =
        ready != null && ready.version() == version && prepared.compareAndSet(ready, null)
            ? ready
            : compile(version);
    CompiledPolicy previous = active.getAndSet(compiled);
    required.compareAndSet(version, null);
    if (previous != null) {
      previous.close();
    }
    LOG.info(
        () ->
            "Policy version "
                + version
                + " is active on this node ("
                + compiled.ruleCount()
                + " rules)");
    return compiled;
  }

  /**
   * Tells this node that {@code version} is the active one in the database. If the node runs
   * another version, it answers no decision (503) until it has switched to this one.
   */
  public void requireVersion(long version) {
    CompiledPolicy current = active.get();
    if (current == null || current.version() != version) {
      required.set(version);
    } else {
      required.compareAndSet(version, null);
    }
  }

  /** Compiles and warms up a version to activate, reporting how long it took and if it failed. */
  private CompiledPolicy compile(PolicySource source) throws PolicyCompilationException {
    long start = System.nanoTime();
    boolean compiled = false;
    try {
      CompiledPolicy policy = PolicyCompiler.compile(source);
      policy.warmUp();
      compiled = true;
      return policy;
    } finally {
      metrics.policyActivation(compiled, System.nanoTime() - start);
    }
  }

  /** The version this node must switch to before it decides again, if it is switching. */
  public Optional<Long> switchingTo() {
    Long version = required.get();
    CompiledPolicy current = active.get();
    return version == null || (current != null && current.version() == version)
        ? Optional.empty()
        : Optional.of(version);
  }

  private CompiledPolicy compile(long version) throws SQLException, PolicyCompilationException {
    PolicySource source =
        store
            .find(version)
            .orElseThrow(
                () -> new NotFoundException("policy version " + version + " does not exist"));
    return compile(source);
  }

  /** The version this node decides with, or empty before one has compiled. */
  public Optional<Long> runningVersion() {
    CompiledPolicy policy = active.get();
    return policy == null ? Optional.empty() : Optional.of(policy.version());
  }

  /** The version to decide with; 503 before one has compiled and while the node is switching. */
  public CompiledPolicy active() {
    CompiledPolicy policy = active.get();
    if (policy == null) {
      throw new ServiceUnavailableException(
          "no policy version is active on this node yet; it answers once one has compiled");
    }
    Long version = required.get();
    if (version != null && policy.version() != version) {
      throw new ServiceUnavailableException(
          "this node is switching to policy version "
              + version
              + " (compiling it); it answers once it runs that version");
    }
    return policy;
  }

  /** Whether this node can decide: a version has compiled and it is not switching. */
  public boolean hasActive() {
    return active.get() != null && switchingTo().isEmpty();
  }

  /** A stored version, compiled, for a dry run; the active one if that is the version asked for. */
  public CompiledPolicy version(long version) {
    CompiledPolicy current = active.get();
    if (current != null && current.version() == version) {
      return current;
    }
    synchronized (dryRunVersions) {
      CompiledPolicy cached = dryRunVersions.get(version);
      if (cached != null) {
        return cached;
      }
      PolicySource source;
      try {
        source =
            store
                .find(version)
                .orElseThrow(
                    () -> new NotFoundException("policy version " + version + " does not exist"));
      } catch (SQLException e) {
        throw new ServiceUnavailableException(
            "policy versions cannot be read: " + e.getMessage(), e);
      }
      try {
        CompiledPolicy compiled = PolicyCompiler.compile(source);
        dryRunVersions.put(version, compiled);
        if (dryRunVersions.size() > DRY_RUN_CACHE) {
          var eldest = dryRunVersions.entrySet().iterator().next();
          eldest.getValue().close();
          dryRunVersions.remove(eldest.getKey());
        }
        return compiled;
      } catch (PolicyCompilationException e) {
        throw new io.stave.rules.domain.InvalidValueException(
            "policyVersion",
            "policy version "
                + version
                + " does not compile with this release of Stave ("
                + e.problems().get(0)
                + ")");
      }
    }
  }

  public void close() {
    CompiledPolicy policy = active.getAndSet(null);
    if (policy != null) {
      policy.close();
    }
    CompiledPolicy ready = prepared.getAndSet(null);
    if (ready != null) {
      ready.close();
    }
    synchronized (dryRunVersions) {
      dryRunVersions.values().forEach(CompiledPolicy::close);
      dryRunVersions.clear();
    }
  }
}
