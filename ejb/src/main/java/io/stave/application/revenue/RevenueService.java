package io.stave.application.revenue;

import io.stave.application.ConflictException;
import io.stave.application.NotFoundException;
import io.stave.application.PolicyService;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.revenue.Earning;
import io.stave.rules.revenue.PeriodRevenue;
import io.stave.rules.revenue.RevenueRules;
import io.stave.rules.revenue.Statement;
import io.stave.rules.revenue.Statements;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Closes accounting periods and answers for their statements. A close runs the active policy
 * version's revenue rules over every event booked to the period, allocates, builds each payee's
 * statement and commits them with the period's CLOSED status; closed is final.
 */
public final class RevenueService {
  private static final Logger LOG = Logger.getLogger(RevenueService.class.getName());
  private static final int BATCH = 5_000;

  private final RevenueLedger ledger;
  private final Supplier<CompiledPolicy> activePolicy;
  private final Clock clock;

  public RevenueService(RevenueLedger ledger, PolicyService policies) {
    this(ledger, policies::active, Clock.systemUTC());
  }

  public RevenueService(RevenueLedger ledger, Supplier<CompiledPolicy> activePolicy, Clock clock) {
    this.ledger = ledger;
    this.activePolicy = activePolicy;
    this.clock = clock;
  }

  /** Closes a period that has ended, with the active policy's revenue rules. */
  public RevenueLedger.PeriodInfo close(YearMonth period, String principal) {
    if (!period.isBefore(YearMonth.now(clock.withZone(ZoneOffset.UTC)))) {
      throw new ConflictException(
          "period " + period + " has not ended yet; a period is closed after its last day (UTC)");
    }
    CompiledPolicy policy = activePolicy.get();
    RevenueRules rules = new RevenueRules(policy);
    RevenueRules.PeriodTerms terms;
    try {
      terms = rules.terms(period);
    } catch (RuntimeException e) {
      throw new ConflictException(
          "policy version " + policy.version() + " cannot close " + period + ": " + e.getMessage());
    }
    long started = System.nanoTime();
    ledger.beginClose(period, principal);
    PeriodRevenue revenue = new PeriodRevenue(terms.pools());
    PeriodRevenue.Allocation allocation;
    List<Statement> statements;
    try {
      ledger.forEachBatch(period, BATCH, batch -> revenue.add(batch, rules.evaluate(batch)));
      allocation = revenue.allocate();
      Currency currency = terms.payoutTerms().currency();
      Set<Currency> foreign =
          allocation.earnings().stream()
              .map(e -> e.amount().currency())
              .filter(c -> !c.equals(currency))
              .collect(Collectors.toSet());
      Map<Currency, Statement.Rate> rates = ledger.rates(foreign, currency, period.atEndOfMonth());
      statements =
          Statements.build(
              period,
              terms.payoutTerms(),
              allocation.earnings(),
              ledger.balances(),
              ledger.adjustments(period),
              rates,
              policy.version());
    } catch (IllegalStateException | io.stave.rules.domain.InvalidValueException e) {
      throw new ConflictException(
          "period "
              + period
              + " stays CLOSING (its events are frozen; fix this and close it again): "
              + e.getMessage());
    }
    ledger.finishClose(period, policy.version(), revenue.lines(), allocation, statements);
    LOG.info(
        () ->
            "closed "
                + period
                + ": "
                + revenue.lines()
                + " usage events, "
                + statements.size()
                + " statements, in "
                + (System.nanoTime() - started) / 1_000_000
                + " ms (policy version "
                + policy.version()
                + ")");
    return ledger.period(period).orElseThrow();
  }

  public List<RevenueLedger.PeriodInfo> periods() {
    return ledger.periods();
  }

  public RevenueLedger.PeriodInfo period(YearMonth period) {
    return ledger
        .period(period)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "period " + period + " has no usage booked into it and has not been closed"));
  }

  /** The statements of a closed period. */
  public List<Statement> statements(YearMonth period) {
    requireClosed(period);
    return ledger.statements(period);
  }

  public Statement statement(YearMonth period, String partyId) {
    requireClosed(period);
    return ledger
        .statement(period, partyId)
        .orElseThrow(
            () -> new NotFoundException("party " + partyId + " has no statement for " + period));
  }

  private void requireClosed(YearMonth period) {
    var info = period(period);
    if (!"CLOSED".equals(info.status())) {
      throw new NotFoundException("period " + period + " is still " + info.status());
    }
  }

  public void addRates(List<Statement.Rate> rates, String principal) {
    ledger.addRates(rates, principal);
  }

  public String addAdjustment(
      String partyId, long amount, Currency currency, String reason, String refersTo, String by) {
    return ledger.addAdjustment(partyId, amount, currency, reason, refersTo, by);
  }

  /**
   * Whether a feed, a split sheet, a statement or a balance has named this party: a correction for
   * any other id is booked, but likely a typo, and its money would sit on a statement nobody reads.
   */
  public boolean knowsParty(String partyId) {
    return ledger.knowsParty(partyId);
  }

  /** What the period's earnings add up to per model and currency, in minor units. */
  public static Map<String, Long> byModel(List<Earning> earnings) {
    return earnings.stream()
        .collect(
            Collectors.groupingBy(
                e -> e.model() + " " + e.amount().currency().getCurrencyCode(),
                java.util.TreeMap::new,
                Collectors.summingLong(e -> e.amount().minorUnits())));
  }
}
