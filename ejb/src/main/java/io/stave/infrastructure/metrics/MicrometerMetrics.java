package io.stave.infrastructure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.stave.application.Metrics;
import io.stave.rules.domain.Decision;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *
 * <p>Every meter is created through the registry's direct methods ({@code counter(name, tags)},
 * {@code timer(name, tags)}, {@code gauge(...)}, {@code more().counter(...)}), never through a
 * {@code Counter/Timer/Gauge.builder(...).register(registry)}: the registry WildFly 39 injects into
 * a deployment forwards only the direct methods to the server's registry, and a builder's meter
 * stays in a local registry nobody scrapes. Meters are created once and kept (decisions count on
 * the hot path; a direct method looks its meter up by name and tags on every call).
 */
public final class MicrometerMetrics implements Metrics {
  static final int MAX_FEATURES = 50;
  static final String OTHER = "other";
  private static final Pattern FEATURE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final MeterRegistry registry;
  private final Set<String> features = ConcurrentHashMap.newKeySet();
  private final LatencyHistogram engine;
  private final LatencyHistogram single;
  private final LatencyHistogram batch;
  private final LatencyHistogram logCommit;
  private final Counter logDecisions;
  private final Timer activated;
  private final Timer failed;
  private final Map<DecisionLabels, Counter> decisions = new ConcurrentHashMap<>();
  private final Map<String, Counter> feedMessages = new ConcurrentHashMap<>();
  private final Map<String, Counter> feedBytes = new ConcurrentHashMap<>();
  private final Watched queueDepth = new Watched(0);
  private final Watched activeVersion = new Watched(-1);
  private final Watched clusterMembers = new Watched(0);

  /** The labels of one stave_decisions_total series. */
  private record DecisionLabels(String outcome, String reason, String useType, String feature) {}

  /**
   * A value read when metrics are scraped. The gauge is registered once, on this holder, which the
   * metrics keep (a Micrometer gauge holds its object weakly); watching again replaces the source.
   */
  private static final class Watched {
    private volatile LongSupplier source;

    Watched(long initial) {
      source = () -> initial;
    }

    double value() {
      return source.getAsLong();
    }
  }

  public MicrometerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.engine = new LatencyHistogram(registry, "stave.decision.engine", Tags.empty());
    this.single =
        new LatencyHistogram(registry, "stave.decision.request", Tags.of("call", "single"));
    this.batch = new LatencyHistogram(registry, "stave.decision.request", Tags.of("call", "batch"));
    this.logCommit = new LatencyHistogram(registry, "stave.decision.log.commit", Tags.empty());
    this.logDecisions = registry.counter("stave.decision.log.decisions", Tags.empty());
    this.activated = registry.timer("stave.policy.activation", Tags.of("outcome", "activated"));
    this.failed = registry.timer("stave.policy.activation", Tags.of("outcome", "failed"));
    registry.gauge("stave.decision.log.queue.depth", Tags.empty(), queueDepth, Watched::value);
    registry.gauge("stave.policy.active.version", Tags.empty(), activeVersion, Watched::value);
    registry.gauge("stave.cluster.members", Tags.empty(), clusterMembers, Watched::value);
  }

  @Override
  public void decided(List<Decision> decided, boolean isBatch, long nanos) {
    (isBatch ? batch : single).record(nanos);
    for (Decision decision : decided) {
      engine.record(decision.evaluationNanos());
      decisions
          .computeIfAbsent(
              new DecisionLabels(
                  decision.verdict().name(),
                  decision.reasons().get(0).code().name(),
                  decision.request().getUseType().name(),
                  feature(decision.request().getFeature())),
              labels ->
                  registry.counter(
                      "stave.decisions",
                      Tags.of(
                          "outcome", labels.outcome(),
                          "reason", labels.reason(),
                          "use_type", labels.useType(),
                          "feature", labels.feature())))
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
  public void decisionLogCommitted(int committed, long nanos) {
    logCommit.record(nanos);
    logDecisions.increment(committed);
  }

  @Override
  public void watchDecisionLogQueue(LongSupplier waiting) {
    queueDepth.source = waiting;
  }

  @Override
  public void feedMessage(String kind, String status, long bytes) {
    String kindLabel = kind.toLowerCase(Locale.ROOT);
    feedMessages
        .computeIfAbsent(
            kindLabel + '\n' + status,
            key ->
                registry.counter(
                    "stave.feed.messages", Tags.of("kind", kindLabel, "status", status)))
        .increment();
    if (bytes > 0) {
      feedBytes
          .computeIfAbsent(
              kindLabel, key -> registry.counter("stave.feed.ingest.bytes", Tags.of("kind", key)))
          .increment(bytes);
    }
  }

  @Override
  public void policyActivation(boolean wasActivated, long nanos) {
    (wasActivated ? activated : failed).record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void watchActivePolicy(LongSupplier version) {
    activeVersion.source = version;
  }

  @Override
  public void watchClusterMembers(LongSupplier members) {
    clusterMembers.source = members;
  }
}
