package io.stave.bench;

import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.Migrations;
import io.stave.infrastructure.persistence.SplitSheetRepository;
import io.stave.rules.domain.Consent;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.SplitSheet;
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
      for (List<Recording> slice : slices(catalogue.recordings, analyze)) {
        repository.recordings().save(connection, slice);
        connection.commit();
      }
      for (List<Deal> slice : slices(catalogue.deals, analyze)) {
        repository.deals().save(connection, slice);
        connection.commit();
      }
      for (List<Consent> slice : slices(catalogue.consents, analyze)) {
        repository.consents().append(connection, slice);
        connection.commit();
      }
      for (List<SplitSheet> slice : slices(catalogue.splitSheets, analyze)) {
        repository
            .splitSheets()
            .save(connection, slice, SplitSheetRepository.SheetSource.SPLIT_FEED);
        connection.commit();
      }
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

  /** Slices of 1,000; {@code every10} runs before every tenth slice after the first. */
  private static <T> List<List<T>> slices(List<T> all, Runnable every10) {
    return new java.util.AbstractList<>() {
      @Override
      public List<T> get(int index) {
        if (index > 0 && index % 10 == 0) {
          every10.run();
        }
        return all.subList(index * 1_000, Math.min(all.size(), (index + 1) * 1_000));
      }

      @Override
      public int size() {
        return (all.size() + 999) / 1_000;
      }
    };
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
