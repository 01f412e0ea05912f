package io.stave.rules.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Money;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UsageLine;
import io.stave.rules.domain.UsageUnit;
import io.stave.rules.domain.UseType;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.PolicyCompiler;
import io.stave.rules.engine.PolicyGuard;
import io.stave.rules.engine.PolicySource;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each revenue model of the shipped baseline (docs/revenue.md) on a small period computed by hand:
 * the rate card, the AI DJ pool, the generative pool by attribution with its fallback share, the
 * training pool; and that every pool pays out exactly what it was funded.
 */
class RevenueModelsTest {
  static final Currency EUR = Currency.getInstance("EUR");
  static final YearMonth PERIOD = YearMonth.of(2026, 3);
  static final Isrc A = Isrc.of("GBAAA2600001");
  static final Isrc B = Isrc.of("GBAAA2600002");
  static final SplitSheet SPLIT_A =
      new SplitSheet(
          "split-a",
          A,
          null,
          List.of(
              new Share("label", "LABEL", Percent.of("60")),
              new Share("artist", "MAIN_ARTIST", Percent.of("40"))));
  static final SplitSheet SPLIT_B =
      new SplitSheet("split-b", B, null, List.of(new Share("label", "LABEL", Percent.HUNDRED)));

  private static CompiledPolicy policy;
  private static RevenueRules rules;

  @BeforeAll
  static void compileTheBaseline() throws Exception {
    policy = PolicyCompiler.compile(PolicySource.baseline(1));
    rules = new RevenueRules(policy);
  }

  @AfterAll
  static void close() {
    policy.close();
  }

  private static int next;

  static UsageLine line(
      UseType use,
      String feature,
      SplitSheet split,
      UsageUnit unit,
      long quantity,
      String amount,
      String attribution) {
    return new UsageLine(
        "e" + next++,
        "d",
        feature,
        use,
        split.getIsrc(),
        Territory.of("SE"),
        unit,
        quantity,
        amount == null ? null : Money.of(amount, "EUR"),
        attribution == null ? null : new BigDecimal(attribution),
        split);
  }

  private static PeriodRevenue.Allocation close(UsageLine... lines) {
    PeriodRevenue revenue = new PeriodRevenue(rules.terms(PERIOD).pools());
    revenue.add(List.of(lines), rules.evaluate(List.of(lines)));
    return revenue.allocate();
  }

  /** Cents earned per "party model isrc". */
  private static Map<String, Long> byParty(PeriodRevenue.Allocation allocation) {
    Map<String, Long> cents = new TreeMap<>();
    for (Earning e : allocation.earnings()) {
      cents.merge(
          e.partyId() + " " + e.model() + " " + e.isrc(), e.amount().minorUnits(), Long::sum);
    }
    return cents;
  }

