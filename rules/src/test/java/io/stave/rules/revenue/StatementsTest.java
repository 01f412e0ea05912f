package io.stave.rules.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.rules.domain.Money;
import io.stave.rules.domain.PayoutTerms;
import io.stave.rules.domain.UseType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Balances, reserves, the minimum payout carried forward, corrections and converted earnings. */
class StatementsTest {
  private static final PayoutTerms TERMS = PayoutTerms.of("terms", "EUR", "10.00", "10");
  private static final Currency JPY = Currency.getInstance("JPY");

  private static Earning earning(String party, String amount, String currency, String isrc) {
    return new Earning(
        party,
        "MAIN_ARTIST",
        "ai-dj",
        UseType.AI_CURATION,
        "ai-dj",
        isrc,
        Money.of(amount, currency));
  }

  @Test
  void aBalanceBelowTheMinimumIsCarriedForwardAndPaidOnceItReachesIt() {
    // March: earns 8.00; 10% reserve 0.80 held; available 7.20 < 10.00 → no payout, closing 7.20.
    Statement march =
        Statements.build(
                YearMonth.of(2026, 3),
                TERMS,
                List.of(earning("artist", "8.00", "EUR", "GBAAA2600001")),
                Map.of(),
                Map.of(),
                Map.of(),
                1)
            .get(0);
    assertEquals(800, march.earnings());
    assertEquals(80, march.reserveHeld());
    assertEquals(0, march.payout());
    assertEquals(720, march.closing());

    // April: opening 7.20, earns 5.00, March's reserve 0.80 released, 0.50 held:
    // 7.20 + 5.00 + 0.80 − 0.50 = 12.50 ≥ 10.00 → paid 12.50, closing 0.
    Statement april =
        Statements.build(
                YearMonth.of(2026, 4),
                TERMS,
                List.of(earning("artist", "5.00", "EUR", "GBAAA2600001")),
                Map.of("artist", new Statements.Previous(march.closing(), march.reserveHeld())),
                Map.of(),
                Map.of(),
                1)
            .get(0);
    assertEquals(720, april.opening());
    assertEquals(80, april.reserveReleased());
    assertEquals(50, april.reserveHeld());
    assertEquals(1250, april.payout());
    assertEquals(0, april.closing());
  }

  @Test
  void aPartyWithNothingNewStillGetsAStatementThatReleasesItsReserve() {
    var statements =
        Statements.build(
            YearMonth.of(2026, 5),
            TERMS,
            List.of(),
            Map.of("artist", new Statements.Previous(950, 100)),
            Map.of(),
            Map.of(),
            1);
    // 9.50 + 1.00 released = 10.50 ≥ 10.00 → paid.
    assertEquals(1, statements.size());
    assertEquals(1050, statements.get(0).payout());
  }

  @Test
  void aCorrectionIsBookedAsAnAdjustmentAndCanCarryANegativeBalance() {
    var statement =
        Statements.build(
                YearMonth.of(2026, 5),
                TERMS,
                List.of(),
                Map.of(),
                Map.of(
                    "artist",
                    List.of(new Statement.Adjustment("adj-1", -300, "over-reported", "2026-03"))),
                Map.of(),
                1)
            .get(0);
    assertEquals(-300, statement.closing());
    assertEquals(0, statement.payout());
  }

  @Test
  void earningsInAnotherCurrencyAreConvertedOnceAtTheSuppliedRateWhichTheStatementNames() {
    // 1000 JPY at 0.0062 EUR/JPY = 6.20 EUR; lines 600 and 400 JPY share 620 cents → 372, 248.
    var rate =
        new Statement.Rate(
            JPY, Currency.getInstance("EUR"), new BigDecimal("0.0062"), LocalDate.of(2026, 3, 31));
    var statement =
        Statements.build(
                YearMonth.of(2026, 3),
                TERMS,
                List.of(
                    earning("artist", "600", "JPY", "GBAAA2600001"),
                    earning("artist", "400", "JPY", "GBAAA2600002")),
                Map.of(),
                Map.of(),
                Map.of(JPY, rate),
                1)
            .get(0);
    assertEquals(620, statement.earnings());
    assertEquals(
        List.of(372L, 248L), statement.lines().stream().map(Statement.Line::amount).toList());
    assertEquals(List.of(rate), statement.rates());
  }

  @Test
  void aMissingRateStopsTheStatementNamingTheCurrency() {
    var error =
        assertThrows(
            IllegalStateException.class,
            () ->
                Statements.build(
                    YearMonth.of(2026, 3),
                    TERMS,
                    List.of(earning("artist", "600", "JPY", "GBAAA2600001")),
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    1));
    assertTrue(error.getMessage().contains("JPY"), error.getMessage());
  }
}
