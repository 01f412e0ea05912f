package io.stave.infrastructure.persistence;

import io.stave.application.ServiceUnavailableException;
import io.stave.application.revenue.RevenueLedger.CheckedEvent;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Usage events in the database: booking them once per client and event id, reading a period's. */
final class UsageBook {
  private static final String INSERT_EVENT =
      "INSERT INTO usage_event (principal, event_id, decision_id, feature, use_type, isrc,"
          + " territory, unit, quantity, amount_minor, currency, attribution, used_from, used_to,"
          + " usage_period, booked_period, split, content_hash, received_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final RevenueTransactions db;

  UsageBook(RevenueTransactions db) {
    this.db = db;
  }

  List<UsageReceipt> book(String principal, List<CheckedEvent> events) {
    return db.bookTransaction(
        "booking usage",
        connection -> {
          YearMonth lastClosed = RevenueTransactions.lockBook(connection);
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
    for (List<String> chunk : Sql.chunks(ids)) {
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

  void forEachBatch(YearMonth period, int batchSize, Consumer<List<UsageLine>> consumer) {
    Map<String, SplitSheet> splits = new HashMap<>();
    try (Connection connection = db.dataSource().getConnection()) {
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
                    splits.computeIfAbsent(split, UsageBook::decode)));
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
