package io.stave.routes.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Per-key order, parallelism across keys, and barriers, with work that takes varying time. */
class IntakeLanesTest {

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void work_for_one_key_runs_in_submission_order_and_barriers_separate_before_from_after()
      throws Exception {
    Random random = new Random(42);
    Map<String, List<Integer>> applied = new ConcurrentHashMap<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    List<CompletableFuture<?>> all = new ArrayList<>();
    List<String> barrierViolations = Collections.synchronizedList(new ArrayList<>());
    try (IntakeLanes lanes = new IntakeLanes(4)) {
      int submitted = 0;
      for (int i = 0; i < 600; i++) {
        if (i % 150 == 149) {
          int before = submitted;
          all.add(
              lanes.submit(
                  null,
                  () -> {
                    if (finished.get() != before || running.get() != 0) {
                      barrierViolations.add(
                          "barrier after " + before + " saw " + finished.get() + " finished");
                    }
                    finished.incrementAndGet();
                    return null;
                  }));
          submitted++;
          continue;
        }
        String key = "release-" + random.nextInt(12);
        int sequence = i;
        long pause = random.nextInt(3);
        all.add(
            lanes.submit(
                key,
                () -> {
                  maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                  sleep(pause);
                  applied.computeIfAbsent(key, k -> new ArrayList<>()).add(sequence);
                  running.decrementAndGet();
                  finished.incrementAndGet();
                  return sequence;
                }));
        submitted++;
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }
    applied.forEach(
        (key, sequences) -> {
          List<Integer> sorted = new ArrayList<>(sequences);
          Collections.sort(sorted);
          assertEquals(sorted, sequences, key + " ran out of submission order");
        });
    assertEquals(List.of(), barrierViolations);
    assertTrue(maxRunning.get() > 1, "different keys ran at once (max " + maxRunning + ")");
  }

  @Test
  void a_failure_reaches_its_caller_and_the_lane_goes_on() throws Exception {
    try (IntakeLanes lanes = new IntakeLanes(2)) {
      CompletableFuture<Object> failed =
          lanes.submit(
              "k",
              () -> {
                throw new IllegalStateException("database down");
              });
      CompletableFuture<String> next = lanes.submit("k", () -> "applied");
      assertEquals("applied", next.get(10, TimeUnit.SECONDS));
      assertTrue(failed.isCompletedExceptionally());
    }
  }
}
