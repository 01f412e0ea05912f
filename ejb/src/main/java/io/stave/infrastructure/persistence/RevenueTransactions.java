package io.stave.infrastructure.persistence;

import io.stave.application.ServiceUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import javax.sql.DataSource;

/**
 * The revenue tables' transactions: one on the book's row lock for usage writes and closes, plain
 * ones for the rest; a database fault is a 503, a conflict passes through after rollback.
 */
final class RevenueTransactions {
  /**
   * Usage writes and closes take the book's row lock in the database; on one node they queue here
   * first, so concurrent requests wait their turn in the JVM instead of timing out on the
   * database's lock wait (H2 gave up after a second with four writers). Across nodes the database
   * lock decides.
   */
  private static final java.util.concurrent.locks.ReentrantLock BOOK =
      new java.util.concurrent.locks.ReentrantLock(true);

  private final DataSource dataSource;

  RevenueTransactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** One transaction holding the book; a database fault is a 503, a conflict passes through. */
  <T> T bookTransaction(String what, Work<T> work) {
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
  <T> T transaction(String what, Work<T> work) {
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

  static YearMonth lockBook(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT last_closed FROM revenue_book WHERE id = 1 FOR UPDATE");
        ResultSet row = select.executeQuery()) {
      row.next();
      String closed = row.getString(1);
      return closed == null ? null : YearMonth.parse(closed);
    }
  }

  static String status(Connection connection, YearMonth period) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT status FROM revenue_period WHERE period = ?")) {
      select.setString(1, period.toString());
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  <T> T read(String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new ServiceUnavailableException(what + " failed: " + e.getMessage(), e);
    }
  }
}
