package io.stave.application.authoring;

import io.stave.application.DecisionLog;
import io.stave.application.DecisionPage;
import io.stave.application.DecisionQuery;
import io.stave.application.LoggedDecision;
import io.stave.application.revenue.RevenueLedger;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.FactStore;
import io.stave.rules.domain.Reason;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.EvaluationLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replays logged decisions against a draft and against the active version, both with the facts as
 * they are now, so what differs is the policy change alone. An outcome flips when the verdict
 * changes (PERMIT→DENY, DENY→PERMIT), or with the same verdict the reason codes or the split do.
 * Runs on one background thread, bounded by {@link #MAX_DECISIONS}, and reports its progress. With
 * a revenue ledger it then measures the draft's revenue rules on a period's usage ({@link
 * RevenueImpact}); its report sits beside the flips.
 */
public final class ImpactAnalysis implements Runnable {
  public static final int MAX_DECISIONS = 100_000;
  private static final int PAGE = DecisionQuery.MAX_LIMIT;
  private static final int SAMPLE = 20;

  /**
   * Which logged decisions to replay: a window of evaluation times, newest first, at most {@code
   * last}.
   */
  public record Window(Instant from, Instant to, int last) {
    public Window {
      if (last < 1 || last > MAX_DECISIONS) {
        throw new io.stave.rules.domain.InvalidValueException(
            "last", "must be between 1 and " + MAX_DECISIONS);
      }
      if (from != null && to != null && to.isBefore(from)) {
        throw new io.stave.rules.domain.InvalidValueException("to", "is before from");
      }
    }
  }

  public record Flip(
      String decisionId,
      String feature,
      String useType,
      String kind,
      String active,
      String draft) {}

  /** Latency of each version over the replayed decisions, in microseconds. */
  public record Latency(double meanMicros, double p50Micros, double p99Micros) {}

  public record Report(
      String jobId,
      long draftVersion,
      long activeVersion,
      String state,
      int replayed,
      Map<String, Integer> flips,
      Map<String, Map<String, Integer>> byFeature,
      Map<String, Map<String, Integer>> byUseType,
      List<Flip> sample,
      Latency draftLatency,
      Latency activeLatency,
      String error,
      Instant startedAt,
      Instant finishedAt,
      RevenueImpact.Report revenue) {}

  private final String jobId;
  private final CompiledPolicy draft;
  private final CompiledPolicy active;
  private final DecisionLog log;
  private final FactStore facts;
  private final EvaluationLimits limits;
  private final Window window;
  private final RevenueLedger revenueLedger;
  private final RevenueImpact.Choice revenueChoice;
  private volatile RevenueImpact.Report revenue;
  private final Instant startedAt = Instant.now();
  private final AtomicInteger replayed = new AtomicInteger();
  private final AtomicReference<Report> finished = new AtomicReference<>();
  private final Map<String, Integer> flips = new TreeMap<>();
  private final Map<String, Map<String, Integer>> byFeature = new TreeMap<>();
  private final Map<String, Map<String, Integer>> byUseType = new TreeMap<>();
  private final List<Flip> sample = new ArrayList<>();
  private long[] draftNanos = new long[1024];
  private long[] activeNanos = new long[1024];

  public ImpactAnalysis(
      String jobId,
      CompiledPolicy draft,
      CompiledPolicy active,
      DecisionLog log,
      FactStore facts,
      EvaluationLimits limits,
      Window window) {
    this(jobId, draft, active, log, facts, limits, window, null, RevenueImpact.Choice.LATEST);
  }

  /**
   * A job that also measures revenue: {@code revenueLedger} holds the usage, {@code revenueChoice}
   * says which period.
   */
  public ImpactAnalysis(
      String jobId,
      CompiledPolicy draft,
      CompiledPolicy active,
      DecisionLog log,
      FactStore facts,
      EvaluationLimits limits,
      Window window,
      RevenueLedger revenueLedger,
      RevenueImpact.Choice revenueChoice) {
    this.revenueLedger = revenueLedger;
    this.revenueChoice = revenueChoice;
    this.revenue = revenueLedger == null ? null : RevenueImpact.Report.pending();
    this.jobId = jobId;
    this.draft = draft;
    this.active = active;
    this.log = log;
    this.facts = facts;
    this.limits = limits;
    this.window = window;
  }

  @Override
  public void run() {
    try {
      int offset = 0;
      boolean more = true;
      while (more && replayed.get() < window.last()) {
        int limit = Math.min(PAGE, window.last() - replayed.get());
        DecisionPage page =
            log.list(
                new DecisionQuery(
                    null, null, null, null, window.from(), window.to(), limit, offset));
        for (LoggedDecision logged : page.decisions()) {
          replay(logged.decision());
        }
        offset += page.decisions().size();
        more = page.more() && !page.decisions().isEmpty();
      }
      if (revenueLedger != null) {
        try {
          revenue = RevenueImpact.measure(revenueLedger, revenueChoice, draft, active);
        } catch (RuntimeException e) {
          revenue = RevenueImpact.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
      }
      finished.set(report("DONE", null));
    } catch (RuntimeException e) {
      finished.set(report("FAILED", e.getMessage() == null ? e.toString() : e.getMessage()));
    } finally {
      draft.close();
    }
  }

  private void replay(Decision logged) {
    DecisionRequest request = logged.request();
    Decision now = active.evaluate(request, facts, limits, logged.decisionId());
    Decision then = draft.evaluate(request, facts, limits, logged.decisionId());
    int n = replayed.get();
    synchronized (this) {
      if (n == draftNanos.length) {
        draftNanos = Arrays.copyOf(draftNanos, n * 2);
        activeNanos = Arrays.copyOf(activeNanos, n * 2);
      }
      draftNanos[n] = then.evaluationNanos();
      activeNanos[n] = now.evaluationNanos();
      String kind = flip(now, then);
      if (kind != null) {
        flips.merge(kind, 1, Integer::sum);
        String feature = request.getFeature() == null ? "(none)" : request.getFeature();
        byFeature.computeIfAbsent(feature, f -> new TreeMap<>()).merge(kind, 1, Integer::sum);
        byUseType
            .computeIfAbsent(request.getUseType().name(), u -> new TreeMap<>())
            .merge(kind, 1, Integer::sum);
        if (sample.size() < SAMPLE) {
          sample.add(
              new Flip(
                  logged.decisionId(),
                  feature,
                  request.getUseType().name(),
                  kind,
                  describe(now),
                  describe(then)));
        }
      }
      replayed.incrementAndGet();
    }
  }

  /** The kind of change from the active version's outcome to the draft's, or null for none. */
  static String flip(Decision active, Decision draft) {
    if (active.verdict() != draft.verdict()) {
      return active.verdict() + "_TO_" + draft.verdict();
    }
    if (!codes(active).equals(codes(draft))) {
      return "REASONS_CHANGED";
    }
    if (!Objects.equals(shares(active.split()), shares(draft.split()))) {
      return "SPLIT_CHANGED";
    }
    return null;
  }

  private static TreeSet<String> codes(Decision decision) {
    TreeSet<String> codes = new TreeSet<>();
    decision.reasons().stream().map(Reason::code).forEach(c -> codes.add(c.name()));
    return codes;
  }

  private static Object shares(SplitSheet split) {
    return split == null ? null : split.getShares();
  }

  private static String describe(Decision decision) {
    return decision.verdict() + " " + codes(decision);
  }

  /** Where the job stands: its finished report, or the counts so far. */
  public Report progress() {
    Report done = finished.get();
    return done != null ? done : report("RUNNING", null);
  }

  private synchronized Report report(String state, String error) {
    int n = replayed.get();
    return new Report(
        jobId,
        draft.version(),
        active.version(),
        state,
        n,
        new TreeMap<>(flips),
        copy(byFeature),
        copy(byUseType),
        List.copyOf(sample),
        latency(draftNanos, n),
        latency(activeNanos, n),
        error,
        startedAt,
        "RUNNING".equals(state) ? null : Instant.now(),
        revenue);
  }

  private static Map<String, Map<String, Integer>> copy(Map<String, Map<String, Integer>> counts) {
    Map<String, Map<String, Integer>> copy = new TreeMap<>();
    counts.forEach((key, value) -> copy.put(key, new TreeMap<>(value)));
    return copy;
  }

  private static Latency latency(long[] nanos, int n) {
    if (n == 0) {
      return new Latency(0, 0, 0);
    }
    long[] sorted = Arrays.copyOf(nanos, n);
    Arrays.sort(sorted);
    double mean = Arrays.stream(sorted).average().orElse(0) / 1_000.0;
    return new Latency(
        mean,
        sorted[(int) Math.min(n - 1, Math.floor(n * 0.50))] / 1_000.0,
        sorted[(int) Math.min(n - 1, Math.floor(n * 0.99))] / 1_000.0);
  }
}
