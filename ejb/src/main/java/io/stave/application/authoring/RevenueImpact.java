package io.stave.application.authoring;

import io.stave.application.revenue.RevenueLedger;
import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.revenue.Earning;
import io.stave.rules.revenue.PeriodRevenue;
import io.stave.rules.revenue.PoolResult;
import io.stave.rules.revenue.RevenueRules;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a draft's revenue rules would change: the usage of one period is allocated twice, with the
 * active version's revenue rules and with the draft's, each exactly as a period close does ({@link
 * RevenueRules}, {@link PeriodRevenue}), and the earnings are compared per payee and per model in
 * minor units. Nothing is written; a closed period stays as it was paid.
 *
 * <p>Which period: the one asked for, else the latest CLOSED period, else the usage so far of the
 * latest open period (the report says which). The comparison stops at earnings: minimum payouts and
 * reserves depend on each payee's balance history, not on the rules alone.
 */
public final class RevenueImpact {
  private static final int BATCH = 5_000;

  /** Where the measured usage comes from. */
  public enum Basis {
    /** a closed period: what was paid, re-allocated */
    CLOSED_PERIOD,
    /** a period not closed yet: the usage booked into it so far */
    OPEN_PERIOD_SO_FAR
  }

  /**
   * Which period to measure: {@code null} for the latest closed one (or, without any, the open
   * one), {@code "open"} for the latest open period, or a month such as {@code 2026-03}.
   */
  public record Choice(String value) {
    public Choice {
      if (value != null && !"open".equals(value)) {
        try {
          YearMonth.parse(value);
        } catch (DateTimeParseException e) {
          throw new InvalidValueException(
              "revenuePeriod", "'" + value + "' is not \"open\" or a month such as 2026-03");
        }
      }
    }

    public static final Choice LATEST = new Choice(null);
  }

  /** A payee's earnings in one currency with each version, and the difference by model. */
  public record PayeeChange(
      String partyId,
      String currency,
      long active,
      long draft,
      long difference,
      Map<String, Long> byModel) {}

  /** A model's (a pool's or the rate card's) payments in one currency with each version. */
  public record ModelChange(
      String model, String currency, long active, long draft, long difference) {}

  /**
   * One currency's money with each version: what payees earned, what the service retained, what
   * pools left unallocated, and what the rate card charged.
   */
  public record Totals(
      String currency,
      long earnedActive,
      long earnedDraft,
      long retainedActive,
      long retainedDraft,
      long unallocatedActive,
      long unallocatedDraft,
      long rateCardActive,
      long rateCardDraft) {}

  /**
   * {@code state}: DONE, NO_USAGE (nothing to measure) or FAILED ({@code error} names the version
   * whose rules could not allocate the period). {@code conserved}: for each version every pool paid
   * out or left unallocated exactly what it was funded, the payees earned exactly what the pools
   * paid plus the rate card's total, and the payee differences add up to the model differences.
   */
  public record Report(
      String state,
      String period,
      String basis,
      Long closedWithVersion,
      long events,
      List<PayeeChange> payees,
      List<ModelChange> models,
      List<Totals> totals,
      boolean conserved,
      String error) {

    static Report pending() {
      return new Report(
          "PENDING", null, null, null, 0, List.of(), List.of(), List.of(), true, null);
    }
  }

  private RevenueImpact() {}

