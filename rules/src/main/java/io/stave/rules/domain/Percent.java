package io.stave.rules.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A share between 0 and 100 inclusive, with at most two decimals ("33.33"). */
public record Percent(BigDecimal value) implements java.io.Serializable, Comparable<Percent> {
  public static final Percent HUNDRED = new Percent(new BigDecimal("100.00"));

  public Percent {
    if (value == null) {
      throw new InvalidValueException("percent", "is required");
    }
    if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new InvalidValueException("percent", value.toPlainString() + " is not within 0..100");
    }
    if (value.stripTrailingZeros().scale() > 2) {
      throw new InvalidValueException(
          "percent", value.toPlainString() + " has more than two decimals");
    }
    value = value.setScale(2, RoundingMode.UNNECESSARY);
  }

  public static Percent of(String text) {
    try {
      return new Percent(new BigDecimal(text.trim()));
    } catch (NumberFormatException | NullPointerException e) {
      throw new InvalidValueException("percent", "'" + text + "' is not a number");
    }
  }

  /** Hundredths of a percent, so sums are exact integers: 100% is 10,000 basis points. */
  public long basisPoints() {
    return value.movePointRight(2).longValueExact();
  }

  @Override
  public int compareTo(Percent o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value.toPlainString();
  }
}
