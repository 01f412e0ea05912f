package io.stave.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The JDBC mechanics the repositories share: statements over an {@code IN} list of any length (run
 * in chunks, since databases cap the number of parameters), a {@code WHERE} clause built from
 * optional filters, and timestamps in UTC. Plain JDBC rather than a library: the repositories batch
 * their writes per statement, which is what the ingest figures rest on, and this is all the
 * repetition there was.
 */
final class Sql {
  /** Values bound per {@code IN (...)}; well below every supported database's limit. */
  static final int IN_LIST = 500;

  private Sql() {}

  /** Reads the rows of one result set. */
  @FunctionalInterface
  interface Rows {
    void read(ResultSet row) throws SQLException;
  }

  /**
   * Runs {@code sql}, whose {@code %s} stands for the placeholders of an {@code IN} list, once per
   * chunk of {@code values}, handing every row to {@code rows}.
   */
  static void selectIn(Connection connection, String sql, Collection<String> values, Rows rows)
      throws SQLException {
    for (List<String> chunk : chunks(values)) {
      try (PreparedStatement select = prepareIn(connection, sql, chunk);
          ResultSet row = select.executeQuery()) {
        while (row.next()) {
          rows.read(row);
        }
      }
    }
  }

  /** The first column of every row {@link #selectIn} finds. */
  static Set<String> selectIn(Connection connection, String sql, Collection<String> values)
      throws SQLException {
    Set<String> found = new HashSet<>();
    selectIn(connection, sql, values, row -> found.add(row.getString(1)));
    return found;
  }

  /** Runs an update or delete whose {@code %s} stands for an {@code IN} list, chunk by chunk. */
  static void updateIn(Connection connection, String sql, Collection<String> values)
      throws SQLException {
    for (List<String> chunk : chunks(values)) {
      try (PreparedStatement update = prepareIn(connection, sql, chunk)) {
        update.executeUpdate();
      }
    }
  }

  /** Runs a statement with these parameters; returns the rows it changed. */
  static int update(Connection connection, String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, List.of(values));
      return statement.executeUpdate();
    }
  }

  /** The first column of every row of a query without parameters, on a connection of its own. */
  static Set<String> keys(DataSource dataSource, String sql) throws SQLException {
    Set<String> keys = new HashSet<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        keys.add(rows.getString(1));
      }
    }
    return keys;
  }

  static void bind(PreparedStatement statement, List<?> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(i + 1, values.get(i));
    }
  }

  private static PreparedStatement prepareIn(Connection connection, String sql, List<String> values)
      throws SQLException {
    PreparedStatement statement =
        connection.prepareStatement(
            sql.formatted(String.join(", ", Collections.nCopies(values.size(), "?"))));
    bind(statement, values);
    return statement;
  }

  static List<List<String>> chunks(Collection<String> values) {
    return chunks(new ArrayList<>(values), IN_LIST);
  }

  /** {@code values} in consecutive slices of at most {@code size}. */
  static <T> List<List<T>> chunks(List<T> values, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < values.size(); i += size) {
      chunks.add(values.subList(i, Math.min(values.size(), i + size)));
    }
    return chunks;
  }

  /** {@code insert} ("INSERT INTO t (a, b) VALUES ") followed by {@code rows} times "(?, ?)". */
  static String multiRow(String insert, String values, int rows) {
    return insert + String.join(", ", Collections.nCopies(rows, values));
  }

  /**
   * An insert-or-update of one row by its key, as a statement with one {@code ?} per column (in
   * {@code columns} order): H2's {@code MERGE INTO ... KEY (...)} or PostgreSQL's {@code INSERT ...
   * ON CONFLICT (...) DO UPDATE}. Both wait for a concurrent transaction that holds the key (even
   * one that has just inserted it) and then update, so two transactions writing one key neither
   * fail nor need a retry; the standard {@code MERGE ... USING} would fail with a unique violation
   * on H2 when the key is new to both. Callers write their rows in key order, so two transactions
   * writing several shared keys always lock them in the same order and cannot deadlock.
   */
  static String upsert(Connection connection, String table, List<String> keys, List<String> columns)
      throws SQLException {
    String placeholders = String.join(", ", Collections.nCopies(columns.size(), "?"));
    if (isH2(connection)) {
      return "MERGE INTO "
          + table
          + " ("
          + String.join(", ", columns)
          + ") KEY ("
          + String.join(", ", keys)
          + ") VALUES ("
          + placeholders
          + ")";
    }
    List<String> updates =
        columns.stream()
            .filter(column -> !keys.contains(column))
            .map(column -> column + " = EXCLUDED." + column)
            .toList();
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") VALUES ("
        + placeholders
        + ") ON CONFLICT ("
        + String.join(", ", keys)
        + ") DO "
        + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + String.join(", ", updates));
  }

  static boolean isH2(Connection connection) throws SQLException {
    return connection.getMetaData().getDatabaseProductName().startsWith("H2");
  }

  static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /** Class 22 (data exception) and 23 (integrity constraint): the data, not the database. */
  static boolean isDataProblem(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  /**
   * A {@code WHERE} clause of the filters that are set, each with its parameter, ANDed in the order
   * they are added.
   */
  static final class Where {
    private final StringBuilder clause = new StringBuilder(" WHERE 1 = 1");
    private final List<Object> values = new ArrayList<>();

    /** Adds {@code condition} (one {@code ?}) when {@code value} is set. */
    Where and(String condition, Object value) {
      if (value != null) {
        clause.append(" AND ").append(condition);
        values.add(value instanceof Instant instant ? utc(instant) : value);
      }
      return this;
    }

    /**
     * Runs {@code select + this clause + tail}, with {@code tailValues} bound after the filters.
     */
    void query(Connection connection, String select, String tail, List<?> tailValues, Rows rows)
        throws SQLException {
      List<Object> all = new ArrayList<>(values);
      all.addAll(tailValues);
      try (PreparedStatement statement = connection.prepareStatement(select + clause + tail)) {
        bind(statement, all);
        try (ResultSet row = statement.executeQuery()) {
          while (row.next()) {
            rows.read(row);
          }
        }
      }
    }
  }
}
