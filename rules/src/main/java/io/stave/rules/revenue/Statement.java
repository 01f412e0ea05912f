package io.stave.rules.revenue;

import io.stave.rules.domain.Money;
import io.stave.rules.domain.UseType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;

/**
 * A party's statement for a closed period, in the statement currency (amounts in its minor units,
 * signed: a correction can make a balance negative, which is then carried forward):
 *
 * <pre>
 * available = opening + earnings + adjustments + reserve released − reserve held
 * payout    = available if it reaches the minimum payout, else 0 (carried forward)
 * closing   = available − payout
 * </pre>
 */
public record Statement(
    String partyId,
    YearMonth period,
    Currency currency,
    long opening,
    List<Line> lines,
    long earnings,
    List<Adjustment> adjustmentLines,
    long adjustments,
    long reserveReleased,
    long reserveHeld,
    long minimumPayout,
    long payout,
    long closing,
    List<Rate> rates,
    long policyVersion) {

  public Statement {
    lines = List.copyOf(lines);
    adjustmentLines = List.copyOf(adjustmentLines);
    rates = List.copyOf(rates);
  }

  /** One earning line: in the currency it came in, and converted to the statement's. */
  public record Line(
      String role,
      String model,
      UseType useType,
      String feature,
      String isrc,
      Money original,
      long amount) {}

  /** A correction booked to this period (it may refer to an earlier, closed one). */
  public record Adjustment(String adjustmentId, long amount, String reason, String refersTo) {}

  /** An exchange rate used: 1 unit of {@code from} is {@code rate} units of {@code to}. */
  public record Rate(Currency from, Currency to, BigDecimal rate, LocalDate validFrom) {}

  public long available() {
    return opening + earnings + adjustments + reserveReleased - reserveHeld;
  }

  /** An amount of the statement currency in major units, e.g. "12.34". */
  public String format(long minorUnits) {
    return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits()).toPlainString();
  }
}
