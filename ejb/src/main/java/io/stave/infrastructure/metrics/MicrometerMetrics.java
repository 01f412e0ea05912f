package io.stave.infrastructure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stave.application.Metrics;
import io.stave.rules.domain.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The {@code stave_*} metrics in Micrometer, which WildFly's micrometer subsystem exports in
 * Prometheus format on the management port's {@code /metrics}. Each is described in
 * docs/metrics.md; {@code MicrometerMetricsTest} checks that the two name the same metrics. Label
 * values come from closed sets (verdicts, reason codes, use types, feed kinds and statuses) except
 * the feature a client names, which is bounded here: the first {@value #MAX_FEATURES} well-formed
 * names a node sees get a label of their own, every later or malformed one is {@code other}.
 */
public final class MicrometerMetrics implements Metrics {
  static final int MAX_FEATURES = 50;
  static final String OTHER = "other";
  private static final Pattern FEATURE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** Bucket bounds of the latency histograms: 50 µs to 10 s. */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofNanos(50_000),
    Duration.ofNanos(100_000),
    Duration.ofNanos(250_000),
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2_500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  private final Set<String> features = ConcurrentHashMap.newKeySet();
  private final Timer engine;
  private final Timer single;
  private final Timer batch;
  private final Timer logCommit;

  public MicrometerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.engine =
        histogram("stave.decision.engine", "Rule evaluation of one decision request")
            .register(registry);
    this.single =
        histogram(
                "stave.decision.request",
                "One decision call through the decision service: evaluation and the durable log"
                    + " commit")
            .tag("call", "single")
            .register(registry);
    this.batch =
        histogram(
                "stave.decision.request",
                "One decision call through the decision service: evaluation and the durable log"
                    + " commit")
            .tag("call", "batch")
            .register(registry);
    this.logCommit =
        histogram("stave.decision.log.commit", "One group commit of the decision log")
            .register(registry);
  }

  private static Timer.Builder histogram(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .minimumExpectedValue(LATENCY_BUCKETS[0])
        .maximumExpectedValue(LATENCY_BUCKETS[LATENCY_BUCKETS.length - 1]);
  }

  @Override
  public void decided(List<Decision> decisions, boolean isBatch, long nanos) {
    (isBatch ? batch : single).record(nanos, TimeUnit.NANOSECONDS);
    for (Decision decision : decisions) {
      engine.record(decision.evaluationNanos(), TimeUnit.NANOSECONDS);
      Counter.builder("stave.decisions")
          .description("Live decisions by outcome, deciding (first) reason, use type and feature")
          .tag("outcome", decision.verdict().name())
          .tag("reason", decision.reasons().get(0).code().name())
          .tag("use_type", decision.request().getUseType().name())
          .tag("feature", feature(decision.request().getFeature()))
          .register(registry)
          .increment();
    }
  }

  /** The feature's own label while fewer than {@value #MAX_FEATURES} are known, else "other". */
  String feature(String name) {
    if (name == null || !FEATURE.matcher(name).matches()) {
      return name == null ? "none" : OTHER;
    }
    String label = name.toLowerCase(Locale.ROOT);
    if (features.contains(label)) {
      return label;
    }
    synchronized (features) {
      if (features.size() < MAX_FEATURES) {
        features.add(label);
        return label;
      }
    }
    return features.contains(label) ? label : OTHER;
  }

  @Override
  public void decisionLogCommitted(int decisions, long nanos) {
    logCommit.record(nanos, TimeUnit.NANOSECONDS);
    Counter.builder("stave.decision.log.decisions")
        .description("Decisions committed to the decision log")
        .register(registry)
        .increment(decisions);
  }

  @Override
  public void watchDecisionLogQueue(LongSupplier waiting) {
    Gauge.builder("stave.decision.log.queue.depth", waiting::getAsLong)
        .description("Writes waiting for the decision log's writer")
        .strongReference(true)
        .register(registry);
  }

  @Override
  public void feedMessage(String kind, String status, long bytes) {
    Counter.builder("stave.feed.messages")
        .description("Feed messages by kind and the state they reached")
        .tag("kind", kind.toLowerCase(Locale.ROOT))
        .tag("status", status)
        .register(registry)
        .increment();
    if (bytes > 0) {
      Counter.builder("stave.feed.ingest")
          .description("Bytes of new feed messages received")
          .baseUnit("bytes")
          .tag("kind", kind.toLowerCase(Locale.ROOT))
          .register(registry)
          .increment(bytes);
    }
  }

  @Override
  public void policyActivation(boolean activated, long nanos) {
    Timer.builder("stave.policy.activation")
        .description("Compiling a policy version and switching this node to it")
        .tag("outcome", activated ? "activated" : "failed")
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void watchActivePolicy(LongSupplier version) {
    Gauge.builder("stave.policy.active.version", version::getAsLong)
        .description("The policy version this node decides with (-1 while none)")
        .strongReference(true)
        .register(registry);
  }

  @Override
  public void watchClusterMembers(LongSupplier members) {
    Gauge.builder("stave.cluster.members", members::getAsLong)
        .description("Cluster members this node sees")
        .strongReference(true)
        .register(registry);
  }
}
