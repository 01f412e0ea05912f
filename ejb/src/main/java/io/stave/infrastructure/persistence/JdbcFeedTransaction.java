package io.stave.infrastructure.persistence;

import io.stave.application.FeedTransaction;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedReceipt;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The feed ledger's statements on the connection of the transaction that applies the facts. */
final class JdbcFeedTransaction implements FeedTransaction {
  private final Connection connection;
  private final CatalogueRepository catalogue;

  JdbcFeedTransaction(Connection connection, CatalogueRepository catalogue) {
    this.connection = connection;
    this.catalogue = catalogue;
  }

  /** A statement of the transaction failed; the transaction rolls back with its cause. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  @FunctionalInterface
  private interface Statement<T> {
    T run() throws SQLException;
  }

  private static <T> T run(Statement<T> statement) {
    try {
      return statement.run();
    } catch (SQLException e) {
      throw new Failure(e);
    }
  }

  @Override
  public Set<String> unknownParties(Collection<String> partyIds) {
    return run(() -> catalogue.parties().unknown(connection, partyIds));
  }

  @Override
  public Set<String> unknownRecordings(Collection<String> isrcs) {
    return run(() -> catalogue.recordings().unknown(connection, isrcs));
  }

  @Override
  public Set<String> releaseKeys(Collection<String> releaseIdentifiers) {
    return run(() -> catalogue.releases().keys(connection, releaseIdentifiers));
  }

  @Override
  public void saveReleaseAliases(String releaseKey, Collection<String> aliases) {
    run(
        () -> {
          catalogue.releases().saveAliases(connection, releaseKey, aliases);
          return null;
        });
  }

  @Override
  public Optional<String> newerMessageFor(String releaseKey, Instant createdAt, String messageId) {
    return run(
        () -> catalogue.releases().newerMessageFor(connection, releaseKey, createdAt, messageId));
  }

  @Override
  public boolean file(String messageId, FeedMessage message) {
    return run(
        () -> {
          Savepoint beforeInsert = connection.setSavepoint();
          try {
            JdbcFeedLedger.insertReceived(connection, messageId, message);
            return true;
          } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
              throw e;
            }
            connection.rollback(beforeInsert);
            return false;
          }
        });
  }

  @Override
  public boolean claim(String messageId, String summary, List<FeedProblem> warnings) {
    return run(
        () ->
            Sql.update(
                    connection,
                    "UPDATE feed_message SET status = 'APPLIED', summary = ?, problems = NULL,"
                        + " warnings = ?, decided_at = ?, attempts = attempts + 1"
                        + " WHERE message_id = ? AND status IN ('RECEIVED', 'REJECTED')",
                    JdbcFeedLedger.truncate(summary, 2000),
                    FeedDocuments.problems(JdbcFeedLedger.cap(warnings)),
                    Sql.now(),
                    messageId)
                == 1);
  }

  @Override
  public void describe(String messageId, String summary, List<FeedProblem> warnings) {
    run(
        () ->
            Sql.update(
                connection,
                "UPDATE feed_message SET summary = ?, warnings = ? WHERE message_id = ?",
                JdbcFeedLedger.truncate(summary, 2000),
                FeedDocuments.problems(JdbcFeedLedger.cap(warnings)),
                messageId));
  }

  @Override
  public FeedReceipt receipt(String messageId) {
    return run(
        () ->
            JdbcFeedLedger.find(connection, messageId)
                .orElseThrow(
                    () -> new SQLException("feed message " + messageId + " is not in the ledger")));
  }
}
