package io.stave.rules.domain;

import java.util.Currency;

/**
 * Asserted by a rule for the period: the currency statements are kept in, the smallest balance that
 * is paid out (a smaller one is carried forward to the next period), and the share of each period's
 * earnings held in reserve until the next period's statement releases it.
 */
public record PayoutTerms(String rule, Currency currency, Money minimumPayout, Percent reserve) {
  public PayoutTerms {
    if (currency == null || minimumPayout == null || reserve == null) {
      throw new InvalidValueException(
          "terms", "payout terms need all three values (rule " + rule + ")");
    }
    if (!minimumPayout.currency().equals(currency)) {
      throw new InvalidValueException("minimumPayout", "must be in the statement currency");
    }
  }

  /** For rules: {@code PayoutTerms.of(rule, "EUR", "10.00", "10")}. */
  public static PayoutTerms of(String rule, String currency, String minimum, String reserve) {
    Money minimumPayout = Money.of(minimum, currency);
    return new PayoutTerms(rule, minimumPayout.currency(), minimumPayout, Percent.of(reserve));
  }
}
