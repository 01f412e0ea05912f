package io.stave.infrastructure.persistence;

import io.stave.application.ConflictException;
import io.stave.application.ServiceUnavailableException;
import io.stave.application.revenue.RevenueLedger;
import io.stave.application.revenue.RevenueService;
import io.stave.application.revenue.StatementDocument;
import io.stave.application.revenue.UsageEvent;
import io.stave.application.revenue.UsageReceipt;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Money;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UsageLine;
import io.stave.rules.domain.UsageUnit;
import io.stave.rules.domain.UseType;
import io.stave.rules.revenue.PeriodRevenue;
import io.stave.rules.revenue.Statement;
import io.stave.rules.revenue.Statements;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** The revenue ledger in the database (H2 or PostgreSQL, same SQL). */
public final class JdbcRevenueLedger implements RevenueLedger {
  private static final String INSERT_EVENT =
      "INSERT INTO usage_event (principal, event_id, decision_id, feature, use_type, isrc,"
          + " territory, unit, quantity, amount_minor, currency, attribution, used_from, used_to,"
          + " usage_period, booked_period, split, content_hash, received_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * Usage writes and closes take the book's row lock in the database; on one node they queue here
   * first, so concurrent requests wait their turn in the JVM instead of timing out on the
   * database's lock wait (H2 gave up after a second with four writers). Across nodes the database
   * lock decides.
   */
  private static final java.util.concurrent.locks.ReentrantLock BOOK =
      new java.util.concurrent.locks.ReentrantLock(true);

  private final DataSource dataSource;

