package io.stave.application;

import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.FactStore;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.EvaluationLimits;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Answers AI features. A live decision is returned only after it is in the decision log; a dry run
 * against a named stored version is evaluated the same way but not logged.
 */
public final class DecisionService {
  public static final int MAX_BATCH = 1_000;

  private final PolicyService policies;
  private final FactStore facts;
  private final DecisionLog log;
  private final BooleanSupplier clusterSafe;
  private final EvaluationLimits limits;
  private final Metrics metrics;

  public DecisionService(
      PolicyService policies,
      FactStore facts,
      DecisionLog log,
      BooleanSupplier clusterSafe,
      EvaluationLimits limits) {
    this(policies, facts, log, clusterSafe, limits, Metrics.NONE);
  }

  public DecisionService(
      PolicyService policies,
      FactStore facts,
      DecisionLog log,
      BooleanSupplier clusterSafe,
      EvaluationLimits limits,
      Metrics metrics) {
    this.policies = policies;
    this.facts = facts;
    this.log = log;
    this.clusterSafe = clusterSafe;
    this.limits = limits;
    this.metrics = metrics;
  }

  public Decision decide(DecisionRequest request, String principal) {
    return decide(List.of(request), principal, false).get(0);
  }

  /**
   * Decides every request in order with one policy version, and logs them in one write. The batch
   * is evaluated by {@link CompiledPolicy#evaluateAll}, on the policy's pooled rule sessions.
   */
  public List<Decision> decideAll(List<DecisionRequest> requests, String principal) {
    return decide(requests, principal, true);
  }

  private List<Decision> decide(List<DecisionRequest> requests, String principal, boolean batch) {
    long start = System.nanoTime();
    CompiledPolicy policy = readyPolicy();
    List<Decision> decisions = policy.evaluateAll(requests, facts, limits);
    log.record(decisions, principal);
    metrics.decided(decisions, batch, System.nanoTime() - start);
    return decisions;
  }

  /** Evaluates against a stored policy version without logging: for authors trying a version. */
  public List<Decision> dryRun(List<DecisionRequest> requests, long policyVersion) {
    readyPolicy();
    return policies.version(policyVersion).evaluateAll(requests, facts, limits);
  }

  private CompiledPolicy readyPolicy() {
    if (!clusterSafe.getAsBoolean()) {
      throw new ServiceUnavailableException(
          "this node cannot see a safe cluster (too few members); it does not decide until it does");
    }
    return policies.active();
  }
}
