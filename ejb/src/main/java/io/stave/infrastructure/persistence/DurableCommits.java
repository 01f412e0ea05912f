package io.stave.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Makes a commit mean "on disk" before anything is acknowledged. H2 2.x (MVStore) by default
 * returns from a commit with the change only in memory and writes it to the file within {@code
 * WRITE_DELAY} (500 ms) from a background thread, so a {@code kill -9} of the JVM lost decisions
 * that had been answered 200 (issue 11: 23 of 1,176 in {@code bench/faults/hard-kill.sh}). With
 * {@code WRITE_DELAY 0} the committing thread writes the change to the file before the commit
 * returns. That survives the death of the JVM (the operating system holds the written pages); it
 * does not fsync, so it is not a defence against a power cut, which is what PostgreSQL is for.
 *
 * <p>PostgreSQL commits in its own process, so the JVM's death cannot undo a commit; {@code
 * synchronous_commit = off} would still lose the last commits if PostgreSQL itself crashed, which
 * is worth a warning.
 */
public final class DurableCommits {
  private static final Logger LOG = Logger.getLogger(DurableCommits.class.getName());

  private DurableCommits() {}

  /**
   * Sets H2's write delay to 0 (a database-wide setting) and checks it took; warns about
   * PostgreSQL's asynchronous commit. Returns what holds, for the start-up log.
   *
   * @throws SQLException if the database cannot be made to write commits at once (e.g. an H2 user
   *     without the admin right to change the setting)
   */
  public static String ensure(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName();
      if ("H2".equalsIgnoreCase(product)) {
        return ensureH2(connection);
      }
      if ("PostgreSQL".equalsIgnoreCase(product)) {
        return checkPostgres(connection);
      }
      return product + ": commits are as durable as the database makes them";
    }
  }

  private static String ensureH2(Connection connection) throws SQLException {
    if (h2WriteDelay(connection) != 0) {
      try (Statement set = connection.createStatement()) {
        set.execute("SET WRITE_DELAY 0");
      } catch (SQLException e) {
        throw new SQLException(
            "H2 would keep committed transactions in memory for up to its"
                + " WRITE_DELAY and lose them on a crash, and the setting cannot be changed by this user ("
                + e.getMessage().lines().findFirst().orElse("")
                + "); add ;WRITE_DELAY=0 to STAVE_DB_URL",
            e);
      }
    }
    int delay = h2WriteDelay(connection);
    if (delay != 0) {
      throw new SQLException(
          "H2's WRITE_DELAY is still "
              + delay
              + " ms after setting it to 0;"
              + " add ;WRITE_DELAY=0 to STAVE_DB_URL");
    }
    return "H2 writes each commit to its file before it returns (WRITE_DELAY 0)";
  }

  static int h2WriteDelay(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'");
        ResultSet row = select.executeQuery()) {
      if (!row.next()) {
        throw new SQLException("H2 does not report its WRITE_DELAY setting");
      }
      return Integer.parseInt(row.getString(1).trim());
    }
  }

  private static String checkPostgres(Connection connection) throws SQLException {
    try (Statement show = connection.createStatement();
        ResultSet row = show.executeQuery("SHOW synchronous_commit")) {
      String mode = row.next() ? row.getString(1) : "unknown";
      if ("off".equalsIgnoreCase(mode)) {
        LOG.warning(
            "PostgreSQL runs with synchronous_commit = off: a decision acknowledged in"
                + " the last moments before a crash of PostgreSQL itself (not of Stave) can be lost;"
                + " set it to on for the Stave database");
      }
      return "PostgreSQL commits with synchronous_commit = " + mode;
    }
  }
}
