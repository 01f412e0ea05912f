package io.stave.bench;

import io.stave.application.DecisionLog;
import io.stave.application.DecisionPage;
import io.stave.application.DecisionQuery;
import io.stave.application.LoggedDecision;
import io.stave.application.authoring.ImpactAnalysis;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.EvaluationLimits;
import io.stave.rules.engine.InMemoryFactStore;
import io.stave.rules.engine.PolicyCompiler;
import io.stave.rules.engine.PolicySource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a policy author waits for: how long a node takes from an activation to deciding with the new
 * version (compile plus warm-up, what every node does when it hears of an activation), for 200 and
 * 5,000 rules; and how fast impact analysis replays logged decisions (each replayed against the
 * draft and the active version). Plain timing with repetitions, on the realistic catalogue.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.stave.bench.PolicyLifecycleBenchmark}
 */
public final class PolicyLifecycleBenchmark {
  private PolicyLifecycleBenchmark() {}

  public static void main(String[] args) throws Exception {
    SyntheticCatalogue catalogue = SyntheticCatalogue.realistic();
    InMemoryFactStore facts = catalogue.factStore();
    System.out.println(
        "# Policy lifecycle: activation (compile + warm-up per node) and impact replay");
    CompiledPolicy small = null;
    CompiledPolicy large = null;
    for (int rules : new int[] {200, 5_000}) {
      PolicySource source = AuthorRules.policy(AuthorRules.generate(rules, catalogue, 11L));
      long[] millis = new long[5];
      CompiledPolicy last = null;
      for (int run = 0; run < millis.length; run++) {
        if (last != null) {
          last.close();
        }
        long start = System.nanoTime();
        last = PolicyCompiler.compile(source);
        last.warmUp();
        millis[run] = (System.nanoTime() - start) / 1_000_000;
      }
      Arrays.sort(millis);
      System.out.printf(
          "activation, %,d rules (%d compiled): median %d ms, min %d ms, max %d ms over %d runs%n",
          rules,
          last.ruleCount(),
          millis[millis.length / 2],
          millis[0],
          millis[millis.length - 1],
          millis.length);
      if (rules == 200) {
        small = last;
      } else {
        large = last;
      }
    }
    List<Decision> logged = new ArrayList<>();
    for (DecisionRequest request : catalogue.requests(20_000, 5L)) {
      logged.add(small.evaluate(request, facts, EvaluationLimits.DEFAULT));
    }
    for (int run = 1; run <= 3; run++) {
      ImpactAnalysis job =
          new ImpactAnalysis(
              "bench",
              PolicyCompiler.compile(
                  AuthorRules.policy(AuthorRules.generate(5_000, catalogue, 11L))),
              small,
              new ListLog(logged),
              facts,
              EvaluationLimits.DEFAULT,
              new ImpactAnalysis.Window(null, null, logged.size()));
      long start = System.nanoTime();
      job.run();
      double seconds = (System.nanoTime() - start) / 1e9;
      ImpactAnalysis.Report report = job.progress();
      System.out.printf(
          "impact run %d: %,d logged decisions replayed (draft 5,000 rules vs active 200) in %.1f s ="
              + " %,.0f decisions/s; flips %s%n",
          run, report.replayed(), seconds, report.replayed() / seconds, report.flips());
    }
    large.close();
    small.close();
  }

  /** The decision log as impact analysis reads it: pages, newest first. */
  private static final class ListLog implements DecisionLog {
    private final List<Decision> decisions;

    ListLog(List<Decision> decisions) {
      this.decisions = decisions;
    }

    @Override
    public void record(List<Decision> recorded, String principal) {
      throw new UnsupportedOperationException("read-only");
    }

    @Override
    public Optional<LoggedDecision> find(String decisionId) {
      return Optional.empty();
    }

    @Override
    public DecisionPage list(DecisionQuery query) {
      int end = Math.min(decisions.size(), query.offset() + query.limit());
      List<LoggedDecision> page =
          decisions.subList(Math.min(query.offset(), end), end).stream()
              .map(d -> new LoggedDecision(d, "bench"))
              .toList();
      return new DecisionPage(page, query.offset(), query.limit(), end < decisions.size());
    }
  }
}
