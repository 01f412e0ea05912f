package io.stave.bench;

import io.stave.application.revenue.RevenueService;
import io.stave.application.revenue.UsageEvent;
import io.stave.application.revenue.UsageReceipt;
import io.stave.application.revenue.UsageService;
import io.stave.infrastructure.persistence.DurableCommits;
import io.stave.infrastructure.persistence.JdbcDecisionLog;
import io.stave.infrastructure.persistence.JdbcRevenueLedger;
import io.stave.infrastructure.persistence.Migrations;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Money;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Reason;
import io.stave.rules.domain.ReasonCode;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UsageUnit;
import io.stave.rules.domain.UseType;
import io.stave.rules.domain.Verdict;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.PolicyCompiler;
import io.stave.rules.engine.PolicySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Usage events accepted per second and the time to close a period, through the server's own
 * services (UsageService, RevenueService) and the real database code, in process on an embedded H2
 * file (WRITE_DELAY=0, as the server runs it) — no HTTP. Usage: {@code java -cp benchmarks.jar
 * io.stave.bench.RevenueBenchmark <events to accept> [threads] [batch size] [copies]}.
 *
 * <p>With {@code copies} above 1, the period is filled further before the close by copying the
 * accepted batch events in SQL under new event ids ({@code copies} times as many events in all), so
 * a close of 10 million events can be timed without accepting each through the service first; the
 * copies are real rows of the same shape, read by the close like any other.
 *
 * <p>The events reference 1,000 logged PERMITs over 1,000 recordings with 3-party split sheets, a
 * mix of AI DJ pool picks (seconds, with money), rate-card commentary (seconds), AI Playlist plays,
 * generated output (items, money, attribution) and training items.
 */
public final class RevenueBenchmark {
  private static final YearMonth PERIOD = YearMonth.of(2026, 3);
  private static final Instant AT = Instant.parse("2026-03-10T10:00:00Z");

  private RevenueBenchmark() {}

