package io.stave.infrastructure.persistence;

import io.stave.application.FeedMessageQuery;
import io.stave.application.FeedMessageStore;
import io.stave.application.ServiceUnavailableException;
import io.stave.routes.feed.FeedChannel;
import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.FeedKind;
import io.stave.routes.feed.FeedLedger.StoredMessage;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedReceipt;
import io.stave.routes.feed.FeedStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The feed messages in the database. The message id is the primary key of {@code feed_message}, so
 * a second delivery of the same message cannot be stored twice, whichever node receives it; the
 * status changes to APPLIED in the transaction of the facts ({@link JdbcFeedTransaction}), and only
 * from RECEIVED or REJECTED, so a message is applied at most once.
 */
public final class JdbcFeedLedger implements FeedMessageStore {
  private static final String COLUMNS =
      "message_id, kind, format, channel, source_name, status, summary,"
          + " problems, warnings, received_at, decided_at";

  private final DataSource dataSource;

  public JdbcFeedLedger(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<FeedReceipt> receive(String messageId, FeedMessage message) {
    try (Connection connection = dataSource.getConnection()) {
      insertReceived(connection, messageId, message);
      return Optional.empty();
    } catch (SQLException e) {
      if (Sql.isUniqueViolation(e)) {
        return find(messageId);
      }
      throw unavailable("store feed message " + messageId, e);
    }
  }

  /** Inserts the message as RECEIVED with its bytes on the caller's connection. */
  static void insertReceived(Connection connection, String messageId, FeedMessage message)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO feed_message (message_id, kind, format, channel, source_name, status, content_sha256,"
                + " content_bytes, content, attempts, received_at) VALUES (?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?, 0, ?)")) {
      insert.setString(1, messageId);
      insert.setString(2, message.kind().name());
      insert.setString(3, message.format().name());
      insert.setString(4, message.channel().name());
      insert.setString(5, truncate(message.sourceName(), 1000));
      insert.setString(6, message.contentSha256());
      insert.setLong(7, message.body().length);
      insert.setBytes(8, message.body());
      insert.setObject(9, OffsetDateTime.now(ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }

  @Override
  public FeedReceipt reject(String messageId, List<FeedProblem> problems) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE feed_message SET status = 'REJECTED', problems = ?, decided_at = ?, attempts = attempts + 1"
                    + " WHERE message_id = ? AND status <> 'APPLIED'")) {
      update.setString(1, FeedDocuments.problems(cap(problems)));
      update.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
      update.setString(3, messageId);
      update.executeUpdate();
    } catch (SQLException e) {
      throw unavailable("record the rejection of " + messageId, e);
    }
    return find(messageId).orElseThrow();
  }

  @Override
  public Optional<StoredMessage> load(String messageId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT " + COLUMNS + ", content FROM feed_message WHERE message_id = ?")) {
      select.setString(1, messageId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        FeedReceipt receipt = receipt(row);
        FeedMessage message =
            new FeedMessage(
                receipt.kind(),
                receipt.format(),
                FeedChannel.REPLAY,
                receipt.sourceName(),
                row.getBytes("content"));
        return Optional.of(new StoredMessage(message, receipt));
      }
    } catch (SQLException e) {
      throw unavailable("read feed message " + messageId, e);
    }
  }

  @Override
  public Optional<FeedMessage> content(String messageId) {
    return load(messageId).map(StoredMessage::message);
  }

  @Override
  public Optional<FeedReceipt> find(String messageId) {
    try (Connection connection = dataSource.getConnection()) {
      return find(connection, messageId);
    } catch (SQLException e) {
      throw unavailable("read feed message " + messageId, e);
    }
  }

  /** The message's status record as the caller's connection sees it. */
  static Optional<FeedReceipt> find(Connection connection, String messageId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM feed_message WHERE message_id = ?")) {
      select.setString(1, messageId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(receipt(row)) : Optional.empty();
      }
    }
  }

  /** Newest first, filtered by whatever the query sets. */
  @Override
  public List<FeedReceipt> list(FeedMessageQuery query) {
    Sql.Where where =
        new Sql.Where()
            .and("status = ?", query.status().map(Enum::name).orElse(null))
            .and("kind = ?", query.kind().map(Enum::name).orElse(null))
            .and("channel = ?", query.channel().map(Enum::name).orElse(null))
            .and("received_at >= ?", query.since().orElse(null))
            .and("received_at < ?", query.until().orElse(null));
    try (Connection connection = dataSource.getConnection()) {
      List<FeedReceipt> receipts = new ArrayList<>();
      where.query(
          connection,
          "SELECT " + COLUMNS + " FROM feed_message",
          " ORDER BY received_at DESC, message_id LIMIT ? OFFSET ?",
          List.of(query.limit(), query.offset()),
          row -> receipts.add(receipt(row)));
      return receipts;
    } catch (SQLException e) {
      throw unavailable("list feed messages", e);
    }
  }

  private static FeedReceipt receipt(ResultSet row) throws SQLException {
    OffsetDateTime decided = row.getObject("decided_at", OffsetDateTime.class);
    return new FeedReceipt(
        row.getString("message_id"),
        FeedKind.valueOf(row.getString("kind")),
        FeedFormat.valueOf(row.getString("format")),
        FeedChannel.valueOf(row.getString("channel")),
        row.getString("source_name"),
        FeedStatus.valueOf(row.getString("status")),
        false,
        row.getString("summary"),
        FeedDocuments.problems(row.getString("problems")),
        FeedDocuments.problems(row.getString("warnings")),
        row.getObject("received_at", OffsetDateTime.class).toInstant(),
        decided == null ? null : decided.toInstant());
  }

  static List<FeedProblem> cap(List<FeedProblem> problems) {
    return problems.size() <= 200 ? problems : problems.subList(0, 200);
  }

  static String truncate(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }

  private static ServiceUnavailableException unavailable(String what, SQLException e) {
    return new ServiceUnavailableException("could not " + what + ": " + e.getMessage(), e);
  }
}
