package io.stave.rules.domain;

import java.math.BigDecimal;
import java.util.Currency;

/** An amount in minor units (cents) of one currency; never a floating-point number. */
public record Money(long minorUnits, Currency currency) implements java.io.Serializable {
  public Money {
    if (currency == null) {
      throw new InvalidValueException("currency", "is required");
    }
    if (minorUnits < 0) {
      throw new InvalidValueException("amount", "must not be negative");
    }
  }

  public static Money of(String amount, String currencyCode) {
    Currency currency;
    try {
      currency = Currency.getInstance(currencyCode);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidValueException("currency", "'" + currencyCode + "' is not an ISO 4217 code");
    }
    if (currency.getDefaultFractionDigits() < 0) {
      // XXX, XAU, XDR…: no minor unit, so "10" became 1 unit at -1 decimals and "1" a puzzle
      throw new InvalidValueException(
          "currency",
          "'"
              + currencyCode
              + "' has no minor unit in ISO 4217 (no currency, a metal or a fund);"
              + " give money in a currency such as EUR");
    }
    try {
      BigDecimal major = new BigDecimal(amount);
      return new Money(
          major.movePointRight(currency.getDefaultFractionDigits()).longValueExact(), currency);
    } catch (ArithmeticException | NumberFormatException | NullPointerException e) {
      throw new InvalidValueException(
          "amount",
          "'"
              + amount
              + "' is not an amount with at most "
              + currency.getDefaultFractionDigits()
              + " decimals");
    }
  }

  public BigDecimal asDecimal() {
    return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits());
  }

  @Override
  public String toString() {
    return asDecimal().toPlainString() + " " + currency.getCurrencyCode();
  }
}