  private static PoolResult pool(PeriodRevenue.Allocation allocation, String name) {
    return allocation.pools().stream().filter(p -> p.pool().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void theShippedRevenueRulesPassTheGuardAndDeclareEveryPoolAndTheTerms() {
    assertEquals(List.of(), PolicyGuard.check(PolicySource.baseline(1)));
    var terms = rules.terms(PERIOD);
    assertEquals(
        List.of("ai-dj", "generative-attributed", "generative-fallback", "training"),
        new ArrayList<>(new java.util.TreeSet<>(terms.pools().keySet())));
    assertEquals(Money.of("10.00", "EUR"), terms.payoutTerms().minimumPayout());
    assertEquals(Percent.of("10"), terms.payoutTerms().reserve());
    // Revenue rules start with a usage line or the period: a decision never evaluates them.
    assertTrue(
        policy.warnings().stream().noneMatch(w -> w.file().startsWith("revenue")),
        () -> policy.warnings().toString());
  }

  @Test
  void theAiDjPoolIsHalfOfWhatItReportedSharedBySeconds() {
    // Reported 1.00 + 0.01 = 101 cents; half is 50.5 to the pool, 50.5 retained. Floors 50 + 50,
    // one cent left, a tie (.5 each, equal weights) goes to the key "pool:ai-dj" before "retained":
    // the pool holds 51. By seconds 200 : 100 → A 34, B 17. A's split 60/40: 20.4 / 13.6 → floors
    // 20 + 13, the cent to the artist (.6) → label 20, artist 14. B's label 17.
    var allocation =
        close(
            line(UseType.AI_CURATION, "ai-dj", SPLIT_A, UsageUnit.SECONDS, 200, "1.00", null),
            line(UseType.AI_CURATION, "ai-dj", SPLIT_B, UsageUnit.SECONDS, 100, "0.01", null));
    assertEquals(
        Map.of(
            "artist ai-dj GBAAA2600001", 14L,
            "label ai-dj GBAAA2600001", 20L,
            "label ai-dj GBAAA2600002", 17L),
        byParty(allocation));
    assertEquals(Money.of("0.51", "EUR"), pool(allocation, "ai-dj").funded());
    assertEquals(Money.of("0.51", "EUR"), pool(allocation, "ai-dj").paid());
    assertEquals(Money.of("0.50", "EUR"), allocation.retained().get(EUR));
  }

  @Test
  void generativeOutputPaysByAttributionWithAFallbackShareByQuantity() {
    // Reported 10.00 + 2.00 = 1200 cents: 80% = 960 to the attribution pool, 20% = 240 to the
    // fallback. Attribution weights: X 1 × 0.75 = 0.75, Y 3 × 0.25 = 0.75 → 480 each. Fallback by
    // quantity 1 : 3 → X 60, Y 180. X = 540 (A: 60/40 → 324/216), Y = 660 (B's label).
    var allocation =
        close(
            line(UseType.AI_DERIVATIVE, "remix", SPLIT_A, UsageUnit.ITEMS, 1, "10.00", "0.75"),
            line(UseType.AI_DERIVATIVE, "remix", SPLIT_B, UsageUnit.ITEMS, 3, "2.00", "0.25"));
    assertEquals(
        Map.of(
            "artist generative-attributed GBAAA2600001", 192L,
            "label generative-attributed GBAAA2600001", 288L,
            "artist generative-fallback GBAAA2600001", 24L,
            "label generative-fallback GBAAA2600001", 36L,
            "label generative-attributed GBAAA2600002", 480L,
            "label generative-fallback GBAAA2600002", 180L),
        byParty(allocation));
    assertEquals(1200, allocation.earned(EUR));
  }

  @Test
  void withoutAnyAttributionScoreTheWholeGenerativePoolIsSharedByQuantity() {
    // Nobody shares the attribution pool, so its 960 passes to the fallback: 1200 by 1 : 3.
    var allocation =
        close(
            line(UseType.AI_DERIVATIVE, "remix", SPLIT_A, UsageUnit.ITEMS, 1, "10.00", null),
            line(UseType.AI_DERIVATIVE, "remix", SPLIT_B, UsageUnit.ITEMS, 3, "2.00", null));
    assertEquals(
        Map.of(
            "artist generative-fallback GBAAA2600001", 120L,
            "label generative-fallback GBAAA2600001", 180L,
            "label generative-fallback GBAAA2600002", 900L),
        byParty(allocation));
    assertEquals(Money.of("9.60", "EUR"), pool(allocation, "generative-attributed").passedOn());
    assertEquals(Money.of("9.60", "EUR"), pool(allocation, "generative-fallback").fromFallback());
    assertEquals(Money.of("12.00", "EUR"), pool(allocation, "generative-fallback").paid());
  }

  @Test
  void theTrainingPoolIsSharedByTheRecordingsTrainedOn() {
    // One run's fee 100.00 EUR (on A, 1 item) and B (2 items, no fee of its own): 10000 by 1 : 2
    // = 3333.33 / 6666.67 → floors 3333 + 6666, the cent to B (.67) → 3333, 6667. A: 60/40 of 3333
    // = 1999.8 / 1333.2 → 1999 + 1333 and the cent to the label (.8) → 2000, 1333.
    var allocation =
        close(
            line(UseType.AI_TRAINING, "trainer", SPLIT_A, UsageUnit.ITEMS, 1, "100.00", null),
            line(UseType.AI_TRAINING, "trainer", SPLIT_B, UsageUnit.ITEMS, 2, null, null));
    assertEquals(
        Map.of(
            "label training GBAAA2600001", 2000L,
            "artist training GBAAA2600001", 1333L,
            "label training GBAAA2600002", 6667L),
        byParty(allocation));
  }

  @Test
  void theRateCardChargesSecondsAndRoundsOncePerPeriod() {
    // AI DJ commentary at 0.0020 EUR/s: A 1234 s = 246.8 cents, B 1 s = 0.2 cents; the period's
    // total 247.0 is rounded once → 247; shared 246.8 : 0.2 → floors 246 + 0, the cent to A (.8).
    // A 247 by 60/40 = 148.2 / 98.8 → 148 + 98 and the cent to the artist (.8) → 148, 99.
    var allocation =
        close(
            line(UseType.AI_VOICEOVER, "ai-dj", SPLIT_A, UsageUnit.SECONDS, 1234, null, null),
            line(UseType.AI_VOICEOVER, "ai-dj", SPLIT_B, UsageUnit.SECONDS, 1, null, null));
    assertEquals(Money.of("2.47", "EUR"), allocation.rateCard().get(EUR));
    assertEquals(
        Map.of("label rate-card GBAAA2600001", 148L, "artist rate-card GBAAA2600001", 99L),
        byParty(allocation));
  }

  @Test
  void aUseTheRulesDoNotPriceEarnsNothing() {
    var allocation =
        close(line(UseType.AI_VOICEOVER, "other", SPLIT_A, UsageUnit.SECONDS, 100, null, null));
    assertEquals(List.of(), allocation.earnings());
  }

  @Test
  void twoRatesForOneUseStopTheClose() throws Exception {
    Map<String, String> files = new LinkedHashMap<>(PolicySource.baseline(2).files());
    files.put(
        "revenue-rates.drl.csv",
        files
            .get("revenue-rates.drl.csv")
            .replace(
                "\"Analysis earns",
                "\"Also AI DJ commentary\",\"AI_VOICEOVER, SECONDS, *, *\",\"0.0001, EUR\"\n"
                    + "\"Analysis earns"));
    try (CompiledPolicy twice = PolicyCompiler.compile(new PolicySource(2, files))) {
      RevenueRules doubled = new RevenueRules(twice);
      PeriodRevenue revenue = new PeriodRevenue(doubled.terms(PERIOD).pools());
      List<UsageLine> lines =
          List.of(line(UseType.AI_VOICEOVER, "ai-dj", SPLIT_A, UsageUnit.SECONDS, 10, null, null));
      var error =
          assertThrows(
              IllegalStateException.class, () -> revenue.add(lines, doubled.evaluate(lines)));
      assertTrue(error.getMessage().contains("Also AI DJ commentary"), error.getMessage());
    }
  }

  @Test
  void aMixedPeriodPaysOutExactlyWhatThePoolsWereFundedAndTheRateCardCharged() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    List<UsageLine> lines = new ArrayList<>();
    UseType[] uses = {
      UseType.AI_CURATION, UseType.AI_VOICEOVER, UseType.AI_DERIVATIVE, UseType.AI_TRAINING
    };
    for (int i = 0; i < 5_000; i++) {
      UseType use = uses[random.nextInt(uses.length)];
      SplitSheet split = random.nextBoolean() ? SPLIT_A : SPLIT_B;
      UsageUnit unit =
          use == UseType.AI_DERIVATIVE || use == UseType.AI_TRAINING
              ? UsageUnit.ITEMS
              : UsageUnit.SECONDS;
      String amount =
          random.nextInt(3) == 0
              ? null
              : BigDecimal.valueOf(random.nextInt(500), 2).toPlainString();
      String attribution =
          random.nextInt(4) == 0 ? null : BigDecimal.valueOf(random.nextInt(101), 2).toString();
      lines.add(line(use, "ai-dj", split, unit, 1 + random.nextInt(300), amount, attribution));
    }
    PeriodRevenue revenue = new PeriodRevenue(rules.terms(PERIOD).pools());
    for (int from = 0; from < lines.size(); from += 1000) {
      List<UsageLine> batch = lines.subList(from, from + 1000);
      revenue.add(batch, rules.evaluate(batch));
    }
    var allocation = revenue.allocate();
    long reported =
        lines.stream()
            .filter(l -> l.isReportsAmount() && l.getUseType() != UseType.AI_VOICEOVER)
            .mapToLong(l -> l.getAmount().minorUnits())
            .sum();
    long pooled = allocation.pools().stream().mapToLong(p -> p.paid().minorUnits()).sum();
    long unallocated =
        allocation.pools().stream().mapToLong(p -> p.unallocated().minorUnits()).sum();
    assertEquals(0, unallocated);
    assertEquals(reported, pooled + allocation.retained().get(EUR).minorUnits());
    assertEquals(pooled + allocation.rateCard().get(EUR).minorUnits(), allocation.earned(EUR));
    assertTrue(allocation.earnings().stream().allMatch(e -> e.amount().minorUnits() >= 0));
  }
}
