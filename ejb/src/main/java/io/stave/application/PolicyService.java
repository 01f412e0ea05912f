package io.stave.application;

import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.PolicyCompilationException;
import io.stave.rules.engine.PolicyCompiler;
import io.stave.rules.engine.PolicySource;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Keeps the active policy version compiled on this node and swaps it atomically. Until a version
 * has compiled the node cannot decide, and says so (HTTP 503). Stored versions asked for by a dry
 * run are compiled once and kept (a few at most).
 */
public final class PolicyService {
  private static final Logger LOG = Logger.getLogger(PolicyService.class.getName());
  private static final int DRY_RUN_CACHE = 4;

  private final PolicyStore store;
  private final AtomicReference<CompiledPolicy> active = new AtomicReference<>();
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
   * Compiles a stored version and makes it the one this node decides with; decisions under way
   * finish with the version they started with, later ones get the new one (one atomic swap). Until
   * the compilation is done the previous version keeps deciding.
   */
  public CompiledPolicy activateVersion(long version)
      throws SQLException, PolicyCompilationException {
    CompiledPolicy current = active.get();
    if (current != null && current.version() == version) {
      return current;
    }
    PolicySource source =
        store
            .find(version)
            .orElseThrow(
                () -> new NotFoundException("policy version " + version + " does not exist"));
    CompiledPolicy compiled = compile(source);
    CompiledPolicy previous = active.getAndSet(compiled);
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

  /** The version this node decides with, or empty before one has compiled. */
  public java.util.Optional<Long> runningVersion() {
    CompiledPolicy policy = active.get();
    return policy == null ? java.util.Optional.empty() : java.util.Optional.of(policy.version());
  }

  public CompiledPolicy active() {
    CompiledPolicy policy = active.get();
    if (policy == null) {
      throw new ServiceUnavailableException(
          "no policy version is active on this node yet; it answers once one has compiled");
    }
    return policy;
  }

  public boolean hasActive() {
    return active.get() != null;
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
    synchronized (dryRunVersions) {
      dryRunVersions.values().forEach(CompiledPolicy::close);
      dryRunVersions.clear();
    }
  }
}
