package io.stave.infrastructure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A latency histogram that survives WildFly 39's per-deployment Micrometer registry: a timer (its
 * {@code _count}, {@code _sum} and {@code _max}) beside one cumulative counter per bucket bound,
 * {@code <name>_seconds_buckets_total{le="..."}}, which {@code histogram_quantile} reads like a
 * classic Prometheus histogram's {@code _bucket} series.
 *
 * <p>Why not a Micrometer timer with service level objectives: the registry WildFly 39 injects
 * forwards to the server's Prometheus registry only what the registry's direct methods ({@code
 * timer(name, tags)}, {@code more().counter(...)}, ...) create, and those carry no distribution
 * configuration, so the buckets of a {@code Timer.builder(...).serviceLevelObjectives(...)} never
 * reach {@code /metrics}. Recording costs one timer update and one {@link LongAdder} increment; the
 * cumulative sums are added up when the metrics are scraped.
 */
final class LatencyHistogram {
  /** Bucket bounds in seconds: 50 µs to 10 s. */
  static final String[] BOUNDS = {
    "0.00005", "0.0001", "0.00025", "0.0005", "0.001", "0.002", "0.005", "0.01", "0.025", "0.05",
    "0.1", "0.25", "0.5", "1", "2.5", "5", "10"
  };

  private static final long[] BOUND_NANOS = new long[BOUNDS.length];

  static {
    for (int i = 0; i < BOUNDS.length; i++) {
      BOUND_NANOS[i] = new BigDecimal(BOUNDS[i]).movePointRight(9).longValueExact();
    }
  }

  private final Timer timer;

  /** Observations per bucket, not cumulative; the last one is above the largest bound. */
  private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1];

  /**
   * Registers {@code name} as a timer and {@code name.seconds.buckets} as one counter per bound
   * (and {@code +Inf}), each with {@code tags} and an {@code le} tag.
   */
  LatencyHistogram(MeterRegistry registry, String name, Tags tags) {
    this.timer = registry.timer(name, tags);
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
    for (int i = 0; i <= BOUNDS.length; i++) {
      int bucket = i;
      registry
          .more()
          .counter(
              name + ".seconds.buckets",
              tags.and("le", i < BOUNDS.length ? BOUNDS[i] : "+Inf"),
              this,
              histogram -> histogram.cumulative(bucket));
    }
  }

  void record(long nanos) {
    timer.record(nanos, TimeUnit.NANOSECONDS);
    counts[bucket(nanos)].increment();
  }

  /** The index of the smallest bound that is at least {@code nanos}, or the overflow bucket. */
  static int bucket(long nanos) {
    int low = 0;
    int high = BOUND_NANOS.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (BOUND_NANOS[middle] < nanos) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** Observations at most the bucket's bound: the sum of its own count and every smaller one's. */
  double cumulative(int bucket) {
    long sum = 0;
    for (int i = 0; i <= bucket; i++) {
      sum += counts[i].sum();
    }
    return sum;
  }
}
