package io.stave.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Random;
import java.util.UUID;

/**
 * What one durable commit costs the embedded H2 (MVStore, {@code WRITE_DELAY=0} as Stave runs it):
 * small transactions of rows with random keys into a table with two secondary indexes, the shape of
 * the decision log and of a feed message's catalogue rows. Prints the time per commit and the bytes
 * H2 wrote to its file per commit, against the bytes of the rows themselves. MVStore never updates
 * a page in place: each commit writes every page it changed, and the pages above them up to each
 * tree's root.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.stave.bench.H2CommitCost 20000 5</pre>
 */
public final class H2CommitCost {
  private static final int DOCUMENT_CHARS = 600;

  private H2CommitCost() {}

  public static void main(String[] args) throws Exception {
    int commits = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rowsPerCommit = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path directory = Files.createTempDirectory("stave-h2-commit-cost");
    String url = "jdbc:h2:file:" + directory.resolve("db") + ";WRITE_DELAY=0";
    try {
      measure(url, commits, rowsPerCommit);
    } finally {
      try (var files = Files.walk(directory)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static void measure(String url, int commits, int rowsPerCommit) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "sa", "sa")) {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute(
            "CREATE TABLE logged (id VARCHAR(36) PRIMARY KEY, isrc VARCHAR(12),"
                + " artist VARCHAR(40), at TIMESTAMP, document VARCHAR(2000))");
        ddl.execute("CREATE INDEX logged_isrc ON logged (isrc, at)");
        ddl.execute("CREATE INDEX logged_artist ON logged (artist, id)");
      }
      connection.setAutoCommit(false);
      long bytesBefore = writtenBytes(connection);
      Random random = new Random(1);
      String document = "x".repeat(DOCUMENT_CHARS);
      long start = System.nanoTime();
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO logged VALUES (?, ?, ?, ?, ?)")) {
        for (int commit = 0; commit < commits; commit++) {
          for (int row = 0; row < rowsPerCommit; row++) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, "QZ" + (100_000 + random.nextInt(100_000)));
            insert.setString(3, "artist-" + random.nextInt(20_000));
            insert.setTimestamp(4, new Timestamp(System.currentTimeMillis()));
            insert.setString(5, document);
            insert.executeUpdate();
          }
          connection.commit();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long written = writtenBytes(connection) - bytesBefore;
      long rowBytes = (long) rowsPerCommit * (36 + 12 + 12 + 8 + DOCUMENT_CHARS);
      System.out.printf(
          "%,d commits of %d rows in %.1f s: %.0f us per commit; H2 wrote %,d bytes per commit"
              + " for about %,d bytes of rows (%.0fx)%n",
          commits,
          rowsPerCommit,
          seconds,
          seconds * 1e6 / commits,
          written / commits,
          rowBytes,
          (double) written / commits / rowBytes);
    }
  }

  private static long writtenBytes(Connection connection) throws SQLException {
    try (Statement query = connection.createStatement();
        ResultSet row =
            query.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'info.FILE_WRITE_BYTES'")) {
      return row.next() ? Long.parseLong(row.getString(1)) : 0;
    }
  }
}
