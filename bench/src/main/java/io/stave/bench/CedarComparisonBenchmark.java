package io.stave.bench;

import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Verdict;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.EvaluationLimits;
import io.stave.rules.engine.InMemoryFactStore;
import io.stave.rules.engine.PolicyCompiler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Stave against its Cedar peer on the same requests, policy and facts, on the realistic catalogue
 * (100k recordings, 5k deals, 50k consents), after checking that both answer every benchmark
 * request alike. The peer is a fixed policy set over entity attributes (see {@link CedarPeer}), so
 * its cost does not grow with the catalogue.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Xmn1g", "-XX:+UseParallelGC"})
@Threads(1)
public class CedarComparisonBenchmark {
  static final int REQUESTS = 10_000;

  @Param({"200", "5000"})
  public int rules;

  private List<DecisionRequest> requests;
  private InMemoryFactStore facts;
  private CompiledPolicy stave;
  private CedarPeer cedar;

  @Setup(Level.Trial)
  public void buildCatalogueAndPolicies() throws Exception {
    SyntheticCatalogue catalogue = SyntheticCatalogue.realistic();
    facts = catalogue.factStore();
    requests = catalogue.requests(REQUESTS, 7L);
    var authored = AuthorRules.generate(rules, catalogue, 11L);
    stave = PolicyCompiler.compile(AuthorRules.policy(authored));
    stave.warmUp();
    cedar = new CedarPeer(authored, facts);
    System.out.println(
        "\n"
            + Agreement.check(requests, stave, cedar, facts)
            + "; Stave rules "
            + stave.ruleCount()
            + ", Cedar policies "
            + cedar.policyCount());
  }

  @TearDown(Level.Trial)
  public void release() {
    stave.close();
  }

  @Benchmark
  public Decision stave(DecisionBenchmark.Cursor cursor) {
    return stave.evaluate(cursor.next(requests), facts, EvaluationLimits.DEFAULT);
  }

  @Benchmark
  public boolean cedar(DecisionBenchmark.Cursor cursor) throws Exception {
    return cedar.allows(cursor.next(requests));
  }

  /** Stave and Cedar, request by request; any disagreement stops the run. */
  record Agreement(int requests, int permits, int denies) {
    static Agreement check(
        List<DecisionRequest> requests,
        CompiledPolicy stave,
        CedarPeer cedar,
        InMemoryFactStore facts)
        throws Exception {
      int permits = 0;
      for (DecisionRequest request : requests) {
        Decision decision = stave.evaluate(request, facts, EvaluationLimits.DEFAULT);
        boolean cedarAllows = cedar.allows(request);
        if ((decision.verdict() == Verdict.PERMIT) != cedarAllows) {
          throw new IllegalStateException(
              "Stave and Cedar disagree on "
                  + request.describe()
                  + " (feature "
                  + request.getFeature()
                  + "): Stave "
                  + decision.verdict()
                  + " "
                  + decision.reasons()
                  + ", Cedar "
                  + (cedarAllows ? "ALLOW" : "DENY"));
        }
        if (cedarAllows) {
          permits++;
        }
      }
      return new Agreement(requests.size(), permits, requests.size() - permits);
    }

    @Override
    public String toString() {
      return "Stave and Cedar agree on all "
          + requests
          + " requests ("
          + permits
          + " PERMIT, "
          + denies
          + " DENY)";
    }
  }
}
