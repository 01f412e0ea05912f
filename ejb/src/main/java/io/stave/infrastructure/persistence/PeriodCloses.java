package io.stave.infrastructure.persistence;

import io.stave.application.ConflictException;
import io.stave.application.revenue.RevenueService;
import io.stave.application.revenue.StatementDocument;
import io.stave.rules.revenue.PeriodRevenue;
import io.stave.rules.revenue.Statement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/** A period's close in the database: begun (events frozen) and finished (statements, balances). */
final class PeriodCloses {
  private final RevenueTransactions db;

  PeriodCloses(RevenueTransactions db) {
    this.db = db;
  }

  void beginClose(YearMonth period, String principal) {
    db.bookTransaction(
        "beginning the close of " + period,
        connection -> {
          YearMonth lastClosed = RevenueTransactions.lockBook(connection);
          String status = RevenueTransactions.status(connection, period);
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
          if (lastClosed != null
              && "CLOSING".equals(RevenueTransactions.status(connection, lastClosed))) {
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

  void finishClose(
      YearMonth period,
      long policyVersion,
      long events,
      PeriodRevenue.Allocation allocation,
      List<Statement> statements) {
    db.bookTransaction(
        "closing " + period,
        connection -> {
          RevenueTransactions.lockBook(connection);
          if (!"CLOSING".equals(RevenueTransactions.status(connection, period))) {
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
}
