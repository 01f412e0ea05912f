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
      // In slices of 1,000 rows, each committed: the set-based writes the feeds use.
      for (List<Recording> slice : slices(catalogue.recordings)) {
        repository.recordings().save(connection, slice);
        connection.commit();
      }
      for (List<Deal> slice : slices(catalogue.deals)) {
        repository.deals().save(connection, slice);
        connection.commit();
      }
      for (List<Consent> slice : slices(catalogue.consents)) {
        repository.consents().append(connection, slice);
        connection.commit();
      }
      for (List<SplitSheet> slice : slices(catalogue.splitSheets)) {
        repository
            .splitSheets()
            .save(connection, slice, SplitSheetRepository.SheetSource.SPLIT_FEED);
        connection.commit();
      }
      connection.commit();
      if (database instanceof PGSimpleDataSource) {
        // This machine's PostgreSQL runs without autovacuum: without statistics the node's first
        // reads of the catalogue would be planned for empty tables.
        try (var analyze = connection.createStatement()) {
          connection.setAutoCommit(true);
          analyze.execute("ANALYZE");
        }
      }
    }
    System.out.printf(
        "Seeded %d recordings, %d deals, %d consents, %d split sheets into %s in %d s%n",
        catalogue.recordings.size(),
        catalogue.deals.size(),
        catalogue.consents.size(),
        catalogue.splitSheets.size(),
        database instanceof PGSimpleDataSource pg ? pg.getUrl() : data,
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

  private static <T> List<List<T>> slices(List<T> all) {
    List<List<T>> slices = new java.util.ArrayList<>();
    for (int i = 0; i < all.size(); i += 1_000) {
      slices.add(all.subList(i, Math.min(all.size(), i + 1_000)));
    }
    return slices;
  }
}
