package io.stave.bench;

import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.EvaluationLimits;
import io.stave.rules.engine.InMemoryFactStore;
import io.stave.rules.engine.PolicyCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Heap held by a policy's pool of emptied rule sessions: compiles a policy of {@code rules} rules
 * on the realistic catalogue, warms it up, lets {@code threads} threads decide 20,000 requests at
 * once (so the pool fills as far as concurrency makes it), and reports the heap used after a full
 * GC before, after, and once the policy is closed. Usage: {@code java -Xmx4g -cp benchmarks.jar
 * io.stave.bench.PooledSessionMemory [rules] [threads]} (default 5,000 rules, 64 threads).
 */
public final class PooledSessionMemory {
  private static final int REQUESTS = 20_000;

  private PooledSessionMemory() {}

  public static void main(String[] args) throws Exception {
    int rules = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    SyntheticCatalogue catalogue = SyntheticCatalogue.realistic();
    InMemoryFactStore facts = catalogue.factStore();
    List<DecisionRequest> requests = catalogue.requests(REQUESTS, 7L);
    CompiledPolicy policy =
        PolicyCompiler.compile(AuthorRules.policy(AuthorRules.generate(rules, catalogue, 11L)));
    policy.warmUp();
    long before = heapUsedAfterGc();

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Future<?>> deciders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t;
      deciders.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = first; i < requests.size(); i += threads) {
                  policy.evaluate(requests.get(i), facts, EvaluationLimits.DEFAULT);
                }
                return null;
              }));
    }
    for (Future<?> decider : deciders) {
      decider.get();
    }
    pool.shutdown();
    long filled = heapUsedAfterGc();
    policy.close();
    long closed = heapUsedAfterGc();
    System.out.printf(
        "%d rules, %d threads: heap used %d MB warmed up, %d MB with the pool filled (%+d MB),"
            + " %d MB after close%n",
        policy.ruleCount(),
        threads,
        before >> 20,
        filled >> 20,
        (filled - before) >> 20,
        closed >> 20);
  }

  private static long heapUsedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