  public JdbcRevenueLedger(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** One transaction holding the book; a database fault is a 503, a conflict passes through. */
  private <T> T bookTransaction(String what, Work<T> work) {
    try {
      if (!BOOK.tryLock(30, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new ServiceUnavailableException(what + " waited 30 s for earlier usage writes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException(what + " was interrupted", e);
    }
    try {
      return transaction(what, work);
    } finally {
      BOOK.unlock();
    }
  }

  /** One transaction; a database fault is a 503, a conflict passes through after rollback. */
  private <T> T transaction(String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new ServiceUnavailableException(what + " failed: " + e.getMessage(), e);
    }
  }

  private static YearMonth lockBook(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT last_closed FROM revenue_book WHERE id = 1 FOR UPDATE");
        ResultSet row = select.executeQuery()) {
      row.next();
      String closed = row.getString(1);
      return closed == null ? null : YearMonth.parse(closed);
    }
  }

  @Override
  public List<UsageReceipt> book(String principal, List<CheckedEvent> events) {
    return bookTransaction(
        "booking usage",
        connection -> {
          YearMonth lastClosed = lockBook(connection);
          Map<String, String[]> known = existing(connection, principal, events);
          List<UsageReceipt> receipts = new ArrayList<>(events.size());
          OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
          try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
            int inserts = 0;
            for (CheckedEvent checked : events) {
              UsageEvent e = checked.event();
              String hash = sha256(e.canonical());
              String[] before = known.get(e.eventId());
              if (before != null) {
                receipts.add(
                    before[0].equals(hash)
                        ? new UsageReceipt(
                            e.eventId(),
                            UsageReceipt.Status.DUPLICATE,
                            before[1],
                            null,
                            "Event " + e.eventId() + " was accepted before; nothing changed.")
                        : UsageReceipt.rejected(
                            e.eventId(),
                            UsageReceipt.Rejection.EVENT_ID_REUSED,
                            "Event id "
                                + e.eventId()
                                + " was accepted before with other content; a correction is a new"
                                + " event or an adjustment."));
                continue;
              }
              YearMonth usage = YearMonth.from(e.from().atOffset(ZoneOffset.UTC));
              YearMonth booked =
                  lastClosed == null || usage.isAfter(lastClosed)
                      ? usage
                      : lastClosed.plusMonths(1);
              insert.setString(1, principal);
              insert.setString(2, e.eventId());
              insert.setString(3, e.decisionId());
              insert.setString(4, e.feature() == null ? "" : e.feature());
              insert.setString(5, e.useType().name());
              insert.setString(6, e.isrc().code());
              insert.setString(7, checked.territory().code());
              insert.setString(8, e.unit().name());
              insert.setLong(9, e.quantity());
              if (e.amount() == null) {
                insert.setNull(10, java.sql.Types.BIGINT);
                insert.setNull(11, java.sql.Types.CHAR);
              } else {
                insert.setLong(10, e.amount().minorUnits());
                insert.setString(11, e.amount().currency().getCurrencyCode());
              }
              insert.setBigDecimal(12, e.attribution());
              insert.setObject(13, e.from().atOffset(ZoneOffset.UTC));
              insert.setObject(14, e.to().atOffset(ZoneOffset.UTC));
              insert.setString(15, usage.toString());
              insert.setString(16, booked.toString());
              insert.setString(17, encode(checked.split()));
              insert.setString(18, hash);
              insert.setObject(19, now);
              insert.addBatch();
              inserts++;
              known.put(e.eventId(), new String[] {hash, booked.toString()});
              receipts.add(
                  new UsageReceipt(
                      e.eventId(), UsageReceipt.Status.ACCEPTED, booked.toString(), null, null));
            }
            if (inserts > 0) {
              insert.executeBatch();
            }
          }
          return receipts;
        });
  }

  /** Event id → {content hash, booked period} of the events of this batch already booked. */
  private static Map<String, String[]> existing(
      Connection connection, String principal, List<CheckedEvent> events) throws SQLException {
    Map<String, String[]> known = new HashMap<>();
    List<String> ids = events.stream().map(e -> e.event().eventId()).distinct().toList();
    for (int from = 0; from < ids.size(); from += 500) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT event_id, content_hash, booked_period FROM usage_event"
                  + " WHERE principal = ? AND event_id IN ("
                  + marks
                  + ")")) {
        select.setString(1, principal);
        for (int i = 0; i < chunk.size(); i++) {
          select.setString(i + 2, chunk.get(i));
        }
        try (ResultSet row = select.executeQuery()) {
          while (row.next()) {
            known.put(row.getString(1), new String[] {row.getString(2), row.getString(3)});
          }
        }
      }
    }
    return known;
  }

  @Override
  public void beginClose(YearMonth period, String principal) {
    bookTransaction(
        "beginning the close of " + period,
        connection -> {
          YearMonth lastClosed = lockBook(connection);
          String status = status(connection, period);
          if ("CLOSED".equals(status)) {
            throw new ConflictException(
                "period " + period + " is closed; a closed period is final (book a correction)");
          }
          if ("CLOSING".equals(status)) {
            return null; // a close that did not finish begins again on the same frozen events
          }
          if (lastClosed != null && !period.isAfter(lastClosed)) {
            throw new ConflictException(
                "period "
                    + period
                    + " is not after the last closed period "
                    + lastClosed
                    + "; its events were booked into later periods");
          }
          if (lastClosed != null && "CLOSING".equals(status(connection, lastClosed))) {
            throw new ConflictException(
                "period " + lastClosed + " is still CLOSING; close it again first");
          }
          try (PreparedStatement earlier =
              connection.prepareStatement(
                  "SELECT MIN(booked_period) FROM usage_event WHERE booked_period < ?"
                      + (lastClosed == null ? "" : " AND booked_period > ?"))) {
            earlier.setString(1, period.toString());
            if (lastClosed != null) {
              earlier.setString(2, lastClosed.toString());
            }
            try (ResultSet row = earlier.executeQuery()) {
              if (row.next() && row.getString(1) != null) {
                throw new ConflictException(
                    "period " + row.getString(1) + " has usage and is still open; close it first");
              }
            }
          }
          try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO revenue_period (period, status, closing_at, closed_by)"
                          + " VALUES (?, 'CLOSING', ?, ?)");
              PreparedStatement book =
                  connection.prepareStatement(
                      "UPDATE revenue_book SET last_closed = ? WHERE id = 1");
              PreparedStatement adjustments =
                  connection.prepareStatement(
                      "UPDATE revenue_adjustment SET booked_period = ?"
                          + " WHERE booked_period IS NULL")) {
            insert.setString(1, period.toString());
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            insert.setString(3, principal);
            insert.executeUpdate();
            book.setString(1, period.toString());
            book.executeUpdate();
            adjustments.setString(1, period.toString());
            adjustments.executeUpdate();
          }
          return null;
        });
  }

  private static String status(Connection connection, YearMonth period) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT status FROM revenue_period WHERE period = ?")) {
      select.setString(1, period.toString());
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  @Override
  public void forEachBatch(YearMonth period, int batchSize, Consumer<List<UsageLine>> consumer) {
    Map<String, SplitSheet> splits = new HashMap<>();
    try (Connection connection = dataSource.getConnection()) {
      // PostgreSQL streams rows only inside a transaction with a fetch size.
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT event_id, decision_id, feature, use_type, isrc, territory, unit, quantity,"
                  + " amount_minor, currency, attribution, split FROM usage_event"
                  + " WHERE booked_period = ?")) {
        select.setFetchSize(batchSize);
        select.setString(1, period.toString());
        List<UsageLine> batch = new ArrayList<>(batchSize);
        try (ResultSet row = select.executeQuery()) {
          while (row.next()) {
            String currency = row.getString(10);
            Money amount =
                currency == null
                    ? null
                    : new Money(row.getLong(9), Currency.getInstance(currency.trim()));
            String split = row.getString(12);
            batch.add(
                new UsageLine(
                    row.getString(1),
                    row.getString(2),
                    row.getString(3),
                    UseType.valueOf(row.getString(4)),
                    Isrc.of(row.getString(5)),
                    Territory.of(row.getString(6)),
                    UsageUnit.valueOf(row.getString(7)),
                    row.getLong(8),
                    amount,
                    row.getBigDecimal(11),
                    splits.computeIfAbsent(split, JdbcRevenueLedger::decode)));
            if (batch.size() == batchSize) {
              consumer.accept(batch);
              batch = new ArrayList<>(batchSize);
            }
          }
        }
        if (!batch.isEmpty()) {
          consumer.accept(batch);
        }
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new ServiceUnavailableException("reading usage of " + period + " failed", e);
    }
  }

  @Override
  public Map<String, Statements.Previous> balances() {
    return read(
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

  @Override
  public Map<String, List<Statement.Adjustment>> adjustments(YearMonth period) {
    return read(
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

  @Override
  public Map<Currency, Statement.Rate> rates(Set<Currency> from, Currency to, LocalDate on) {
    return read(
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

  @Override
  public void finishClose(
      YearMonth period,
      long policyVersion,
      long events,
      PeriodRevenue.Allocation allocation,
      List<Statement> statements) {
    bookTransaction(
        "closing " + period,
        connection -> {
          lockBook(connection);
          if (!"CLOSING".equals(status(connection, period))) {
            throw new ConflictException("period " + period + " is not being closed");
          }
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM statement WHERE period = ?")) {
            delete.setString(1, period.toString());
            delete.executeUpdate();
          }
          try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO statement (period, party_id, currency, opening, earnings,"
                          + " adjustments, reserve_released, reserve_held, payout, closing,"
                          + " document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
              PreparedStatement update =
                  connection.prepareStatement(
                      "UPDATE payee_balance SET period = ?, closing = ?, reserve_held = ?"
                          + " WHERE party_id = ?");
              PreparedStatement create =
                  connection.prepareStatement(
                      "INSERT INTO payee_balance (period, closing, reserve_held, party_id)"
                          + " VALUES (?, ?, ?, ?)")) {
            for (Statement s : statements) {
              insert.setString(1, period.toString());
              insert.setString(2, s.partyId());
              insert.setString(3, s.currency().getCurrencyCode());
              insert.setLong(4, s.opening());
              insert.setLong(5, s.earnings());
              insert.setLong(6, s.adjustments());
              insert.setLong(7, s.reserveReleased());
              insert.setLong(8, s.reserveHeld());
              insert.setLong(9, s.payout());
              insert.setLong(10, s.closing());
              insert.setString(11, StatementDocument.write(s));
              insert.addBatch();
              for (PreparedStatement balance : List.of(update, create)) {
                balance.setString(1, period.toString());
                balance.setLong(2, s.closing());
                balance.setLong(3, s.reserveHeld());
                balance.setString(4, s.partyId());
              }
              if (update.executeUpdate() == 0) {
                create.executeUpdate();
              }
            }
            insert.executeBatch();
          }
          try (PreparedStatement close =
              connection.prepareStatement(
                  "UPDATE revenue_period SET status = 'CLOSED', closed_at = ?,"
                      + " policy_version = ?, events = ?, summary = ? WHERE period = ?")) {
            close.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            close.setLong(2, policyVersion);
            close.setLong(3, events);
            close.setString(
                4,
                RevenueDocuments.summary(
                    allocation, statements, RevenueService.byModel(allocation.earnings())));
            close.setString(5, period.toString());
            close.executeUpdate();
          }
          return null;
        });
  }

  private static final String PERIOD_COLUMNS =
      "SELECT period, status, closed_by, closed_at, policy_version, events, summary"
          + " FROM revenue_period";

  @Override
  public List<PeriodInfo> periods() {
    return read(
        "listing periods",
        connection -> {
          List<PeriodInfo> periods = new ArrayList<>();
          try (PreparedStatement select =
                  connection.prepareStatement(PERIOD_COLUMNS + " ORDER BY period DESC");
              ResultSet row = select.executeQuery()) {
            while (row.next()) {
              periods.add(periodInfo(row));
            }
          }
          return periods;
        });
  }

  @Override
  public Optional<YearMonth> latestOpenPeriodWithUsage() {
    return read(
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

  @Override
  public Optional<PeriodInfo> period(YearMonth period) {
    return read(
        "reading a period",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(PERIOD_COLUMNS + " WHERE period = ?")) {
            select.setString(1, period.toString());
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(periodInfo(row)) : Optional.empty();
            }
          }
        });
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

  @Override
  public List<Statement> statements(YearMonth period) {
    return read(
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

  @Override
  public Optional<Statement> statement(YearMonth period, String partyId) {
    return read(
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

  @Override
  public void addRates(List<Statement.Rate> rates, String principal) {
    transaction(
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

  @Override
  public String addAdjustment(
      String partyId, long amount, Currency currency, String reason, String refersTo, String by) {
    String id = UUID.randomUUID().toString();
    transaction(
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

  private <T> T read(String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new ServiceUnavailableException(what + " failed: " + e.getMessage(), e);
    }
  }

  /** A split as one text: its id on the first line, then party, role and percent per line. */
  static String encode(SplitSheet split) {
    StringBuilder text = new StringBuilder(split.getSplitId()).append('\n');
    text.append(split.getIsrc().code()).append('\n');
    for (Share share : split.getShares()) {
      text.append(share.partyId())
          .append('\u001f')
          .append(share.role())
          .append('\u001f')
          .append(share.percent())
          .append('\n');
    }
    return text.toString();
  }

  static SplitSheet decode(String text) {
    String[] lines = text.split("\n");
    List<Share> shares = new ArrayList<>();
    for (int i = 2; i < lines.length; i++) {
      String[] cells = lines[i].split("\u001f", -1);
      shares.add(new Share(cells[0], cells[1], Percent.of(cells[2])));
    }
    return new SplitSheet(lines[0], Isrc.of(lines[1]), null, shares);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** For tests: when an instant falls, as the period it books into. */
  static YearMonth month(Instant at) {
    return YearMonth.from(at.atOffset(ZoneOffset.UTC));
  }
}