  /** Measures the draft's revenue rules against the active version's on one period's usage. */
  public static Report measure(
      RevenueLedger ledger, Choice choice, CompiledPolicy draft, CompiledPolicy active) {
    Optional<YearMonth> period;
    Basis basis;
    Long closedWith = null;
    if (choice.value() == null) {
      Optional<RevenueLedger.PeriodInfo> closed =
          ledger.periods().stream().filter(p -> "CLOSED".equals(p.status())).findFirst();
      if (closed.isPresent()) {
        period = Optional.of(closed.get().period());
        basis = Basis.CLOSED_PERIOD;
        closedWith = closed.get().policyVersion();
      } else {
        period = ledger.latestOpenPeriodWithUsage();
        basis = Basis.OPEN_PERIOD_SO_FAR;
      }
    } else if ("open".equals(choice.value())) {
      period = ledger.latestOpenPeriodWithUsage();
      basis = Basis.OPEN_PERIOD_SO_FAR;
    } else {
      YearMonth month = YearMonth.parse(choice.value());
      Optional<RevenueLedger.PeriodInfo> info = ledger.period(month);
      period = Optional.of(month);
      boolean closed = info.isPresent() && "CLOSED".equals(info.get().status());
      basis = closed ? Basis.CLOSED_PERIOD : Basis.OPEN_PERIOD_SO_FAR;
      closedWith = closed ? info.get().policyVersion() : null;
    }
    if (period.isEmpty()) {
      return new Report(
          "NO_USAGE", null, null, null, 0, List.of(), List.of(), List.of(), true, null);
    }
    YearMonth month = period.get();
    RevenueRules activeRules = new RevenueRules(active);
    RevenueRules draftRules = new RevenueRules(draft);
    PeriodRevenue activeRevenue = new PeriodRevenue(terms(activeRules, month, "active").pools());
    PeriodRevenue draftRevenue = new PeriodRevenue(terms(draftRules, month, "draft").pools());
    ledger.forEachBatch(
        month,
        BATCH,
        batch -> {
          run(
              "active",
              active,
              () -> {
                activeRevenue.add(batch, activeRules.evaluate(batch));
                return null;
              });
          run(
              "draft",
              draft,
              () -> {
                draftRevenue.add(batch, draftRules.evaluate(batch));
                return null;
              });
        });
    PeriodRevenue.Allocation now = allocate("active", active, activeRevenue);
    PeriodRevenue.Allocation then = allocate("draft", draft, draftRevenue);
    return compare(month.toString(), basis.name(), closedWith, activeRevenue.lines(), now, then);
  }

