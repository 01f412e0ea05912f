package io.stave.infrastructure.persistence;

import io.stave.application.revenue.RevenueLedger.PeriodInfo;
import io.stave.application.revenue.StatementDocument;
import io.stave.rules.revenue.Statement;
import io.stave.rules.revenue.Statements;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the revenue tables tell after the fact: periods, statements, balances, rates, corrections.
 */
final class RevenueRecords {
  private final RevenueTransactions db;

  RevenueRecords(RevenueTransactions db) {
    this.db = db;
  }

  Map<String, Statements.Previous> balances() {
    return db.read(
        "reading balances",
        connection -> {
          Map<String, Statements.Previous> balances = new HashMap<>();
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT party_id, closing, reserve_held FROM payee_balance");
              ResultSet row = select.executeQuery()) {
            while (row.next()) {
              balances.put(
                  row.getString(1), new Statements.Previous(row.getLong(2), row.getLong(3)));
            }
          }
          return balances;
        });
  }

  Map<String, List<Statement.Adjustment>> adjustments(YearMonth period) {
    return db.read(
        "reading adjustments",
        connection -> {
          Map<String, List<Statement.Adjustment>> byParty = new LinkedHashMap<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT adjustment_id, party_id, amount_minor, reason, refers_to"
                      + " FROM revenue_adjustment WHERE booked_period = ?"
                      + " ORDER BY created_at, adjustment_id")) {
            select.setString(1, period.toString());
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                byParty
                    .computeIfAbsent(row.getString(2), p -> new ArrayList<>())
                    .add(
                        new Statement.Adjustment(
                            row.getString(1), row.getLong(3), row.getString(4), row.getString(5)));
              }
            }
          }
          return byParty;
        });
  }

  Map<Currency, Statement.Rate> rates(Set<Currency> from, Currency to, LocalDate on) {
    return db.read(
        "reading exchange rates",
        connection -> {
          Map<Currency, Statement.Rate> rates = new HashMap<>();
          for (Currency currency : from) {
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT rate, valid_from FROM fx_rate WHERE from_currency = ?"
                        + " AND to_currency = ? AND valid_from <= ?"
                        + " ORDER BY valid_from DESC")) {
              select.setMaxRows(1);
              select.setString(1, currency.getCurrencyCode());
              select.setString(2, to.getCurrencyCode());
              select.setObject(3, on);
              try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                  rates.put(
                      currency,
                      new Statement.Rate(
                          currency,
                          to,
                          row.getBigDecimal(1).stripTrailingZeros(),
                          row.getObject(2, LocalDate.class)));
                }
              }
            }
          }
          return rates;
        });
  }

  private static final String PERIOD_COLUMNS =
      "SELECT period, status, closed_by, closed_at, policy_version, events, summary"
          + " FROM revenue_period";

  /**
   * Closed and closing periods, and the OPEN ones that usage has been booked into (status and event
   * count only), newest first. Periods close in order, so open ones all lie after the last close.
   */
  List<PeriodInfo> periods() {
    return db.read(
        "listing periods",
        connection -> {
          Map<String, PeriodInfo> periods = new TreeMap<>(Comparator.reverseOrder());
          try (PreparedStatement select = connection.prepareStatement(PERIOD_COLUMNS);
              ResultSet row = select.executeQuery()) {
            while (row.next()) {
              PeriodInfo info = periodInfo(row);
              periods.put(info.period().toString(), info);
            }
          }
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT booked_period, COUNT(*) FROM usage_event WHERE booked_period >"
                          + " COALESCE((SELECT last_closed FROM revenue_book WHERE id = 1), '')"
                          + " GROUP BY booked_period");
              ResultSet row = select.executeQuery()) {
            while (row.next()) {
              YearMonth open = YearMonth.parse(row.getString(1).trim());
              periods.putIfAbsent(open.toString(), open(open, row.getLong(2)));
            }
          }
          return new ArrayList<>(periods.values());
        });
  }

  Optional<PeriodInfo> period(YearMonth period) {
    return db.read(
        "reading a period",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(PERIOD_COLUMNS + " WHERE period = ?")) {
            select.setString(1, period.toString());
            try (ResultSet row = select.executeQuery()) {
              if (row.next()) {
                return Optional.of(periodInfo(row));
              }
            }
          }
          try (PreparedStatement count =
              connection.prepareStatement(
                  "SELECT COUNT(*) FROM usage_event WHERE booked_period = ?")) {
            count.setString(1, period.toString());
            try (ResultSet row = count.executeQuery()) {
              long events = row.next() ? row.getLong(1) : 0;
              return events == 0 ? Optional.empty() : Optional.of(open(period, events));
            }
          }
        });
  }

  private static PeriodInfo open(YearMonth period, long events) {
    return new PeriodInfo(period, "OPEN", null, null, null, events, null);
  }

  private static PeriodInfo periodInfo(ResultSet row) throws SQLException {
    OffsetDateTime closedAt = row.getObject(4, OffsetDateTime.class);
    long version = row.getLong(5);
    Long policyVersion = row.wasNull() ? null : version;
    long events = row.getLong(6);
    Long eventCount = row.wasNull() ? null : events;
    return new PeriodInfo(
        YearMonth.parse(row.getString(1)),
        row.getString(2),
        row.getString(3),
        closedAt == null ? null : closedAt.toInstant(),
        policyVersion,
        eventCount,
        row.getString(7));
  }

  List<Statement> statements(YearMonth period) {
    return db.read(
        "reading statements",
        connection -> {
          List<Statement> statements = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT document FROM statement WHERE period = ? ORDER BY party_id")) {
            select.setString(1, period.toString());
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                statements.add(StatementDocument.read(row.getString(1)));
              }
            }
          }
          return statements;
        });
  }

  Optional<Statement> statement(YearMonth period, String partyId) {
    return db.read(
        "reading a statement",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT document FROM statement WHERE period = ? AND party_id = ?")) {
            select.setString(1, period.toString());
            select.setString(2, partyId);
            try (ResultSet row = select.executeQuery()) {
              return row.next()
                  ? Optional.of(StatementDocument.read(row.getString(1)))
                  : Optional.empty();
            }
          }
        });
  }

  void addRates(List<Statement.Rate> rates, String principal) {
    db.transaction(
        "storing exchange rates",
        connection -> {
          OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
          try (PreparedStatement delete =
                  connection.prepareStatement(
                      "DELETE FROM fx_rate WHERE from_currency = ? AND to_currency = ?"
                          + " AND valid_from = ?");
              PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO fx_rate (from_currency, to_currency, valid_from, rate,"
                          + " uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Statement.Rate rate : rates) {
              delete.setString(1, rate.from().getCurrencyCode());
              delete.setString(2, rate.to().getCurrencyCode());
              delete.setObject(3, rate.validFrom());
              delete.executeUpdate();
              insert.setString(1, rate.from().getCurrencyCode());
              insert.setString(2, rate.to().getCurrencyCode());
              insert.setObject(3, rate.validFrom());
              insert.setBigDecimal(4, rate.rate());
              insert.setString(5, principal);
              insert.setObject(6, now);
              insert.executeUpdate();
            }
          }
          return null;
        });
  }

  String addAdjustment(
      String partyId, long amount, Currency currency, String reason, String refersTo, String by) {
    String id = UUID.randomUUID().toString();
    db.transaction(
        "storing an adjustment",
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO revenue_adjustment (adjustment_id, party_id, amount_minor,"
                      + " currency, reason, refers_to, created_by, created_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, partyId);
            insert.setLong(3, amount);
            insert.setString(4, currency.getCurrencyCode());
            insert.setString(5, reason);
            insert.setString(6, refersTo);
            insert.setString(7, by);
            insert.setObject(8, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
          }
          return null;
        });
    return id;
  }

  boolean knowsParty(String partyId) {
    return db.read(
        "looking up a party",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT 1 FROM party WHERE party_id = ?"
                      + " UNION ALL SELECT 1 FROM split_share WHERE party_id = ?"
                      + " UNION ALL SELECT 1 FROM payee_balance WHERE party_id = ?"
                      + " UNION ALL SELECT 1 FROM statement WHERE party_id = ?")) {
            for (int i = 1; i <= 4; i++) {
              select.setString(i, partyId);
            }
            try (ResultSet row = select.executeQuery()) {
              return row.next();
            }
          }
        });
  }

  Optional<YearMonth> latestOpenPeriodWithUsage() {
    return db.read(
        "finding the open period",
        connection -> {
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT MAX(e.booked_period) FROM usage_event e WHERE NOT EXISTS"
                          + " (SELECT 1 FROM revenue_period p WHERE p.period = e.booked_period"
                          + " AND p.status = 'CLOSED')");
              ResultSet row = select.executeQuery()) {
            String period = row.next() ? row.getString(1) : null;
            return period == null ? Optional.empty() : Optional.of(YearMonth.parse(period.trim()));
          }
        });
  }
}
