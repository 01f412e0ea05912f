package io.stave.rules.domain;

import java.time.YearMonth;

/**
 * The accounting period being closed (a calendar month, UTC), inserted once when revenue rules run,
 * so rules can declare pools and payout terms for it.
 */
public record RevenuePeriod(YearMonth month) {
  public RevenuePeriod {
    if (month == null) {
      throw new InvalidValueException("period", "is required");
    }
  }

  public String getCode() {
    return month.toString();
  }
}