  public static void main(String[] args) throws Exception {
    long total = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    int copies = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    Path dir = Files.createTempDirectory("stave-revenue-bench");
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.resolve("stave") + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    h2.setPassword("sa");
    Migrations.migrate(h2, null);
    DurableCommits.ensure(h2);
    System.out.printf(
        "# Revenue: %,d usage events, %d threads, batches of %d, H2 file in %s, %d cores%n",
        total, threads, batch, dir, Runtime.getRuntime().availableProcessors());

    try (JdbcDecisionLog log =
            new JdbcDecisionLog(
                h2,
                Executors.defaultThreadFactory(),
                10_000,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30));
        CompiledPolicy policy = PolicyCompiler.compile(PolicySource.baseline(1))) {
      List<Decision> decisions = decisions(1_000);
      log.record(decisions, "bench");
      JdbcRevenueLedger ledger = new JdbcRevenueLedger(h2);
      UsageService usage = new UsageService(log, ledger, Duration.ofHours(24));

      // Single events (one per request, as a feature reporting each play would), briefly.
      long singles = accept(usage, decisions, 4_000, threads, 1, "single-");
      // Batches: the bulk of the period.
      long accepted = accept(usage, decisions, total, threads, batch, "batch-");
      long copied = copy(h2, copies);
      System.out.printf("events booked into %s: %,d%n", PERIOD, singles + accepted + copied);

      RevenueService revenue =
          new RevenueService(
              ledger,
              () -> policy,
              Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC));
      long started = System.nanoTime();
      var closed = revenue.close(PERIOD, "bench");
      long millis = (System.nanoTime() - started) / 1_000_000;
      int statements = revenue.statements(PERIOD).size();
      System.out.printf(
          "close of %s: %,d events, %,d statements in %,d ms (%,.0f events/s)%n",
          PERIOD, closed.events(), statements, millis, closed.events() * 1000.0 / millis);
    }
  }

  /** Copies the accepted batch events {@code copies - 1} times under new ids; returns how many. */
  private static long copy(JdbcDataSource h2, int copies) throws Exception {
    long copied = 0;
    long started = System.nanoTime();
    try (var connection = h2.getConnection()) {
      for (int c = 2; c <= copies; c++) {
        try (var insert =
            connection.prepareStatement(
                """
                INSERT INTO usage_event (principal, event_id, decision_id, feature, use_type, isrc,
                    territory, unit, quantity, amount_minor, currency, attribution, used_from,
                    used_to, usage_period, booked_period, split, content_hash, received_at)
                SELECT principal, CONCAT('copy', ?, '-', event_id), decision_id, feature, use_type,
                    isrc, territory, unit, quantity, amount_minor, currency, attribution, used_from,
                    used_to, usage_period, booked_period, split, content_hash, received_at
                FROM usage_event WHERE event_id LIKE 'batch-%'""")) {
          insert.setInt(1, c);
          copied += insert.executeUpdate();
        }
      }
    }
    if (copied > 0) {
      System.out.printf(
          "copied in SQL: %,d events in %.1f s%n", copied, (System.nanoTime() - started) / 1e9);
    }
    return copied;
  }

  private static long accept(
      UsageService usage,
      List<Decision> decisions,
      long total,
      int threads,
      int batch,
      String prefix)
      throws Exception {
    AtomicLong next = new AtomicLong();
    AtomicLong accepted = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long started = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      running.add(
          pool.submit(
              () -> {
                SplittableRandom random = new SplittableRandom(thread);
                while (true) {
                  long first = next.getAndAdd(batch);
                  if (first >= total) {
                    return null;
                  }
                  List<UsageEvent> events = new ArrayList<>(batch);
                  for (long i = first; i < Math.min(total, first + batch); i++) {
                    events.add(
                        event(prefix + i, decisions.get(random.nextInt(decisions.size())), random));
                  }
                  for (UsageReceipt receipt : usage.report(events, "bench")) {
                    if (receipt.status() != UsageReceipt.Status.ACCEPTED) {
                      throw new IllegalStateException(receipt.toString());
                    }
                    accepted.incrementAndGet();
                  }
                }
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "accepted (%s batch of %d, %d threads): %,d events in %.1f s = %,.0f events/s%n",
        prefix.replace("-", ""), batch, threads, accepted.get(), seconds, accepted.get() / seconds);
    return accepted.get();
  }

  private static final UseType[] USES = {
    UseType.AI_CURATION, UseType.AI_VOICEOVER, UseType.AI_DERIVATIVE, UseType.AI_TRAINING
  };

  private static List<Decision> decisions(int count) {
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Isrc isrc = Isrc.of(String.format("GBBEN26%05d", i));
      UseType use = USES[i % USES.length];
      String feature =
          switch (use) {
            case AI_CURATION -> i % 8 == 0 ? "ai-playlist" : "ai-dj";
            case AI_VOICEOVER -> "ai-dj";
            case AI_DERIVATIVE -> "remix";
            default -> "trainer";
          };
      SplitSheet split =
          new SplitSheet(
              "split-" + i,
              isrc,
              null,
              List.of(
                  new Share("label-" + (i % 20), "LABEL", Percent.of("50")),
                  new Share("artist-" + i, "MAIN_ARTIST", Percent.of("35")),
                  new Share("producer-" + (i % 50), "PRODUCER", Percent.of("15"))));
      decisions.add(
          new Decision(
              "bench-decision-" + i,
              new DecisionRequest(null, feature, use, isrc, Territory.of("SE"), AT, Map.of()),
              Verdict.PERMIT,
              List.of(new Reason(ReasonCode.LICENSED, "bench", "licensed")),
              List.of(),
              split,
              List.of("artist-" + i),
              1,
              AT,
              1_000));
    }
    return decisions;
  }

  private static UsageEvent event(String id, Decision d, SplittableRandom random) {
    DecisionRequest r = d.request();
    UseType use = r.getUseType();
    boolean playlist = "ai-playlist".equals(r.getFeature());
    UsageUnit unit =
        use == UseType.AI_DERIVATIVE || use == UseType.AI_TRAINING
            ? UsageUnit.ITEMS
            : playlist ? UsageUnit.PLAYS : UsageUnit.SECONDS;
    long quantity = unit == UsageUnit.SECONDS ? 30 + random.nextInt(200) : 1 + random.nextInt(3);
    Money amount =
        use == UseType.AI_VOICEOVER || playlist
            ? null
            : new Money(random.nextInt(1, 500), java.util.Currency.getInstance("EUR"));
    var attribution =
        use == UseType.AI_DERIVATIVE && random.nextBoolean()
            ? java.math.BigDecimal.valueOf(random.nextInt(101), 2)
            : null;
    Instant from = AT.plusSeconds(random.nextInt(80_000));
    return new UsageEvent(
        id,
        d.decisionId(),
        r.getFeature(),
        use,
        r.getIsrc(),
        unit,
        quantity,
        amount,
        attribution,
        from,
        from.plusSeconds(quantity));
  }
}
