package io.stave.application.revenue;

import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UsageLine;
import io.stave.rules.revenue.PeriodRevenue;
import io.stave.rules.revenue.Statement;
import io.stave.rules.revenue.Statements;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where usage, periods, statements, rates and corrections are kept (the database). Every write
 * returns only once it is committed.
 */
public interface RevenueLedger {

  /** An event the service has checked against its decision, with what the decision says. */
  record CheckedEvent(UsageEvent event, Territory territory, SplitSheet split) {}

  /**
   * Books the events in one transaction, each into its usage month or, when that is closed, the
   * first open period after the last closed one, and returns a receipt per event in order:
   * ACCEPTED, DUPLICATE (the same event id with the same content was booked before) or REJECTED
   * with EVENT_ID_REUSED (the same id with other content).
   */
  List<UsageReceipt> book(String principal, List<CheckedEvent> events);

  /**
   * A period: OPEN (usage booked into it, not closed: status and event count only), CLOSING (its
   * close has begun) or CLOSED.
   */
  record PeriodInfo(
      YearMonth period,
      String status,
      String closedBy,
      java.time.Instant closedAt,
      Long policyVersion,
      Long events,
      String summaryJson) {}

  /**
   * Freezes the period: from now on no event is booked into it, and every correction not yet booked
   * is booked into it. A period whose close began and did not finish may begin again.
   *
   * @throws io.stave.application.ConflictException when the period is closed already, or an earlier
   *     one with events is still open
   */
  void beginClose(YearMonth period, String principal);

  /** The period's events as usage lines, in batches. */
  void forEachBatch(YearMonth period, int batchSize, Consumer<List<UsageLine>> batch);

  Map<String, Statements.Previous> balances();

  Map<String, List<Statement.Adjustment>> adjustments(YearMonth period);

  /**
   * For each currency, the latest rate to {@code to} valid on {@code on}; missing ones left out.
   */
  Map<Currency, Statement.Rate> rates(Set<Currency> from, Currency to, LocalDate on);

  /** Writes the statements and marks the period CLOSED, in one transaction. */
  void finishClose(
      YearMonth period,
      long policyVersion,
      long events,
      PeriodRevenue.Allocation allocation,
      List<Statement> statements);

  List<PeriodInfo> periods();

  /**
   * The latest period holding usage that is not closed (the usage so far of the period being booked
   * into), if any: what a revenue impact measures when no period has been closed yet.
   */
  Optional<YearMonth> latestOpenPeriodWithUsage();

  Optional<PeriodInfo> period(YearMonth period);

  List<Statement> statements(YearMonth period);

  Optional<Statement> statement(YearMonth period, String partyId);

  void addRates(List<Statement.Rate> rates, String principal);

  String addAdjustment(
      String partyId, long amount, Currency currency, String reason, String refersTo, String by);

  /** Whether a feed, a split sheet, a statement or a balance has named this party. */
  boolean knowsParty(String partyId);
}
