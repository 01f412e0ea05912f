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
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Writes a catalogue change across the aggregates' tables in one transaction, after a first step
 * that may decide otherwise (a feed message's status), and says which keys of the cluster's fact
 * maps it touched.
 *
 * <p>Changes that callers (feed lanes) hand in while another group is being written are written
 * together: one transaction, each change behind a savepoint of its own, one commit, so a group
 * shares the commit's round trips and WAL flush (on PostgreSQL, 30 % less server CPU per feed
 * message; on H2 it was 20 % slower, with more CPU per message, so there each change is written
 * alone, by its caller, side by side: see {@code StaveSettings#feedGroupCommit}). Each change still
 * stands alone: one the database refuses is rolled back to its savepoint and refused alone, a first
 * step that rolls back rolls back only its own work, and every caller returns only after the commit
 * that holds its change. If anything else goes wrong in a group (a deadlock, a lost connection, a
 * failed commit), the group is rolled back whole and each change is written again alone, as if it
 * had never been grouped.
 */
public final class CatalogueWriter {
  private static final Logger LOG = Logger.getLogger(CatalogueWriter.class.getName());

  private final CatalogueRepository catalogue;
  private final int maxGroup;

  /**
   * A writer that groups up to {@link #MAX_GROUP} changes per transaction. A grouping writer writes
   * one group at a time; one that does not group lets its callers write side by side.
   */
  public CatalogueWriter(CatalogueRepository catalogue) {
    this(catalogue, MAX_GROUP);
  }

  /**
   * @param maxGroup the most changes one transaction writes together; 1 writes each alone
   */
  public CatalogueWriter(CatalogueRepository catalogue, int maxGroup) {
    if (maxGroup < 1 || maxGroup > MAX_GROUP) {
      throw new IllegalArgumentException(
          "a group holds 1 to " + MAX_GROUP + " changes, not " + maxGroup);
    }
    this.catalogue = catalogue;
    this.maxGroup = maxGroup;
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
    if (maxGroup == 1) {
      return writeAlone(change, first); // no queue: callers write at once, side by side
    }
    PendingWrite mine = new PendingWrite(change, first);
    List<PendingWrite> group;
    synchronized (queue) {
      queue.add(mine);
      boolean interrupted = false;
      while (writing && !mine.done) {
        try {
          queue.wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (!mine.done) {
        writing = true;
        group = new ArrayList<>(queue.subList(0, Math.min(queue.size(), maxGroup)));
        queue.subList(0, group.size()).clear();
      } else {
        group = List.of();
      }
    }
    if (!group.isEmpty()) {
      try {
        writeGroup(group);
      } finally {
        synchronized (queue) {
          for (PendingWrite pending : group) {
            if (pending.written == null && pending.failure == null) {
              pending.failure =
                  new ServiceUnavailableException("the catalogue change was not written");
            }
            pending.done = true;
          }
          writing = false;
          queue.notifyAll();
        }
      }
    }
    return mine.outcome();
  }

  /** Changes written in one transaction at the most, whatever the setting. */
  public static final int MAX_GROUP = 256;

  private final List<PendingWrite> queue = new ArrayList<>();
  private boolean writing;
  private final AtomicLong changesGrouped = new AtomicLong();

  /** Changes committed in a transaction shared with others (tests, metrics). */
  public long changesGrouped() {
    return changesGrouped.get();
  }

  /** One caller's change, waiting for the group that writes it. */
  private static final class PendingWrite {
    final CatalogueChange change;
    final FirstStep first;
    boolean done;
    Written written;
    RuntimeException failure;

    PendingWrite(CatalogueChange change, FirstStep first) {
      this.change = change;
      this.first = first;
    }

    Written outcome() {
      if (failure != null) {
        throw failure;
      }
      return written;
    }
  }

  private void writeGroup(List<PendingWrite> group) {
    if (group.size() > 1 && writeTogether(group)) {
      changesGrouped.addAndGet(group.size());
      return;
    }
    for (PendingWrite pending : group) {
      try {
        pending.written = writeAlone(pending.change, pending.first);
      } catch (RuntimeException e) {
        pending.failure = e;
      }
    }
  }

  /**
   * Writes the group in one transaction, each change behind its own savepoint; false (everything
   * rolled back) when the group as a whole failed and each change is to be written alone.
   */
  private boolean writeTogether(List<PendingWrite> group) {
    try (Connection connection = catalogue.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try {
        for (PendingWrite pending : group) {
          writeBehindSavepoint(connection, pending);
        }
        connection.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        LOG.fine(() -> "a group of catalogue changes is written again one by one: " + e);
        connection.rollback();
        group.forEach(
            pending -> {
              pending.written = null;
              pending.failure = null;
            });
        return false;
      }
    } catch (SQLException e) {
      return false; // no connection, or the rollback failed: each change tries alone
    }
  }

  /**
   * One change of a group. A fact the database refuses rolls back to the savepoint and is that
   * change's answer alone; anything else (a deadlock, the connection, an exception of the change's
   * own first step) is thrown and fails the group, whose changes are then written alone.
   */
  private void writeBehindSavepoint(Connection connection, PendingWrite pending)
      throws SQLException {
    Savepoint before = connection.setSavepoint();
    try {
      Outcome outcome = pending.first.run(new JdbcFeedTransaction(connection, catalogue));
      if (outcome == Outcome.ROLL_BACK) {
        connection.rollback(before);
        pending.written = Written.nothing(outcome);
      } else if (outcome == Outcome.COMMIT_WITHOUT_FACTS) {
        pending.written = Written.nothing(outcome);
      } else {
        pending.written = writeFacts(connection, pending.change);
      }
    } catch (JdbcFeedTransaction.Failure e) {
      refuseAlone(connection, before, pending, e.getCause());
    } catch (SQLException e) {
      refuseAlone(connection, before, pending, e);
    }
  }

  private static void refuseAlone(
      Connection connection, Savepoint before, PendingWrite pending, SQLException e)
      throws SQLException {
    if (isSerializationFailure(e) || !Sql.isDataProblem(e)) {
      throw e;
    }
    connection.rollback(before);
    pending.failure = new RefusedFactsException(e.getMessage(), e);
  }

  /** Writes one change in a transaction of its own, trying again after a deadlock. */
  private Written writeAlone(CatalogueChange change, FirstStep first) {
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
