package io.stave.infrastructure.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stave.application.DecisionLog;
import io.stave.application.DecisionPage;
import io.stave.application.DecisionQuery;
import io.stave.application.DecisionService;
import io.stave.application.LoggedDecision;
import io.stave.application.PolicyService;
import io.stave.application.PolicyStore;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.engine.EvaluationLimits;
import io.stave.rules.engine.InMemoryFactStore;
import io.stave.rules.engine.PolicySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The stave_* metrics as Prometheus sees them, through the same Micrometer Prometheus registry the
 * server's micrometer subsystem uses, behind a stand-in of the registry WildFly 39 injects into a
 * deployment (only its direct methods reach the server's registry): the scrape names exactly the
 * metrics docs/metrics.md documents, the latency buckets count as Prometheus histograms do, and the
 * labels stay bounded.
 */
class MicrometerMetricsTest {
  private static final Path DOCUMENTATION = Path.of("..", "docs", "metrics.md");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerMetrics metrics =
      new MicrometerMetrics(new WildFlyApplicationRegistry(registry));

  private static final DecisionLog NO_LOG =
      new DecisionLog() {
        @Override
        public void record(List<Decision> decisions, String principal) {}

        @Override
        public Optional<LoggedDecision> find(String decisionId) {
          return Optional.empty();
        }

        @Override
        public DecisionPage list(DecisionQuery query) {
          throw new UnsupportedOperationException();
        }
      };

  @Test
  void theScrapeNamesExactlyTheDocumentedMetrics() throws Exception {
    PolicySource baseline = PolicySource.baseline(1);
    PolicyService policies =
        new PolicyService(
            new PolicyStore() {
              @Override
              public Optional<PolicySource> findActive() {
                return Optional.of(baseline);
              }

              @Override
              public Optional<PolicySource> find(long version) {
                return Optional.of(baseline);
              }

              @Override
              public boolean installShippedBaseline() {
                return false;
              }
            },
            metrics);
    try {
      policies.activateStoredPolicy();
      DecisionService decisions =
          new DecisionService(
              policies,
              new InMemoryFactStore(),
              NO_LOG,
              () -> true,
              EvaluationLimits.DEFAULT,
              metrics);
      decisions.decide(request("ai-dj", UseType.AI_CURATION), "client");
      decisions.decideAll(
          List.of(
              request("ai-dj", UseType.AI_TRAINING), request("ai-playlist", UseType.AI_ANALYSIS)),
          "client");
    } finally {
      policies.close();
    }
    metrics.watchDecisionLogQueue(() -> 3);
    metrics.decisionLogCommitted(3, 2_000_000);
    metrics.feedMessage("ERN", "RECEIVED", 4_096);
    metrics.feedMessage("ERN", "APPLIED", 0);
    metrics.watchClusterMembers(() -> 1);

    String scrape = registry.scrape();
    assertEquals(documentedMetrics(), scrapedFamilies(scrape), scrape);
    assertTrue(
        scrape.contains(
            "stave_decisions_total{WF_DEPLOYMENT=\"stave.ear\",feature=\"ai-dj\",outcome=\"DENY\","
                + "reason=\"UNKNOWN_RECORDING\",use_type=\"AI_CURATION\"} 1.0"),
        scrape);
    assertTrue(
        scrape.contains("stave_policy_active_version{WF_DEPLOYMENT=\"stave.ear\"} -1.0"),
        "closed: no policy; " + scrape);
    assertTrue(
        scrape.contains(
            "stave_feed_ingest_bytes_total{WF_DEPLOYMENT=\"stave.ear\",kind=\"ern\"} 4096.0"),
        scrape);
  }

  @Test
  void theLatencyBucketsCountAsAPrometheusHistogramsDo() {
    metrics.decisionLogCommitted(1, 40_000); // 40 µs: in every bucket
    metrics.decisionLogCommitted(1, 700_000); // 0.7 ms
    metrics.decisionLogCommitted(1, 1_000_000); // exactly 1 ms: a bound holds what equals it
    metrics.decisionLogCommitted(1, 30_000_000_000L); // 30 s: above the largest bound
    String scrape = registry.scrape();
    Map<String, String> expected =
        Map.of("0.00005", "1.0", "0.0005", "1.0", "0.001", "3.0", "10", "3.0", "+Inf", "4.0");
    expected.forEach(
        (le, count) ->
            assertTrue(
                scrape.contains(
                    "stave_decision_log_commit_seconds_buckets_total{WF_DEPLOYMENT=\"stave.ear\","
                        + "le=\""
                        + le
                        + "\"} "
                        + count
                        + "\n"),
                "le=" + le + " counts " + count + "\n" + scrape));
    assertTrue(
        scrape.contains("stave_decision_log_commit_seconds_count{WF_DEPLOYMENT=\"stave.ear\"} 4\n"),
        scrape);
    assertEquals(
        LatencyHistogram.BOUNDS.length + 1,
        scrape
            .lines()
            .filter(l -> l.startsWith("stave_decision_engine_seconds_buckets_total{"))
            .count(),
        "every bound and +Inf, before the first decision too");
  }

  @Test
  void aValueWatchedAgainIsReadFromItsNewSource() {
    metrics.watchClusterMembers(() -> 1);
    metrics.watchClusterMembers(() -> 3);
    assertTrue(
        registry.scrape().contains("stave_cluster_members{WF_DEPLOYMENT=\"stave.ear\"} 3.0"),
        registry.scrape());
  }

  @Test
  void theFeatureLabelKeepsTheFirstFiftyNamesAndCallsTheRestOther() {
    Set<String> labels =
        IntStream.range(0, 500)
            .mapToObj(i -> metrics.feature("feature-" + i))
            .collect(Collectors.toSet());
    assertEquals(MicrometerMetrics.MAX_FEATURES + 1, labels.size());
    assertTrue(labels.contains(MicrometerMetrics.OTHER));
    assertEquals("feature-7", metrics.feature("feature-7"), "a known name keeps its label");
    assertEquals("feature-7", metrics.feature("FEATURE-7"), "labels are lower-cased");
    assertEquals("other", metrics.feature("a b/c"), "a malformed name is other");
    assertEquals("other", metrics.feature("x".repeat(65)));
    assertEquals("none", metrics.feature(null));
  }

  private static DecisionRequest request(String feature, UseType useType) {
    return new DecisionRequest(
        "r",
        feature,
        useType,
        Isrc.of("GBQZS2699999"),
        Territory.of("SE"),
        Instant.now(),
        Map.of());
  }

  /** The names of the table in docs/metrics.md: the first column's `stave_...` code spans. */
  static Set<String> documentedMetrics() throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `(stave_[a-z_]+)` \\|").matcher(read());
    while (row.find()) {
      names.add(row.group(1));
    }
    return names;
  }

  private static String read() throws IOException {
    return Files.readString(DOCUMENTATION);
  }

  /** Sample names of the scrape, a histogram's _bucket, _count and _sum folded into its name. */
  static Set<String> scrapedFamilies(String scrape) {
    Set<String> names = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (line.startsWith("stave_")) {
        String name = line.split("[{ ]", 2)[0];
        names.add(name.replaceAll("_(bucket|count|sum)$", ""));
      }
    }
    return names;
  }
}
