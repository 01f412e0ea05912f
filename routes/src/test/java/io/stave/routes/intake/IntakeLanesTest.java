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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Per-key order, parallelism across keys, and barriers, with work that takes varying time. */
class IntakeLanesTest {

  private static volatile long sink;

  /** Work of a given size: keeps a lane busy for a while without waiting on the clock. */
  private static void work(int rounds) {
    long hash = rounds;
    for (int i = 0; i < rounds * 20_000; i++) {
      hash = hash * 31 + i;
    }
    sink = hash;
  }

  @Test
  void work_for_one_key_runs_in_submission_order_and_barriers_separate_before_from_after()
      throws Exception {
    Random random = new Random(42);
    Map<String, List<Integer>> applied = new ConcurrentHashMap<>();
    AtomicInteger running = new AtomicInteger();
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
        int size = random.nextInt(3);
        all.add(
            lanes.submit(
                key,
                () -> {
                  running.incrementAndGet();
                  work(size);
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
  }

  @Test
  void work_for_keys_on_different_lanes_runs_at_once() throws Exception {
    try (IntakeLanes lanes = new IntakeLanes(4)) {
      String first = "release-a";
      String second =
          java.util.stream.IntStream.range(0, 100)
              .mapToObj(i -> "release-" + i)
              .filter(key -> lanes.laneOf(key) != lanes.laneOf(first))
              .findFirst()
              .orElseThrow();
      // Each waits until the other has started: both finish only if they ran at the same time.
      CountDownLatch bothStarted = new CountDownLatch(2);
      Supplier<Boolean> meetTheOther =
          () -> {
            bothStarted.countDown();
            try {
              return bothStarted.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            }
          };
      CompletableFuture<Boolean> a = lanes.submit(first, meetTheOther);
      CompletableFuture<Boolean> b = lanes.submit(second, meetTheOther);
      assertTrue(
          a.get(20, TimeUnit.SECONDS) && b.get(20, TimeUnit.SECONDS), "ran one after the other");
    }
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

  /** A key that runs on lane {@code lane}. */
  private static String keyOnLane(IntakeLanes lanes, int lane) {
    return java.util.stream.IntStream.range(0, 1000)
        .mapToObj(i -> "release-" + i)
        .filter(key -> lanes.laneOf(key) == lane)
        .findFirst()
        .orElseThrow();
  }

  private static Supplier<Object> waitFor(CountDownLatch latch) {
    return () -> {
      try {
        return latch.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    };
  }

  @Test
  void a_slow_lane_does_not_starve_the_others_while_there_is_room() throws Exception {
    // The inbox submits in file order. With a bound per lane, the poller blocked on the first
    // lane whose queue was full while the other lanes ran dry (over half the lanes' time in a
    // PostgreSQL ingest profile); the bound is on all messages in flight together.
    try (IntakeLanes lanes = new IntakeLanes(2)) {
      String slow = keyOnLane(lanes, 0);
      String other = keyOnLane(lanes, 1);
      CountDownLatch release = new CountDownLatch(1);
      try {
        CompletableFuture<String> submitted =
            CompletableFuture.supplyAsync(
                () -> {
                  for (int i = 0; i <= IntakeLanes.QUEUE_PER_LANE + 4; i++) {
                    lanes.submit(slow, waitFor(release));
                  }
                  return lanes.submit(other, () -> "applied").join();
                });
        assertEquals(
            "applied",
            submitted.get(10, TimeUnit.SECONDS),
            "the other lane's message waited behind the slow lane's queue");
      } finally {
        release.countDown();
      }
    }
  }

  @Test
  void a_fast_producer_waits_once_every_lane_holds_its_share() throws Exception {
    try (IntakeLanes lanes = new IntakeLanes(2)) {
      CountDownLatch release = new CountDownLatch(1);
      String key = keyOnLane(lanes, 0);
      List<CompletableFuture<Object>> queued = Collections.synchronizedList(new ArrayList<>());
      CompletableFuture<CompletableFuture<Object>> oneMore;
      try {
        CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < 2 * IntakeLanes.QUEUE_PER_LANE; i++) {
                    queued.add(lanes.submit(key, waitFor(release)));
                  }
                })
            .get(10, TimeUnit.SECONDS);
        oneMore = new CompletableFuture<>();
        CompletableFuture<CompletableFuture<Object>> submitted = oneMore;
        Thread producer = new Thread(() -> submitted.complete(lanes.submit(key, () -> "applied")));
        producer.start();
        // The producer either parks at the bound (WAITING) or, were there none, returns at once.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (producer.getState() != Thread.State.WAITING
            && !oneMore.isDone()
            && System.nanoTime() < deadline) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertEquals(Thread.State.WAITING, producer.getState(), "the producer is parked");
        assertTrue(!oneMore.isDone(), "a message beyond the bound was taken without waiting");
      } finally {
        release.countDown();
      }
      assertEquals("applied", oneMore.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS));
      CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }
  }

  /** An EAN-13 barcode (what an ICPN is) with its check digit. */
  private static String ean13(long twelveDigits) {
    String digits = String.format("%012d", twelveDigits);
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return digits + (10 - sum % 10) % 10;
  }

  @Test
  void release_keys_spread_over_every_lane() {
    // Release keys end in an ICPN; with String.hashCode alone their check digits sent every key
    // to an even lane, and half the lanes never ran.
    for (int count : new int[] {2, 4, 16}) {
      try (IntakeLanes lanes = new IntakeLanes(count)) {
        int[] perLane = new int[count];
        int keys = 4_000;
        Random random = new Random(7);
        for (int i = 0; i < keys; i++) {
          long barcode = 506_000_000_000L + random.nextInt(100_000_000);
          perLane[lanes.laneOf("PADPIDA2026112401E/icpn:" + ean13(barcode))]++;
        }
        int mean = keys / count;
        for (int lane = 0; lane < count; lane++) {
          assertTrue(
              perLane[lane] > mean * 3 / 4 && perLane[lane] < mean * 5 / 4,
              count + " lanes: " + java.util.Arrays.toString(perLane));
        }
      }
    }
  }
}
