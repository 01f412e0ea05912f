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
import org.h2.jdbcx.JdbcDataSource;

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
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + data.resolve("stave") + ";DB_CLOSE_ON_EXIT=FALSE");
    h2.setUser("sa");
    h2.setPassword("sa");
    Migrations.migrate(h2, null);
    SyntheticCatalogue catalogue = SyntheticCatalogue.realistic();
    CatalogueRepository repository = new CatalogueRepository(h2);
    long started = System.nanoTime();
    try (Connection connection = h2.getConnection()) {
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
    }
    System.out.printf(
        "Seeded %d recordings, %d deals, %d consents, %d split sheets into %s in %d s%n",
        catalogue.recordings.size(),
        catalogue.deals.size(),
        catalogue.consents.size(),
        catalogue.splitSheets.size(),
        data,
        (System.nanoTime() - started) / 1_000_000_000L);
    List<String> sample = catalogue.requests(5, 1L).stream().map(r -> r.getIsrc().code()).toList();
    System.out.println("Sample ISRCs: " + sample);
  }

  private static <T> List<List<T>> slices(List<T> all) {
    List<List<T>> slices = new java.util.ArrayList<>();
    for (int i = 0; i < all.size(); i += 1_000) {
      slices.add(all.subList(i, Math.min(all.size(), i + 1_000)));
    }
    return slices;
  }
}
