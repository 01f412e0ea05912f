package io.stave.application.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.application.ConflictException;
import io.stave.application.PolicyService;
import io.stave.application.revenue.RevenueLedger;
import io.stave.application.revenue.RevenueService;
import io.stave.application.revenue.UsageEvent;
import io.stave.infrastructure.persistence.JdbcDecisionLog;
import io.stave.infrastructure.persistence.JdbcRevenueLedger;
import io.stave.infrastructure.persistence.PolicyRepository;
import io.stave.infrastructure.persistence.TestDatabases;
import io.stave.infrastructure.persistence.TestDatabases.TestDatabase;
import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Money;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UsageUnit;
import io.stave.rules.domain.UseType;
import io.stave.rules.engine.EvaluationLimits;
import io.stave.rules.engine.InMemoryFactStore;
import io.stave.rules.engine.PolicySource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Revenue rules go through the authoring lifecycle like licensing rules, on a real database (H2,
 * and PostgreSQL when given): a draft's revenue scenarios run in its test step and keep a draft
 * whose payouts differ from their expectation from being submitted; impact analysis re-allocates a
 * period's usage with the draft's revenue rules and reports each payee's exact difference.
 */
class RevenueAuthoringTest {
  private static final EvaluationLimits PATIENT =
      new EvaluationLimits(1_000, Duration.ofSeconds(10));
  private static final Clock DECEMBER =
      Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);
  private static final String RATE_CARD_SCENARIO =
      "The rate card pays AI DJ commentary per second, rounded once per period";
  private static final String RATE_CARD_EXPECTATION =
      "{\"payees\": {\"label-a\": 148, \"artist-a\": 99}, \"models\": {\"rate-card\": 247}}";
  private static final Isrc A = Isrc.of("GBAAA2600001");
  private static final Isrc B = Isrc.of("GBAAA2600002");
  private static final SplitSheet SPLIT_A =
      new SplitSheet(
          "split-a",
          A,
          null,
          List.of(
              new Share("label-a", "LABEL", Percent.of("60")),
              new Share("artist-a", "MAIN_ARTIST", Percent.of("40"))));
  private static final SplitSheet SPLIT_B =
      new SplitSheet("split-b", B, null, List.of(new Share("label-b", "LABEL", Percent.HUNDRED)));

  static List<TestDatabase> databases() throws Exception {
    return TestDatabases.all();
  }

  private record Node(
      PolicyAuthoring authoring, PolicyService policies, JdbcRevenueLedger ledger) {}

  /** Authoring with the shipped baseline active, and the revenue ledger on the same database. */
  private static Node start(TestDatabase database) throws Exception {
    PolicyRepository repository = new PolicyRepository(database.dataSource());
    PolicyService policies = new PolicyService(repository);
    policies.activateStoredPolicy();
    JdbcDecisionLog log =
        new JdbcDecisionLog(
            database.dataSource(),
            Executors.defaultThreadFactory(),
            1_000,
            Duration.ofSeconds(2),
            Duration.ofSeconds(10));
    JdbcRevenueLedger ledger = new JdbcRevenueLedger(database.dataSource());
    PolicyAuthoring authoring =
        new PolicyAuthoring(
            repository,
            policies,
            null, // no activation here: drafts are tested, submitted and measured only
            log,
            new InMemoryFactStore(),
            PATIENT,
            Runnable::run,
            Duration.ofSeconds(30),
            ledger);
    return new Node(authoring, policies, ledger);
  }

  private static String baseline(String file) {
    return PolicySource.baseline(1).files().get(file);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aDraftWhoseRateChangesFailsItsRevenueScenarioAndIsSubmittedOnceTheExpectationIsFixed(
      TestDatabase database) throws Exception {
    Node node = start(database);
    String rates = baseline("revenue-rates.drl.csv");
    String doubled =
        rates.replace(
            "\"AI_VOICEOVER, SECONDS, ai-dj, *\",\"0.0020, EUR\"",
            "\"AI_VOICEOVER, SECONDS, ai-dj, *\",\"0.0040, EUR\"");
    assertFalse(rates.equals(doubled), "the baseline's AI DJ commentary rate is 0.0020 EUR/s");
    PolicyVersionInfo draft =
        node.authoring()
            .createDraft(
                "author", Map.of("revenue-rates.drl.csv", doubled), 1L, "double the DJ rate");

    PolicyScenarios.Report report = node.authoring().test(draft.version(), "author");

    assertEquals(1, report.failed(), report.toString());
    var failed = report.scenarios().stream().filter(s -> !s.passed()).findFirst().orElseThrow();
    assertEquals(RATE_CARD_SCENARIO, failed.name());
    assertEquals("revenue", failed.kind());
    // 1234 s × 0.0040 = 493.6 cents, 1 s = 0.4: the total 494.0 rounds to 494; 493.6 : 0.4 →
    // floors 493 + 0, the cent to A (.6) → A 494; 60/40 = 296.4 / 197.6 → 296 + 197 and the cent
    // to the artist (.6): label-a 296, artist-a 198.
    assertEquals(
        List.of(
            "payee artist-a earnings: expected 99, got 198 (minor units)",
            "payee label-a earnings: expected 148, got 296 (minor units)",
            "model rate-card: expected 247, got 494 (minor units)"),
        failed.differences());
    assertTrue(
        failed
            .firedRules()
            .contains("AI DJ commentary about a recording earns 0.0020 EUR per second"),
        failed.firedRules().toString());
    assertTrue(
        report.scenarios().stream().anyMatch(s -> "decision".equals(s.kind()) && s.passed()),
        "licensing scenarios run beside the revenue ones");
    assertFalse(
        report.rulesNeverFired().contains("The AI DJ pool is shared pro rata by seconds played"),
        "coverage counts the revenue rules the revenue scenarios fired");
    var refused =
        assertThrows(
            ConflictException.class, () -> node.authoring().submit(draft.version(), "author"));
    assertTrue(refused.getMessage().contains(RATE_CARD_SCENARIO), refused.getMessage());

    String scenarios = baseline("baseline.scenarios.json");
    assertTrue(scenarios.contains(RATE_CARD_EXPECTATION), "the baseline states the 0.0020 figures");
    node.authoring()
        .updateDraft(
            draft.version(),
            "author",
            Map.of(
                "baseline.scenarios.json",
                scenarios.replace(
                    RATE_CARD_EXPECTATION,
                    "{\"payees\": {\"label-a\": 296, \"artist-a\": 198},"
                        + " \"models\": {\"rate-card\": 494}}")));

    PolicyScenarios.Report fixed = node.authoring().test(draft.version(), "author");
    assertEquals(0, fixed.failed(), fixed.toString());
    assertEquals("SUBMITTED", node.authoring().submit(draft.version(), "author").stage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aScenarioFileWithABadFieldIsRefusedNamingTheFileAndTheField(TestDatabase database)
      throws Exception {
    Node node = start(database);
    assertEquals(
        "dj.scenarios.json scenarios[0].usage[0].unit: 'MINUTES' is not one of [PLAYS, SECONDS, ITEMS]",
        refusal(node, file("MINUTES", "GBAAA2600001", "36")));
    assertEquals(
        "dj.scenarios.json scenarios[0].usage[0].isrc: no split sheet in given.splitSheets names"
            + " who is paid for GBAAA2600009 (AI_VOICEOVER)",
        refusal(node, file("SECONDS", "GBAAA2600009", "36")));
    assertTrue(
        refusal(node, file("SECONDS", "GBAAA2600001", "\"0.36\""))
            .startsWith("dj.scenarios.json scenarios[0].expect.payees.label-a: must be"));
    assertTrue(
        refusal(node, file("SECONDS", "GBAAA2600001", "36, \"label-a\": 40"))
            .startsWith("dj.scenarios.json scenarios[0].expect.payees.label-a: appears twice"),
        "an expectation given twice is refused, not settled by whichever the parser keeps");
  }

  private static String file(String unit, String isrc, String payee) {
    return """
        {"scenarios": [{"kind": "revenue", "name": "minutes", "period": "2026-03",
          "given": {"splitSheets": [{"isrc": "GBAAA2600001",
            "shares": [{"party": "label-a", "role": "LABEL", "percent": "100"}]}]},
          "usage": [{"feature": "ai-dj", "useType": "AI_VOICEOVER", "isrc": "%s",
            "territory": "SE", "unit": "%s", "quantity": 3}],
          "expect": {"payees": {"label-a": %s}}}]}
        """
        .formatted(isrc, unit, payee);
  }

  /** The problem a draft with this scenarios file is refused with, without "files: " in front. */
  private static String refusal(Node node, String scenarios) {
    var error =
        assertThrows(
            InvalidValueException.class,
            () ->
                node.authoring()
                    .createDraft("author", Map.of("dj.scenarios.json", scenarios), 1L, null));
    assertEquals("files", error.field(), error.getMessage());
    return error.problem();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void impactOfADraftChangingTheAiDjPoolShareReportsEachPayeesExactDifference(TestDatabase database)
      throws Exception {
    Node node = start(database);
    Instant march = Instant.parse("2026-03-10T10:00:00Z");
    Instant april = Instant.parse("2026-04-10T10:00:00Z");
    node.ledger()
        .book(
            "client",
            List.of(
                dj("m1", SPLIT_A, 200, "1.00", march),
                dj("m2", SPLIT_B, 100, "0.01", march),
                dj("a1", SPLIT_B, 100, "0.10", april)));
    new RevenueService(node.ledger(), node.policies()::active, DECEMBER)
        .close(YearMonth.of(2026, 3), "auditor");

    String pool = baseline("revenue.drl");
    String wholeRevenue =
        pool.replace(
            "PoolContribution.of( \"ai-dj\", drools.getRule().getName(), $line, \"50\" )",
            "PoolContribution.of( \"ai-dj\", drools.getRule().getName(), $line, \"100\" )");
    assertFalse(pool.equals(wholeRevenue), "the baseline puts 50% into the AI DJ pool");
    PolicyVersionInfo draft =
        node.authoring().createDraft("author", Map.of("revenue.drl", wholeRevenue), 1L, null);

    ImpactAnalysis.Report report =
        node.authoring()
            .startImpact(draft.version(), new ImpactAnalysis.Window(null, null, 100), "author");
    report = node.authoring().impact(report.jobId());
    assertEquals("DONE", report.state(), String.valueOf(report.error()));
    RevenueImpact.Report revenue = report.revenue();

    // The latest closed period, March, as it was paid with version 1: 101 cents reported, half
    // (51 after the tie to the pool) shared 200 : 100 → A 34 (label-a 20, artist-a 14), B 17.
    // With the draft all 101 go into the pool: 200 : 100 = 67.33 / 33.67 → floors 67 + 33, the
    // cent to B (.67) → A 67, B 34; A 60/40 = 40.2 / 26.8 → 40 + 26, the cent to artist-a (.8).
    assertEquals("DONE", revenue.state(), String.valueOf(revenue.error()));
    assertEquals("2026-03", revenue.period());
    assertEquals("CLOSED_PERIOD", revenue.basis());
    assertEquals(1L, revenue.closedWithVersion());
    assertEquals(2, revenue.events());
    assertEquals(
        List.of(
            new RevenueImpact.PayeeChange("artist-a", "EUR", 14, 27, 13, Map.of("ai-dj", 13L)),
            new RevenueImpact.PayeeChange("label-a", "EUR", 20, 40, 20, Map.of("ai-dj", 20L)),
            new RevenueImpact.PayeeChange("label-b", "EUR", 17, 34, 17, Map.of("ai-dj", 17L))),
        revenue.payees());
    assertEquals(
        List.of(new RevenueImpact.ModelChange("ai-dj", "EUR", 51, 101, 50)), revenue.models());
    assertEquals(
        List.of(new RevenueImpact.Totals("EUR", 51, 101, 50, 0, 0, 0, 0, 0)), revenue.totals());
    assertTrue(revenue.conserved(), "the 50 cents the service kept are what the payees gain");

    // The open period's usage so far: April's 10 cents, half (5) or all of it to label-b.
    report =
        node.authoring()
            .impact(
                node.authoring()
                    .startImpact(
                        draft.version(),
                        new ImpactAnalysis.Window(null, null, 100),
                        new RevenueImpact.Choice("open"),
                        "author")
                    .jobId());
    revenue = report.revenue();
    assertEquals("2026-04", revenue.period());
    assertEquals("OPEN_PERIOD_SO_FAR", revenue.basis());
    assertEquals(
        List.of(new RevenueImpact.PayeeChange("label-b", "EUR", 5, 10, 5, Map.of("ai-dj", 5L))),
        revenue.payees());
    assertTrue(revenue.conserved());
  }

  private static RevenueLedger.CheckedEvent dj(
      String id, SplitSheet split, long seconds, String eur, Instant at) {
    return new RevenueLedger.CheckedEvent(
        new UsageEvent(
            id,
            "decision-" + id,
            "ai-dj",
            UseType.AI_CURATION,
            split.getIsrc(),
            UsageUnit.SECONDS,
            seconds,
            Money.of(eur, "EUR"),
            null,
            at,
            at.plusSeconds(seconds)),
        Territory.of("SE"),
        split);
  }
}
