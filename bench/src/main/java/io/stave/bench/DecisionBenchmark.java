package io.stave.bench;

import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
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
 * One decision in process on the realistic catalogue (100k recordings, 20k artists, 5k deals, 50k
 * consents) with 200 and with 5,000 rules: how Stave's latency moves with the rule count.
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
public class DecisionBenchmark {
  static final int REQUESTS = 10_000;

  @Param({"200", "5000"})
  public int rules;

  private List<DecisionRequest> requests;
  private InMemoryFactStore facts;
  private CompiledPolicy stave;

  @Setup(Level.Trial)
  public void buildCatalogueAndPolicy() throws Exception {
    SyntheticCatalogue catalogue = SyntheticCatalogue.realistic();
    facts = catalogue.factStore();
    requests = catalogue.requests(REQUESTS, 7L);
    stave = PolicyCompiler.compile(AuthorRules.policy(AuthorRules.generate(rules, catalogue, 11L)));
    stave.warmUp();
    System.out.println("\nStave rules: " + stave.ruleCount());
  }

  @TearDown(Level.Trial)
  public void release() {
    stave.close();
  }

  /** Each benchmark thread walks the generated requests in order. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    DecisionRequest next(List<DecisionRequest> requests) {
      DecisionRequest request = requests.get(next);
      next = (next + 1) % requests.size();
      return request;
    }
  }

  @Benchmark
  public Decision stave(Cursor cursor) {
    return stave.evaluate(cursor.next(requests), facts, EvaluationLimits.DEFAULT);
  }
}
