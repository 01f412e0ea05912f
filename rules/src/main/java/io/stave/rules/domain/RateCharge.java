package io.stave.rules.domain;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Asserted by a rate-card rule: the use earns {@code pricePerUnit} (in major units of the currency,
 * e.g. "0.0020" EUR per second) for each unit of its quantity. The exact charges of a period are
 * summed and rounded once per currency, then shared by recording and split sheet.
 */
public record RateCharge(String rule, UsageLine line, BigDecimal pricePerUnit, Currency currency) {
  public RateCharge {
    if (pricePerUnit == null || pricePerUnit.signum() < 0) {
      throw new InvalidValueException("price", "a rate must be a price ≥ 0 (rule " + rule + ")");
    }
    if (currency == null) {
      throw new InvalidValueException("currency", "a rate needs a currency (rule " + rule + ")");
    }
  }

  /** For rules: {@code RateCharge.perUnit(rule, $line, "0.0020", "EUR")}. */
  public static RateCharge perUnit(String rule, UsageLine line, String price, String currency) {
    try {
      return new RateCharge(rule, line, new BigDecimal(price), Currency.getInstance(currency));
    } catch (NumberFormatException e) {
      throw new InvalidValueException(
          "price", "'" + price + "' is not a price (rule " + rule + ")");
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("currency", "'" + currency + "' is not an ISO 4217 code");
    }
  }

  /** quantity × price, exact, in minor units of the currency (may have a fraction). */
  public BigDecimal exactMinorUnits() {
    return pricePerUnit
        .multiply(BigDecimal.valueOf(line.getQuantity()))
        .movePointRight(currency.getDefaultFractionDigits());
  }
}
