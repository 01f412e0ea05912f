package io.stave.application.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.application.ConflictException;
import io.stave.application.revenue.UsageReceipt.Status;
import io.stave.infrastructure.persistence.JdbcDecisionLog;
import io.stave.infrastructure.persistence.JdbcRevenueLedger;
import io.stave.infrastructure.persistence.TestDatabases;
import io.stave.infrastructure.persistence.TestDatabases.TestDatabase;
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
import io.stave.rules.revenue.Statement;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Usage reported against logged decisions and periods closed into statements, on the real
 * databases: what is accepted, what is a duplicate, what is rejected and why; a close pays what the
 * rules say; a closed period is final and late usage goes to the next one; balances, reserves and
 * corrections carry forward.
 */
class UsageAndStatementsTest {
  private static final Isrc SONG = Isrc.of("GBAAA2600001");
  private static final Instant MARCH = Instant.parse("2026-03-10T10:00:00Z");
  private static final Clock DECEMBER =
      Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);
  private static final SplitSheet SPLIT =
      new SplitSheet(
          "split-1",
          SONG,
          null,
          List.of(
              new Share("label", "LABEL", Percent.of("60")),
              new Share("artist", "MAIN_ARTIST", Percent.of("40"))));
  private static CompiledPolicy policy;

  static List<TestDatabase> databases() throws Exception {
    return TestDatabases.all();
  }

  @BeforeAll
  static void compile() throws Exception {
    policy = PolicyCompiler.compile(PolicySource.baseline(1));
  }

  @AfterAll
  static void close() {
    policy.close();
  }

  private static Decision decision(Verdict verdict, String feature, UseType use, Instant at) {
    return new Decision(
        UUID.randomUUID().toString(),
        new DecisionRequest(null, feature, use, SONG, Territory.of("SE"), at, Map.of()),
        verdict,
        List.of(new Reason(ReasonCode.LICENSED, "rule", "licensed")),
        List.of(),
        verdict == Verdict.PERMIT ? SPLIT : null,
        List.of("artist"),
        1,
        at,
        1_000);
  }

  private static UsageEvent event(
      String id, Decision d, UsageUnit unit, long quantity, String eur, Instant from) {
    return new UsageEvent(
        id,
        d.decisionId(),
        d.request().getFeature(),
        d.request().getUseType(),
        d.request().getIsrc(),
        unit,
        quantity,
        eur == null ? null : Money.of(eur, "EUR"),
        null,
        from,
        from.plusSeconds(60));
  }

  private record Setup(UsageService usage, RevenueService revenue, JdbcDecisionLog log) {}

  private static Setup setup(TestDatabase database) {
    var log =
        new JdbcDecisionLog(
            database.dataSource(),
            Executors.defaultThreadFactory(),
            1_000,
            Duration.ofSeconds(2),
            Duration.ofSeconds(10));
    var ledger = new JdbcRevenueLedger(database.dataSource());
    return new Setup(
        new UsageService(log, ledger, Duration.ofHours(24)),
        new RevenueService(ledger, () -> policy, DECEMBER),
        log);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void eventsAreAcceptedOnceAndRejectedWithTheirReason(TestDatabase database) {
    Setup s = setup(database);
    try (var log = s.log()) {
      Decision dj = decision(Verdict.PERMIT, "ai-dj", UseType.AI_CURATION, MARCH);
      Decision denied = decision(Verdict.DENY, "ai-dj", UseType.AI_CURATION, MARCH);
      log.record(List.of(dj, denied), "client");
      UsageEvent ok = event("e1", dj, UsageUnit.SECONDS, 200, "1.00", MARCH.plusSeconds(5));
      List<UsageReceipt> receipts =
          s.usage()
              .report(
                  List.of(
                      ok,
                      ok,
                      event("e1", dj, UsageUnit.SECONDS, 999, "1.00", MARCH.plusSeconds(5)),
                      event("e2", denied, UsageUnit.SECONDS, 1, null, MARCH),
                      new UsageEvent(
                          "e3",
                          dj.decisionId(),
                          "ai-dj",
                          UseType.AI_CURATION,
                          Isrc.of("GBAAA2600009"),
                          UsageUnit.SECONDS,
                          1,
                          null,
                          null,
                          MARCH,
                          MARCH),
                      new UsageEvent(
                          "e4",
                          dj.decisionId(),
                          "ai-dj",
                          UseType.AI_TRAINING,
                          SONG,
                          UsageUnit.ITEMS,
                          1,
                          null,
                          null,
                          MARCH,
                          MARCH),
                      new UsageEvent(
                          "e5",
                          dj.decisionId(),
                          "ai-playlist",
                          UseType.AI_CURATION,
                          SONG,
                          UsageUnit.SECONDS,
                          1,
                          null,
                          null,
                          MARCH,
                          MARCH),
                      event("e6", dj, UsageUnit.SECONDS, 1, null, MARCH.minusSeconds(1)),
                      event("e7", dj, UsageUnit.SECONDS, 1, null, MARCH.plus(Duration.ofDays(1))),
                      new UsageEvent(
                          "e8",
                          "no-such-decision",
                          "ai-dj",
                          UseType.AI_CURATION,
                          SONG,
                          UsageUnit.SECONDS,
                          1,
                          null,
                          null,
                          MARCH,
                          MARCH)),
                  "client");
      assertEquals(
          List.of(
              "ACCEPTED 2026-03",
              "DUPLICATE 2026-03",
              "REJECTED EVENT_ID_REUSED",
              "REJECTED NOT_PERMITTED",
              "REJECTED OTHER_RECORDING",
              "REJECTED OTHER_USE",
              "REJECTED OTHER_FEATURE",
              "REJECTED OUTSIDE_VALIDITY",
              "REJECTED OUTSIDE_VALIDITY",
              "REJECTED UNKNOWN_DECISION"),
          receipts.stream()
              .map(
                  r -> r.status() + " " + (r.status() == Status.REJECTED ? r.reason() : r.period()))
              .toList());
      // Sent again later, the accepted event is still a duplicate; another client's e1 is new.
      assertEquals(Status.DUPLICATE, s.usage().report(List.of(ok), "client").get(0).status());
      assertEquals(Status.ACCEPTED, s.usage().report(List.of(ok), "other").get(0).status());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aClosedPeriodIsFinalLateUsageAndCorrectionsGoToTheNextAndBalancesCarryForward(
      TestDatabase database) {
    Setup s = setup(database);
    try (var log = s.log()) {
      Decision dj = decision(Verdict.PERMIT, "ai-dj", UseType.AI_CURATION, MARCH);
      Decision voice = decision(Verdict.PERMIT, "ai-dj", UseType.AI_VOICEOVER, MARCH);
      log.record(List.of(dj, voice), "client");
      // AI DJ pool: 30.00 EUR reported, half (15.00) pooled, all to the one recording.
      // Rate card: 1,500 s of commentary × 0.0020 = 3.00. March earns 18.00: label 60% = 10.80,
      // artist 40% = 7.20. Reserve 10%: label 1.08 → 9.72 paid; artist 0.72 → 6.48 carried.
      s.usage()
          .report(
              List.of(
                  event("m1", dj, UsageUnit.SECONDS, 180, "30.00", MARCH),
                  event("m2", voice, UsageUnit.SECONDS, 1500, null, MARCH)),
              "client");
      assertThrows(ConflictException.class, () -> s.revenue().close(YearMonth.of(2026, 12), "fin"));
      // Before its close, March is OPEN with the usage booked into it, listed and readable.
      var openMarch = s.revenue().period(YearMonth.of(2026, 3));
      assertEquals("OPEN", openMarch.status());
      assertEquals(2, openMarch.events());
      assertEquals(
          List.of("2026-03 OPEN 2"),
          s.revenue().periods().stream()
              .map(p -> p.period() + " " + p.status() + " " + p.events())
              .toList());
      var march = s.revenue().close(YearMonth.of(2026, 3), "finance");
      assertEquals("CLOSED", march.status());
      assertEquals(2, march.events());
      Map<String, Statement> statements =
          s.revenue().statements(YearMonth.of(2026, 3)).stream()
              .collect(Collectors.toMap(Statement::partyId, st -> st));
      assertEquals(1800, statements.values().stream().mapToLong(Statement::earnings).sum());
      Statement label = statements.get("label");
      Statement artist = statements.get("artist");
      assertEquals(1080, label.earnings());
      assertEquals(108, label.reserveHeld());
      assertEquals(0, label.payout(), "9.72 is below the 10.00 minimum");
      assertEquals(972, label.closing());
      assertEquals(720, artist.earnings());
      assertEquals(648, artist.closing());

      // Final: closing again is refused; a late March event books into April.
      assertThrows(ConflictException.class, () -> s.revenue().close(YearMonth.of(2026, 3), "f"));
      Decision lateDecision = decision(Verdict.PERMIT, "ai-dj", UseType.AI_VOICEOVER, MARCH);
      log.record(List.of(lateDecision), "client");
      var late =
          s.usage()
              .report(
                  List.of(event("late", lateDecision, UsageUnit.SECONDS, 500, null, MARCH)),
                  "client");
      assertEquals("2026-04", late.get(0).period());
      assertEquals(
          List.of("2026-04 OPEN 1", "2026-03 CLOSED 2"),
          s.revenue().periods().stream()
              .map(p -> p.period() + " " + p.status() + " " + p.events())
              .toList());
      // A correction can only be checked against the parties the server has heard of: a typo
      // is booked, but the answer warns of it.
      assertTrue(s.revenue().knowsParty("label"), "named by a split sheet and a statement");
      assertFalse(s.revenue().knowsParty("lable"));
      // A correction: the label was over-paid by 0.50 in March.
      s.revenue()
          .addAdjustment(
              "label", -50, Currency.getInstance("EUR"), "over-reported", "2026-03", "finance");

      // April: 500 s × 0.0020 = 1.00 → label 0.60, artist 0.40. Label: 9.72 + 0.60 − 0.50 + 1.08
      // released − 0.06 held = 10.84 ≥ 10.00 → paid. Artist: 6.48 + 0.40 + 0.72 − 0.04 = 7.56.
      s.revenue().close(YearMonth.of(2026, 4), "finance");
      Statement aprilLabel = s.revenue().statement(YearMonth.of(2026, 4), "label");
      assertEquals(972, aprilLabel.opening());
      assertEquals(60, aprilLabel.earnings());
      assertEquals(-50, aprilLabel.adjustments());
      assertEquals(108, aprilLabel.reserveReleased());
      assertEquals(6, aprilLabel.reserveHeld());
      assertEquals(1084, aprilLabel.payout());
      assertEquals(0, aprilLabel.closing());
      Statement aprilArtist = s.revenue().statement(YearMonth.of(2026, 4), "artist");
      assertEquals(756, aprilArtist.closing());
      assertEquals(0, aprilArtist.payout());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void foreignEarningsNeedASuppliedRateAndTheStatementNamesIt(TestDatabase database) {
    Setup s = setup(database);
    try (var log = s.log()) {
      Instant may = Instant.parse("2026-05-05T00:00:00Z");
      Decision trainer = decision(Verdict.PERMIT, "trainer", UseType.AI_TRAINING, may);
      log.record(List.of(trainer), "client");
      s.usage()
          .report(
              List.of(
                  new UsageEvent(
                      "t1",
                      trainer.decisionId(),
                      "trainer",
                      UseType.AI_TRAINING,
                      SONG,
                      UsageUnit.ITEMS,
                      1,
                      Money.of("100000", "JPY"),
                      null,
                      may,
                      may)),
              "client");
      var missing =
          assertThrows(
              ConflictException.class, () -> s.revenue().close(YearMonth.of(2026, 5), "f"));
      assertTrue(missing.getMessage().contains("JPY"), missing.getMessage());
      s.revenue()
          .addRates(
              List.of(
                  new Statement.Rate(
                      Currency.getInstance("JPY"),
                      Currency.getInstance("EUR"),
                      new BigDecimal("0.0062"),
                      LocalDate.of(2026, 5, 31))),
              "finance");
      s.revenue().close(YearMonth.of(2026, 5), "finance"); // the CLOSING period closes again
      Statement label = s.revenue().statement(YearMonth.of(2026, 5), "label");
      // 100,000 JPY → 620.00 EUR; the label's 60% of the yen is 60,000 → 372.00 EUR.
      assertEquals(37200, label.earnings());
      assertEquals(new BigDecimal("0.0062"), label.rates().get(0).rate());
      assertNull(
          s.revenue().periods().stream()
              .filter(p -> "CLOSING".equals(p.status()))
              .findAny()
              .orElse(null));
    }
  }
}
