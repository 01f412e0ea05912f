package io.stave.rules.revenue;

import io.stave.rules.domain.Money;
import io.stave.rules.domain.PoolContribution;
import io.stave.rules.domain.PoolShare;
import io.stave.rules.domain.RateCharge;
import io.stave.rules.domain.RevenuePool;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.UsageLine;
import io.stave.rules.domain.UseType;
import io.stave.rules.revenue.RevenueAllocator.Claim;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The revenue of one period, from the rules' results on its usage lines to what each party earned.
 * Lines are added in batches (a period may hold millions); only exact sums per recording group are
 * kept. {@link #allocate} then rounds once per step, each step by {@link RevenueAllocator}:
 *
 * <ol>
 *   <li>pool funding: per currency, the money the contributing uses reported, to each pool by its
 *       exact contributions, the rest retained by the service;
 *   <li>a pool nobody shares in passes its money whole to its fallback pool (or keeps it
 *       unallocated);
 *   <li>each pool, per currency, to the recording groups (recording, use type, feature, split
 *       sheet) by their weights; the rate card, per currency, from its exact total rounded half-up
 *       to the groups by their exact charges;
 *   <li>each group's amount to the parties of its split sheet by their shares.
 * </ol>
 *
 * So every pool pays out exactly what it was funded, and the rate card exactly its rounded total.
 */
public final class PeriodRevenue {
  public static final String RATE_CARD = "rate-card";

  private final Map<String, RevenuePool> pools;
  private final Map<String, Group> groups = new HashMap<>();
  private final Map<Currency, Map<String, BigDecimal>> rateCharges = new HashMap<>();
  private final Map<Currency, Long> reportedByContributors = new HashMap<>();
  private final Map<Currency, Map<String, BigDecimal>> funding = new HashMap<>();
  private final Map<String, Map<String, BigDecimal>> poolWeights = new HashMap<>();
  private long lines;

  public PeriodRevenue(Map<String, RevenuePool> pools) {
    this.pools = Map.copyOf(pools);
  }

  /** A recording group: the unit that pools and the rate card pay before split sheets do. */
  private record Group(String isrc, UseType useType, String feature, SplitSheet split) {}

  /** Adds a batch of lines with what the rules asserted for them. */
  public void add(List<UsageLine> batch, List<Object> results) {
    Map<UsageLine, List<Object>> byLine = new IdentityHashMap<>();
    for (Object result : results) {
      UsageLine line;
      if (result instanceof RateCharge charge) {
        line = charge.line();
      } else if (result instanceof PoolContribution contribution) {
        line = contribution.line();
      } else if (result instanceof PoolShare share) {
        line = share.line();
      } else {
        throw new IllegalArgumentException("not a revenue result: " + result);
      }
      byLine.computeIfAbsent(line, l -> new ArrayList<>()).add(result);
    }
    for (UsageLine line : batch) {
      add(line, byLine.getOrDefault(line, List.of()));
    }
  }

  private void add(UsageLine line, List<Object> results) {
    lines++;
    String groupKey = groupKey(line);
    RateCharge rate = null;
    long contributedBasisPoints = 0;
    for (Object result : results) {
      if (result instanceof RateCharge charge) {
        if (rate != null) {
          throw new IllegalStateException(
              "two rates price "
                  + line
                  + ": '"
                  + rate.rule()
                  + "' and '"
                  + charge.rule()
                  + "'; a rate card must price a use at most once");
        }
        rate = charge;
        groups.computeIfAbsent(groupKey, k -> group(line));
        rateCharges
            .computeIfAbsent(charge.currency(), c -> new HashMap<>())
            .merge(groupKey, charge.exactMinorUnits(), BigDecimal::add);
      } else if (result instanceof PoolContribution contribution) {
        contributedBasisPoints += contribution.percent().basisPoints();
        funding
            .computeIfAbsent(line.getAmount().currency(), c -> new HashMap<>())
            .merge(contribution.pool(), contribution.exactMinorUnits(), BigDecimal::add);
      } else if (result instanceof PoolShare share) {
        groups.computeIfAbsent(groupKey, k -> group(line));
        poolWeights
            .computeIfAbsent(share.pool(), p -> new HashMap<>())
            .merge(groupKey, share.weight(), BigDecimal::add);
      }
    }
    if (contributedBasisPoints > 10_000) {
      throw new IllegalStateException(
          "the rules put more than 100% of what " + line + " reported into pools");
    }
    if (contributedBasisPoints > 0) {
      reportedByContributors.merge(
          line.getAmount().currency(), line.getAmount().minorUnits(), Long::sum);
    }
  }

  public long lines() {
    return lines;
  }

  private static Group group(UsageLine line) {
    return new Group(line.getIsrcCode(), line.getUseType(), line.getFeature(), line.getSplit());
  }

  private static String groupKey(UsageLine line) {
    StringBuilder key =
        new StringBuilder(line.getIsrcCode())
            .append('|')
            .append(line.getUseType())
            .append('|')
            .append(line.getFeature())
            .append('|')
            .append(line.getSplit().getSplitId());
    for (Share share : line.getSplit().getShares()) {
      key.append('|').append(share.partyId()).append('/').append(share.role());
      key.append('=').append(share.percent());
    }
    return key.toString();
  }

  /** The period's allocation: what each party earned, and what each pool and the rate card did. */
  public record Allocation(
      List<Earning> earnings,
      List<PoolResult> pools,
      Map<Currency, Money> rateCard,
      Map<Currency, Money> retained) {

    /** What the parties earned in one currency, in total. */
    public long earned(Currency currency) {
      return earnings.stream()
          .filter(e -> e.amount().currency().equals(currency))
          .mapToLong(e -> e.amount().minorUnits())
          .sum();
    }
  }

  public Allocation allocate() {
    Map<EarningKey, Long> earned = new HashMap<>();
    List<PoolResult> poolResults = new ArrayList<>();
    Map<Currency, Money> retained = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));

    // 1. funding: per currency, what contributors reported, to pools by exact contributions.
    Map<String, Map<Currency, Long>> funded = new TreeMap<>();
    for (var byCurrency : sorted(funding).entrySet()) {
      Currency currency = byCurrency.getKey();
      long reported = reportedByContributors.getOrDefault(currency, 0L);
      List<Claim> claims = new ArrayList<>();
      BigDecimal contributed = BigDecimal.ZERO;
      for (var pool : new TreeMap<>(byCurrency.getValue()).entrySet()) {
        claims.add(new Claim("pool:" + pool.getKey(), pool.getValue()));
        contributed = contributed.add(pool.getValue());
      }
      claims.add(new Claim("retained", BigDecimal.valueOf(reported).subtract(contributed)));
      long[] parts = RevenueAllocator.allocate(reported, claims);
      for (int i = 0; i < claims.size() - 1; i++) {
        funded
            .computeIfAbsent(claims.get(i).key().substring(5), p -> new HashMap<>())
            .put(currency, parts[i]);
      }
      retained.put(currency, new Money(parts[parts.length - 1], currency));
    }

    // 2. a pool nobody shares in passes its money to its fallback, whole.
    Map<String, Map<Currency, Long>> available = new TreeMap<>();
    Map<String, Map<Currency, Long>> fromFallback = new HashMap<>();
    Map<String, Map<Currency, Long>> passedOn = new HashMap<>();
    funded.forEach((pool, money) -> available.put(pool, new HashMap<>(money)));
    for (int round = 0; round <= pools.size(); round++) {
      boolean moved = false;
      for (String pool : List.copyOf(available.keySet())) {
        String orElse = pools.containsKey(pool) ? pools.get(pool).orElse() : null;
        if (orElse == null || hasSharers(pool)) {
          continue;
        }
        Map<Currency, Long> money = available.get(pool);
        if (money.values().stream().allMatch(v -> v == 0)) {
          continue;
        }
        for (var m : money.entrySet()) {
          available
              .computeIfAbsent(orElse, p -> new HashMap<>())
              .merge(m.getKey(), m.getValue(), Long::sum);
          fromFallback
              .computeIfAbsent(orElse, p -> new HashMap<>())
              .merge(m.getKey(), m.getValue(), Long::sum);
          passedOn
              .computeIfAbsent(pool, p -> new HashMap<>())
              .merge(m.getKey(), m.getValue(), Long::sum);
          m.setValue(0L);
        }
        moved = true;
      }
      if (!moved) {
        break;
      }
    }

    // 3 and 4. each pool to its groups by weight, each group by its split sheet.
    for (var pool : available.entrySet()) {
      for (var money : sorted(pool.getValue()).entrySet()) {
        Currency currency = money.getKey();
        long amount = money.getValue();
        long paid = 0;
        if (amount > 0 && hasSharers(pool.getKey())) {
          paid = amount;
          payGroups(
              pool.getKey(), new Money(amount, currency), poolWeights.get(pool.getKey()), earned);
        }
        poolResults.add(
            new PoolResult(
                pool.getKey(),
                new Money(
                    funded.getOrDefault(pool.getKey(), Map.of()).getOrDefault(currency, 0L),
                    currency),
                new Money(
                    fromFallback.getOrDefault(pool.getKey(), Map.of()).getOrDefault(currency, 0L),
                    currency),
                new Money(
                    passedOn.getOrDefault(pool.getKey(), Map.of()).getOrDefault(currency, 0L),
                    currency),
                new Money(paid, currency),
                new Money(amount - paid, currency)));
      }
    }
    Map<Currency, Money> rateCard = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
    for (var byCurrency : sorted(rateCharges).entrySet()) {
      BigDecimal exact =
          byCurrency.getValue().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      long total = exact.setScale(0, RoundingMode.HALF_UP).longValueExact();
      Money money = new Money(total, byCurrency.getKey());
      rateCard.put(byCurrency.getKey(), money);
      if (total > 0) {
        payGroups(RATE_CARD, money, byCurrency.getValue(), earned);
      }
    }

    List<Earning> earnings = new ArrayList<>(earned.size());
    earned.forEach(
        (k, units) ->
            earnings.add(
                new Earning(
                    k.partyId,
                    k.role,
                    k.model,
                    k.useType,
                    k.feature,
                    k.isrc,
                    new Money(units, k.currency))));
    earnings.sort(
        Comparator.comparing(Earning::partyId)
            .thenComparing(Earning::model)
            .thenComparing(Earning::isrc)
            .thenComparing(e -> e.useType().name())
            .thenComparing(Earning::feature)
            .thenComparing(Earning::role)
            .thenComparing(e -> e.amount().currency().getCurrencyCode()));
    return new Allocation(earnings, poolResults, rateCard, retained);
  }

  private boolean hasSharers(String pool) {
    Map<String, BigDecimal> weights = poolWeights.get(pool);
    return weights != null && weights.values().stream().anyMatch(w -> w.signum() > 0);
  }

  private void payGroups(
      String model, Money amount, Map<String, BigDecimal> weights, Map<EarningKey, Long> earned) {
    List<Claim> claims = new ArrayList<>(weights.size());
    weights.forEach((groupKey, weight) -> claims.add(new Claim(groupKey, weight)));
    long[] parts = RevenueAllocator.allocate(amount.minorUnits(), claims);
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] == 0) {
        continue;
      }
      Group group = groups.get(claims.get(i).key());
      for (Payout payout :
          RevenueAllocator.allocate(new Money(parts[i], amount.currency()), group.split())) {
        earned.merge(
            new EarningKey(
                payout.partyId(),
                payout.role(),
                model,
                group.useType(),
                group.feature(),
                group.isrc(),
                amount.currency()),
            payout.amount().minorUnits(),
            Long::sum);
      }
    }
  }

  private record EarningKey(
      String partyId,
      String role,
      String model,
      UseType useType,
      String feature,
      String isrc,
      Currency currency) {}

  private static <V> Map<Currency, V> sorted(Map<Currency, V> byCurrency) {
    Map<Currency, V> sorted = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
    sorted.putAll(byCurrency);
    return sorted;
  }

  /** For tests and summaries: the exact (unrounded) rate-card charges per currency. */
  Map<Currency, BigDecimal> exactRateCharges() {
    Map<Currency, BigDecimal> exact = new LinkedHashMap<>();
    rateCharges.forEach(
        (c, m) -> exact.put(c, m.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
    return exact;
  }
}
