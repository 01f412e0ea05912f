package io.stave.bench;

import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.Migrations;
import io.stave.infrastructure.persistence.SplitSheetRepository;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Writes the realistic catalogue into the embedded H2 database of a Stave data directory, through
 * the same repository the server uses, so an HTTP load run decides on realistic facts. Usage:
 * {@code java -cp benchmarks.jar io.stave.bench.SeedDatabase <data dir>}.
 */
public final class SeedDatabase {
  private SeedDatabase() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: SeedDatabase <stave data dir>");
      System.exit(2);
    }
    Path data = Path.of(args[0]).toAbsolutePath();
    DataSource database = database(data);
    SyntheticCatalogue catalogue = SyntheticCatalogue.realistic();
    CatalogueRepository repository = new CatalogueRepository(database);
    long started = System.nanoTime();
    try (Connection connection = database.getConnection()) {
      connection.setAutoCommit(false);
      // This machine's PostgreSQL runs without autovacuum: without fresh statistics every read
      // the writes below make (which rows exist already) is planned for an empty table and slows
      // down as the table fills, so statistics are refreshed as the tables grow (a no-op on H2).
      Runnable analyze = () -> analyzeOnPostgres(database, connection);
      // In slices of 1,000 rows, each committed: the set-based writes the feeds use.
      inSlices(connection, catalogue.recordings, analyze, repository.recordings()::save);
      inSlices(connection, catalogue.deals, analyze, repository.deals()::save);
      inSlices(connection, catalogue.consents, analyze, repository.consents()::append);
      inSlices(
          connection,
          catalogue.splitSheets,
          analyze,
          (c, slice) ->
              repository.splitSheets().save(c, slice, SplitSheetRepository.SheetSource.SPLIT_FEED));
      connection.commit();
      analyze.run();
    }
    System.out.printf(
        "Seeded %d recordings, %d deals, %d consents, %d split sheets into %s in %d s%n",
        catalogue.recordings.size(),
        catalogue.deals.size(),
        catalogue.consents.size(),
        catalogue.splitSheets.size(),
        database instanceof PGSimpleDataSource
            ? "PostgreSQL schema " + System.getenv("STAVE_DB_SCHEMA")
            : data,
        (System.nanoTime() - started) / 1_000_000_000L);
    List<String> sample = catalogue.requests(5, 1L).stream().map(r -> r.getIsrc().code()).toList();
    System.out.println("Sample ISRCs: " + sample);
  }

  /**
   * The node's database, migrated: PostgreSQL when {@code STAVE_DB_URL} names one (as {@code
   * deploy/run.sh} reads it; {@code STAVE_DB_SCHEMA} is created and migrated), else the data
   * directory's embedded H2 file.
   */
  private static DataSource database(Path data) {
    String url = System.getenv().getOrDefault("STAVE_DB_URL", "");
    if (url.startsWith("jdbc:postgresql:")) {
      String schema = System.getenv("STAVE_DB_SCHEMA");
      PGSimpleDataSource postgres = new PGSimpleDataSource();
      postgres.setURL(url);
      postgres.setUser(System.getenv().getOrDefault("STAVE_DB_USER", "postgres"));
      postgres.setPassword(System.getenv().getOrDefault("STAVE_DB_PASSWORD", ""));
      if (schema != null && !schema.isBlank()) {
        postgres.setCurrentSchema(schema);
      }
      Migrations.migrate(postgres, schema);
      return postgres;
    }
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + data.resolve("stave") + ";DB_CLOSE_ON_EXIT=FALSE");
    h2.setUser("sa");
    h2.setPassword("sa");
    Migrations.migrate(h2, null);
    return h2;
  }

  /** One slice's write, on the connection the caller commits. */
  private interface SliceWriter<T> {
    void write(Connection connection, List<T> slice) throws java.sql.SQLException;
  }

  /** Writes in slices of 1,000, committing each; {@code every10} runs after every tenth. */
  private static <T> void inSlices(
      Connection connection, List<T> all, Runnable every10, SliceWriter<T> writer)
      throws java.sql.SQLException {
    for (int first = 0, n = 1; first < all.size(); first += 1_000, n++) {
      writer.write(connection, all.subList(first, Math.min(all.size(), first + 1_000)));
      connection.commit();
      if (n % 10 == 0) {
        every10.run();
      }
    }
  }

  private static void analyzeOnPostgres(DataSource database, Connection connection) {
    if (!(database instanceof PGSimpleDataSource)) {
      return;
    }
    try (var analyze = connection.createStatement()) {
      connection.commit();
      analyze.execute("ANALYZE");
      connection.commit();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("ANALYZE failed: " + e.getMessage(), e);
    }
  }
}
