package io.stave.infrastructure.persistence;

import io.stave.application.revenue.RevenueLedger;
import io.stave.application.revenue.UsageReceipt;
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
import javax.sql.DataSource;

/**
 * The revenue ledger in the database (H2 or PostgreSQL, same SQL): the port's one implementation,
 * handing each part to the class that keeps its tables.
 */
public final class JdbcRevenueLedger implements RevenueLedger {
  private final UsageBook usage;
  private final PeriodCloses closes;
  private final RevenueRecords records;

  public JdbcRevenueLedger(DataSource dataSource) {
    RevenueTransactions db = new RevenueTransactions(dataSource);
    this.usage = new UsageBook(db);
    this.closes = new PeriodCloses(db);
    this.records = new RevenueRecords(db);
  }

  @Override
  public List<UsageReceipt> book(String principal, List<CheckedEvent> events) {
    return usage.book(principal, events);
  }

  @Override
  public void forEachBatch(YearMonth period, int batchSize, Consumer<List<UsageLine>> consumer) {
    usage.forEachBatch(period, batchSize, consumer);
  }

  @Override
  public void beginClose(YearMonth period, String principal) {
    closes.beginClose(period, principal);
  }

  @Override
  public void finishClose(
      YearMonth period,
      long policyVersion,
      long events,
      PeriodRevenue.Allocation allocation,
      List<Statement> statements) {
    closes.finishClose(period, policyVersion, events, allocation, statements);
  }

  @Override
  public Map<String, Statements.Previous> balances() {
    return records.balances();
  }

  @Override
  public Map<String, List<Statement.Adjustment>> adjustments(YearMonth period) {
    return records.adjustments(period);
  }

  @Override
  public Map<Currency, Statement.Rate> rates(Set<Currency> from, Currency to, LocalDate on) {
    return records.rates(from, to, on);
  }

  @Override
  public List<PeriodInfo> periods() {
    return records.periods();
  }

  @Override
  public Optional<YearMonth> latestOpenPeriodWithUsage() {
    return records.latestOpenPeriodWithUsage();
  }

  @Override
  public Optional<PeriodInfo> period(YearMonth period) {
    return records.period(period);
  }

  @Override
  public List<Statement> statements(YearMonth period) {
    return records.statements(period);
  }

  @Override
  public Optional<Statement> statement(YearMonth period, String partyId) {
    return records.statement(period, partyId);
  }

  @Override
  public void addRates(List<Statement.Rate> rates, String principal) {
    records.addRates(rates, principal);
  }

  @Override
  public String addAdjustment(
      String partyId, long amount, Currency currency, String reason, String refersTo, String by) {
    return records.addAdjustment(partyId, amount, currency, reason, refersTo, by);
  }

  @Override
  public boolean knowsParty(String partyId) {
    return records.knowsParty(partyId);
  }
}
