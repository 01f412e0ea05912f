package io.stave.rules.revenue;

import io.stave.rules.domain.Money;
import io.stave.rules.domain.PayoutTerms;
import io.stave.rules.revenue.RevenueAllocator.Claim;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the statements of a period from its earnings, each party's previous statement, the
 * corrections booked to the period and the exchange rates supplied for it. Earnings in another
 * currency are converted once per party and currency (rounded half-up), and the converted sum is
 * shared back over the lines by {@link RevenueAllocator}, so the lines add up to the statement.
 */
public final class Statements {

  /** Where a party stood at the end of its previous statement. */
  public record Previous(long closing, long reserveHeld) {}

  private Statements() {}

  /**
   * @param rates one rate per foreign currency earned in (to the terms' currency)
   * @throws IllegalStateException naming the currency when a rate is missing
   */
  public static List<Statement> build(
      YearMonth period,
      PayoutTerms terms,
      List<Earning> earnings,
      Map<String, Previous> previous,
      Map<String, List<Statement.Adjustment>> adjustments,
      Map<Currency, Statement.Rate> rates,
      long policyVersion) {
    Currency currency = terms.currency();
    Map<String, List<Earning>> byParty = new TreeMap<>();
    for (Earning earning : earnings) {
      byParty.computeIfAbsent(earning.partyId(), p -> new ArrayList<>()).add(earning);
    }
    Set<String> parties = new TreeSet<>(byParty.keySet());
    previous.forEach(
        (party, p) -> {
          if (p.closing() != 0 || p.reserveHeld() != 0) {
            parties.add(party);
          }
        });
    parties.addAll(adjustments.keySet());

    List<Statement> statements = new ArrayList<>();
    for (String party : parties) {
      List<Earning> own = byParty.getOrDefault(party, List.of());
      List<Statement.Line> lines = new ArrayList<>();
      Map<Currency, Statement.Rate> used =
          new TreeMap<>(java.util.Comparator.comparing(Currency::getCurrencyCode));
      Map<Currency, List<Earning>> byCurrency =
          new TreeMap<>(java.util.Comparator.comparing(Currency::getCurrencyCode));
      own.forEach(
          e -> byCurrency.computeIfAbsent(e.amount().currency(), c -> new ArrayList<>()).add(e));
      long earned = 0;
      for (var entry : byCurrency.entrySet()) {
        List<Earning> in = entry.getValue();
        long[] converted;
        if (entry.getKey().equals(currency)) {
          converted = in.stream().mapToLong(e -> e.amount().minorUnits()).toArray();
        } else {
          Statement.Rate rate = rates.get(entry.getKey());
          if (rate == null) {
            throw new IllegalStateException(
                "no exchange rate from "
                    + entry.getKey().getCurrencyCode()
                    + " to "
                    + currency.getCurrencyCode()
                    + " was supplied for "
                    + period
                    + "; upload one dated on or before the period's last day");
          }
          used.put(entry.getKey(), rate);
          long sum = in.stream().mapToLong(e -> e.amount().minorUnits()).sum();
          long total = convert(sum, entry.getKey(), currency, rate.rate());
          List<Claim> claims = new ArrayList<>();
          for (int i = 0; i < in.size(); i++) {
            claims.add(
                new Claim(key(in.get(i)), BigDecimal.valueOf(in.get(i).amount().minorUnits())));
          }
          converted = sum == 0 ? new long[in.size()] : RevenueAllocator.allocate(total, claims);
        }
        for (int i = 0; i < in.size(); i++) {
          Earning e = in.get(i);
          lines.add(
              new Statement.Line(
                  e.role(),
                  e.model(),
                  e.useType(),
                  e.feature(),
                  e.isrc(),
                  e.amount(),
                  converted[i]));
          earned += converted[i];
        }
      }
      Previous before = previous.getOrDefault(party, new Previous(0, 0));
      List<Statement.Adjustment> corrections = adjustments.getOrDefault(party, List.of());
      long adjusted = corrections.stream().mapToLong(Statement.Adjustment::amount).sum();
      long reserveHeld =
          earned <= 0
              ? 0
              : BigDecimal.valueOf(earned)
                  .multiply(BigDecimal.valueOf(terms.reserve().basisPoints()))
                  .movePointLeft(4)
                  .setScale(0, RoundingMode.FLOOR)
                  .longValueExact();
      long available = before.closing() + earned + adjusted + before.reserveHeld() - reserveHeld;
      long minimum = terms.minimumPayout().minorUnits();
      long payout = available >= minimum && available > 0 ? available : 0;
      statements.add(
          new Statement(
              party,
              period,
              currency,
              before.closing(),
              lines,
              earned,
              corrections,
              adjusted,
              before.reserveHeld(),
              reserveHeld,
              minimum,
              payout,
              available - payout,
              List.copyOf(used.values()),
              policyVersion));
    }
    return statements;
  }

  /** {@code minorUnits} of {@code from} in minor units of {@code to}, rounded half-up. */
  public static long convert(long minorUnits, Currency from, Currency to, BigDecimal rate) {
    return BigDecimal.valueOf(minorUnits, from.getDefaultFractionDigits())
        .multiply(rate)
        .setScale(to.getDefaultFractionDigits(), RoundingMode.HALF_UP)
        .movePointRight(to.getDefaultFractionDigits())
        .longValueExact();
  }

  private static String key(Earning e) {
    return e.role() + "|" + e.model() + "|" + e.useType() + "|" + e.feature() + "|" + e.isrc();
  }

  /** For callers that show money: {@code units} of {@code currency} as {@link Money}. */
  static Money money(long units, Currency currency) {
    return new Money(units, currency);
  }
}
