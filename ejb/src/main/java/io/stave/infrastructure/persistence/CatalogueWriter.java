package io.stave.infrastructure.persistence;

import io.stave.application.Catalogue.FirstStep;
import io.stave.application.Catalogue.Outcome;
import io.stave.application.RefusedFactsException;
import io.stave.application.ServiceUnavailableException;
import io.stave.infrastructure.persistence.SplitSheetRepository.SheetSource;
import io.stave.routes.feed.CatalogueChange;
import io.stave.routes.feed.ReleaseDeals;
import io.stave.routes.feed.ReleasePurge;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Writes a catalogue change across the aggregates' tables in one transaction, after a first step
 * that may decide otherwise (a feed message's status), and says which keys of the cluster's fact
 * maps it touched.
 */
public final class CatalogueWriter {
  private static final Logger LOG = Logger.getLogger(CatalogueWriter.class.getName());

  private final CatalogueRepository catalogue;

  public CatalogueWriter(CatalogueRepository catalogue) {
    this.catalogue = catalogue;
  }

  /** What a write decided, and the keys of each fact map it changed (none unless applied). */
  public record Written(
      Outcome outcome,
      Set<String> recordings,
      Set<String> dealRecordings,
      Set<String> consents,
      Set<String> splitSheets) {
    static Written nothing(Outcome outcome) {
      return new Written(outcome, Set.of(), Set.of(), Set.of(), Set.of());
    }
  }

  /**
   * Transactions the database aborted to serialize them with a concurrent one (a deadlock, or a
   * serialization failure) are tried again, this many times in all. Rows that messages applied at
   * once may share (parties, recordings, split sheets, release aliases) are upserted in key order,
   * so two messages naming one party no longer clash on its key; a unique violation is now a fact
   * the database refuses, not a reason to try again.
   */
  static final int ATTEMPTS = 20;

  private final AtomicLong retries = new AtomicLong();

  /** How many transactions were tried again since this writer was made (for tests and metrics). */
  public long retries() {
    return retries.get();
  }

  /**
   * Runs {@code first}, then, as it decides, writes the change and commits. A fact the database
   * refuses is a {@link RefusedFactsException}; any other failure a {@link
   * ServiceUnavailableException}; either way nothing is committed.
   */
  public Written write(CatalogueChange change, FirstStep first) {
    for (int attempt = 1; ; attempt++) {
      try {
        return writeOnce(change, first);
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && isSerializationFailure(e)) {
          retries.incrementAndGet();
          LOG.fine(() -> "catalogue transaction tried again: " + e.getMessage());
          pause(attempt);
          continue;
        }
        if (Sql.isDataProblem(e)) {
          throw new RefusedFactsException(e.getMessage(), e);
        }
        throw new ServiceUnavailableException(
            "the catalogue change could not be stored: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Serialization failure or deadlock (SQLSTATE 40001, 40P01; H2 reports a deadlock as 40001 too).
   */
  static boolean isSerializationFailure(SQLException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
        return true;
      }
    }
    return false;
  }

  private static void pause(int attempt) {
    try {
      // exponential back-off with jitter, at most about a quarter of a second a try
      long ceiling = Math.min(250L, 5L << Math.min(attempt, 6));
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private Written writeOnce(CatalogueChange change, FirstStep first) throws SQLException {
    try (Connection connection = catalogue.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try {
        Outcome outcome = first.run(new JdbcFeedTransaction(connection, catalogue));
        if (outcome == Outcome.ROLL_BACK) {
          connection.rollback();
          return Written.nothing(outcome);
        }
        if (outcome == Outcome.COMMIT_WITHOUT_FACTS) {
          connection.commit();
          return Written.nothing(outcome);
        }
        Written written = writeFacts(connection, change);
        connection.commit();
        return written;
      } catch (JdbcFeedTransaction.Failure e) {
        connection.rollback();
        throw e.getCause();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private Written writeFacts(Connection connection, CatalogueChange change) throws SQLException {
    Set<String> recordings = new HashSet<>();
    Set<String> dealRecordings = new HashSet<>();
    Set<String> consents = new HashSet<>();
    Set<String> splits = new HashSet<>();
    catalogue.parties().save(connection, change.parties());
    catalogue.recordings().save(connection, change.recordings());
    change.recordings().forEach(recording -> recordings.add(recording.getIsrc().code()));
    catalogue.recordings().replaceCredits(connection, change.credits());
    DealRepository deals = catalogue.deals();
    dealRecordings.addAll(deals.save(connection, change.deals()));
    for (ReleaseDeals release : change.releaseDeals()) {
      dealRecordings.addAll(
          deals.replaceReleaseDeals(connection, release.releaseKey(), release.deals()));
    }
    for (ReleasePurge purge : change.releasePurges()) {
      dealRecordings.addAll(
          deals.endReleaseDeals(
              connection, purge.releaseKeys(), purge.endsAtLatest(Instant.now())));
    }
    catalogue.consents().append(connection, change.consents());
    change
        .consents()
        .forEach(
            consent ->
                consents.add(ConsentRepository.key(consent.artistId(), consent.useType().name())));
    SplitSheetRepository sheets = catalogue.splitSheets();
    sheets
        .save(connection, change.splitSheets(), SheetSource.SPLIT_FEED)
        .forEach(sheet -> splits.add(sheet.getIsrc().code()));
    sheets
        .save(connection, change.rightsControllerSheets(), SheetSource.RIGHTS_CONTROLLERS)
        .forEach(sheet -> splits.add(sheet.getIsrc().code()));
    return new Written(Outcome.APPLY, recordings, dealRecordings, consents, splits);
  }
}