  /** The difference between two allocations of one period (exposed for tests). */
  static Report compare(
      String period,
      String basis,
      Long closedWith,
      long events,
      PeriodRevenue.Allocation active,
      PeriodRevenue.Allocation draft) {
    Map<String, long[]> payees = new TreeMap<>();
    Map<String, Map<String, Long>> payeeModels = new TreeMap<>();
    Map<String, long[]> models = new TreeMap<>();
    add(active.earnings(), 0, payees, payeeModels, models);
    add(draft.earnings(), 1, payees, payeeModels, models);
    List<PayeeChange> payeeChanges = new ArrayList<>();
    long payeeSum = 0;
    for (var e : payees.entrySet()) {
      long[] v = e.getValue();
      if (v[0] == v[1]) {
        continue;
      }
      String[] key = e.getKey().split("\u001f");
      Map<String, Long> byModel = new TreeMap<>();
      payeeModels.getOrDefault(e.getKey(), Map.of()).entrySet().stream()
          .filter(m -> m.getValue() != 0)
          .forEach(m -> byModel.put(m.getKey(), m.getValue()));
      payeeChanges.add(new PayeeChange(key[0], key[1], v[0], v[1], v[1] - v[0], byModel));
      payeeSum += v[1] - v[0];
    }
    List<ModelChange> modelChanges = new ArrayList<>();
    long modelSum = 0;
    for (var e : models.entrySet()) {
      long[] v = e.getValue();
      String[] key = e.getKey().split("\u001f");
      modelChanges.add(new ModelChange(key[0], key[1], v[0], v[1], v[1] - v[0]));
      modelSum += v[1] - v[0];
    }
    Map<Currency, long[]> byCurrency =
        new TreeMap<>(java.util.Comparator.comparing(Currency::getCurrencyCode));
    boolean conserved =
        payeeSum == modelSum
            && consistent(active, byCurrency, 0) & consistent(draft, byCurrency, 1);
    List<Totals> totals = new ArrayList<>();
    byCurrency.forEach(
        (c, v) ->
            totals.add(
                new Totals(c.getCurrencyCode(), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])));
    for (Totals t : totals) {
      long payeeDifference =
          payeeChanges.stream()
              .filter(p -> p.currency().equals(t.currency()))
              .mapToLong(PayeeChange::difference)
              .sum();
      conserved &= payeeDifference == t.earnedDraft() - t.earnedActive();
    }
    return new Report(
        "DONE",
        period,
        basis,
        closedWith,
        events,
        payeeChanges,
        modelChanges,
        totals,
        conserved,
        null);
  }

  private static void add(
      List<Earning> earnings,
      int side,
      Map<String, long[]> payees,
      Map<String, Map<String, Long>> payeeModels,
      Map<String, long[]> models) {
    for (Earning e : earnings) {
      String currency = e.amount().currency().getCurrencyCode();
      long units = e.amount().minorUnits();
      String payee = e.partyId() + "\u001f" + currency;
      payees.computeIfAbsent(payee, k -> new long[2])[side] += units;
      payeeModels
          .computeIfAbsent(payee, k -> new TreeMap<>())
          .merge(e.model(), side == 0 ? -units : units, Long::sum);
      models.computeIfAbsent(e.model() + "\u001f" + currency, k -> new long[2])[side] += units;
    }
  }

  /**
   * Adds one allocation's totals per currency at {@code side} (0 active, 1 draft) and checks that
   * it is whole: pools paid or kept what they were funded, earnings are pools paid plus rate card.
   */
  private static boolean consistent(
      PeriodRevenue.Allocation allocation, Map<Currency, long[]> totals, int side) {
    boolean whole = true;
    Map<Currency, Long> paid =
        new TreeMap<>(java.util.Comparator.comparing(Currency::getCurrencyCode));
    for (PoolResult pool : allocation.pools()) {
      Currency c = pool.funded().currency();
      long[] t = totals.computeIfAbsent(c, k -> new long[8]);
      t[4 + side] += pool.unallocated().minorUnits();
      paid.merge(c, pool.paid().minorUnits(), Long::sum);
      whole &=
          pool.funded().minorUnits() + pool.fromFallback().minorUnits()
              == pool.paid().minorUnits()
                  + pool.unallocated().minorUnits()
                  + pool.passedOn().minorUnits();
    }
    allocation
        .retained()
        .forEach((c, m) -> totals.computeIfAbsent(c, k -> new long[8])[2 + side] += m.minorUnits());
    allocation
        .rateCard()
        .forEach((c, m) -> totals.computeIfAbsent(c, k -> new long[8])[6 + side] += m.minorUnits());
    for (Earning e : allocation.earnings()) {
      totals.computeIfAbsent(e.amount().currency(), k -> new long[8])[side] +=
          e.amount().minorUnits();
    }
    for (var t : totals.entrySet()) {
      long rateCard =
          Optional.ofNullable(allocation.rateCard().get(t.getKey()))
              .map(m -> m.minorUnits())
              .orElse(0L);
      whole &= allocation.earned(t.getKey()) == paid.getOrDefault(t.getKey(), 0L) + rateCard;
    }
    return whole;
  }

  private static RevenueRules.PeriodTerms terms(RevenueRules rules, YearMonth month, String which) {
    try {
      return rules.terms(month);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the revenue rules of the "
              + which
              + " version "
              + rules.version()
              + " cannot close "
              + month
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static <T> T run(
      String which, CompiledPolicy policy, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the revenue rules of the "
              + which
              + " version "
              + policy.version()
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  private static PeriodRevenue.Allocation allocate(
      String which, CompiledPolicy policy, PeriodRevenue revenue) {
    return run(which, policy, revenue::allocate);
  }

  /** Fails into a report rather than an exception: the licensing part of a job still stands. */
  static Report failed(String message) {
    return new Report(
        "FAILED", null, null, null, 0, List.of(), List.of(), List.of(), false, message);
  }
}
