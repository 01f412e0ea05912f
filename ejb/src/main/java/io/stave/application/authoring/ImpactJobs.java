package io.stave.application.authoring;

import io.stave.application.DecisionLog;
import io.stave.application.NotFoundException;
import io.stave.application.PolicyService;
import io.stave.application.ServiceUnavailableException;
import io.stave.application.revenue.RevenueLedger;
import io.stave.rules.domain.FactStore;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.EvaluationLimits;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The impact analyses running or done on this node: each replays logged decisions (and a revenue
 * period, where revenue is kept) against a draft on the background executor; the newest {@value
 * #MAX_JOBS} are kept for their reports.
 */
final class ImpactJobs {
  static final int MAX_JOBS = 16;

  private final PolicyService policies;
  private final DecisionLog log;
  private final FactStore facts;
  private final EvaluationLimits limits;
  private final Executor background;
  private final RevenueLedger revenue;
  private final Map<String, ImpactAnalysis> jobs = new LinkedHashMap<>();

  ImpactJobs(
      PolicyService policies,
      DecisionLog log,
      FactStore facts,
      EvaluationLimits limits,
      Executor background,
      RevenueLedger revenue) {
    this.policies = policies;
    this.log = log;
    this.facts = facts;
    this.limits = limits;
    this.background = background;
    this.revenue = revenue;
  }

  /** Starts a job for the compiled draft (closed here if it cannot start); its first report. */
  ImpactAnalysis.Report start(
      CompiledPolicy draft, ImpactAnalysis.Window window, RevenueImpact.Choice revenuePeriod) {
    String jobId = UUID.randomUUID().toString();
    ImpactAnalysis job =
        new ImpactAnalysis(
            jobId, draft, policies.active(), log, facts, limits, window, revenue, revenuePeriod);
    synchronized (jobs) {
      jobs.put(jobId, job);
      while (jobs.size() > MAX_JOBS) {
        jobs.remove(jobs.keySet().iterator().next());
      }
    }
    try {
      background.execute(job);
    } catch (RejectedExecutionException e) {
      synchronized (jobs) {
        jobs.remove(jobId);
      }
      draft.close();
      throw new ServiceUnavailableException("impact analysis cannot start now; try again later", e);
    }
    return job.progress();
  }

  ImpactAnalysis.Report progress(String jobId) {
    synchronized (jobs) {
      ImpactAnalysis job = jobs.get(jobId);
      if (job == null) {
        throw new NotFoundException(
            "no impact analysis " + jobId + " on this node (the last " + MAX_JOBS + " are kept)");
      }
      return job.progress();
    }
  }
}
