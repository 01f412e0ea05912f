package io.stave.infrastructure.persistence;

import io.stave.application.CatalogueChange;
import io.stave.application.FeedMessageQuery;
import io.stave.application.FeedMessages;
import io.stave.application.ServiceUnavailableException;
import io.stave.infrastructure.cluster.ClusterCatalogue;
import io.stave.infrastructure.cluster.ClusterCatalogue.Verdict;
import io.stave.routes.feed.FeedChannel;
import io.stave.routes.feed.FeedFacts;
import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.FeedKind;
import io.stave.routes.feed.FeedLedger;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedReceipt;
import io.stave.routes.feed.FeedRejectedException;
import io.stave.routes.feed.FeedStatus;
import io.stave.routes.feed.Problem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The feed ledger in the database. The message id is the primary key of {@code feed_message}, so a
 * second delivery of the same message cannot be stored twice, whichever node receives it; the
 * status changes to APPLIED in the same transaction as the facts, and only from RECEIVED or
 * REJECTED, so a message is applied at most once.
 */
public final class JdbcFeedLedger implements FeedLedger, FeedMessages {
  private static final String COLUMNS =
      "message_id, kind, format, channel, source_name, status, summary,"
          + " problems, warnings, received_at, decided_at";

  private static final ReleaseRepository RELEASES = new ReleaseRepository();

  private final DataSource dataSource;
  private final ClusterCatalogue catalogue;

  public JdbcFeedLedger(DataSource dataSource, ClusterCatalogue catalogue) {
    this.dataSource = dataSource;
    this.catalogue = catalogue;
  }

  @Override
  public Optional<FeedReceipt> receive(String messageId, FeedMessage message) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
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
      return Optional.empty();
    } catch (SQLException e) {
      if (isUniqueViolation(e)) {
        return find(messageId);
      }
      throw unavailable("store feed message " + messageId, e);
    }
  }

  @Override
  public FeedReceipt apply(String messageId, FeedFacts facts) {
    Verdict verdict;
    try {
      verdict =
          catalogue.apply(
              CatalogueChange.of(facts),
              connection -> {
                List<Problem> warnings = new ArrayList<>(facts.warnings());
                warnings.addAll(consentsForUnknownParties(connection, facts));
                List<FeedFacts.ReleaseVersion> versions =
                    releaseVersions(connection, facts, warnings);
                if (!claim(connection, messageId, facts.summary(), warnings)) {
                  return Verdict.ROLL_BACK;
                }
                for (FeedFacts.ReleaseVersion version : versions) {
                  Optional<String> newer = newerMessageFor(connection, version, messageId);
                  if (newer.isPresent()) {
                    warnings.add(
                        new Problem(
                            "MessageHeader/MessageCreatedDateTime",
                            "release "
                                + version.releaseKey()
                                + " was last set by "
                                + newer.get()
                                + "; this older message is"
                                + " superseded and changed nothing"));
                    describe(
                        connection,
                        messageId,
                        "superseded by " + newer.get() + "; nothing applied",
                        warnings);
                    return Verdict.COMMIT_WITHOUT_FACTS;
                  }
                }
                if (facts.release() != null) {
                  RELEASES.saveAliases(
                      connection, facts.release().releaseKey(), facts.release().aliases());
                }
                return Verdict.APPLY;
              });
    } catch (ServiceUnavailableException e) {
      if (e.getCause() instanceof SQLException sql && isDataProblem(sql)) {
        throw new FeedRejectedException(
            new Problem("database", "refused a fact of this message: " + sql.getMessage()));
      }
      throw e;
    }
    FeedReceipt receipt = find(messageId).orElseThrow();
    return verdict == Verdict.ROLL_BACK ? receipt.asDuplicate() : receipt;
  }

  /**
   * The releases whose latest message this one must not be older than: the release an ERN message
   * describes, or every release a purge names (by any identifier it was delivered under; if none is
   * known yet, the purge is recorded under the ids it gives, so an older release message arriving
   * late is superseded by it).
   */
  private static List<FeedFacts.ReleaseVersion> releaseVersions(
      Connection connection, FeedFacts facts, List<Problem> warnings) throws SQLException {
    if (facts.release() != null) {
      return List.of(facts.release());
    }
    if (facts.purge() == null) {
      return List.of();
    }
    java.util.Set<String> releases = RELEASES.keys(connection, facts.purge().releaseKeys());
    if (releases.isEmpty()) {
      warnings.add(
          new Problem(
              "PurgedRelease/ReleaseId",
              "names no release this sender has delivered ("
                  + String.join(", ", facts.purge().releaseKeys())
                  + "); no deal ended"));
      releases = new java.util.LinkedHashSet<>(facts.purge().releaseKeys());
    }
    return releases.stream()
        .map(key -> new FeedFacts.ReleaseVersion(key, facts.purge().endsAt()))
        .toList();
  }

  /**
   * A consent names its artist by party id. One that no feed has named yet is kept (the release may
   * come later) but said on the status, since an opt-out under a mistyped id would change nothing.
   */
  private static List<Problem> consentsForUnknownParties(Connection connection, FeedFacts facts)
      throws SQLException {
    List<Problem> warnings = new ArrayList<>();
    java.util.Set<String> artists = new java.util.TreeSet<>();
    facts.consents().forEach(consent -> artists.add(consent.artistId()));
    for (String artist : artists) {
      try (PreparedStatement select =
          connection.prepareStatement("SELECT 1 FROM party WHERE party_id = ?")) {
        select.setString(1, artist);
        try (ResultSet row = select.executeQuery()) {
          if (!row.next()) {
            warnings.add(
                new Problem(
                    "artist " + artist,
                    "is not a party any feed has named yet; its consents are"
                        + " kept and apply to recordings that name this id (GET /api/v1/recordings/{isrc} shows the ids)"));
          }
        }
      }
      if (warnings.size() >= 50) {
        break;
      }
    }
    return warnings;
  }

  /** Marks the message APPLIED if nothing else decided it; false when something did. */
  private static boolean claim(
      Connection connection, String messageId, String summary, List<Problem> warnings)
      throws SQLException {
    try (PreparedStatement claim =
        connection.prepareStatement(
            "UPDATE feed_message SET status = 'APPLIED', summary = ?, problems = NULL, warnings = ?, decided_at = ?,"
                + " attempts = attempts + 1 WHERE message_id = ? AND status IN ('RECEIVED', 'REJECTED')")) {
      claim.setString(1, truncate(summary, 2000));
      claim.setString(2, FeedDocuments.problems(cap(warnings)));
      claim.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
      claim.setString(4, messageId);
      return claim.executeUpdate() == 1;
    }
  }

  private static void describe(
      Connection connection, String messageId, String summary, List<Problem> warnings)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE feed_message SET summary = ?, warnings = ? WHERE message_id = ?")) {
      update.setString(1, truncate(summary, 2000));
      update.setString(2, FeedDocuments.problems(cap(warnings)));
      update.setString(3, messageId);
      update.executeUpdate();
    }
  }

  /**
   * The id of a message that already set this release and was made later than this one; otherwise
   * records this message as the release's latest, locking the row until the transaction ends.
   */
  private static Optional<String> newerMessageFor(
      Connection connection, FeedFacts.ReleaseVersion release, String messageId)
      throws SQLException {
    if (release.createdAt() == null) {
      return Optional.empty();
    }
    OffsetDateTime created = OffsetDateTime.ofInstant(release.createdAt(), ZoneOffset.UTC);
    Savepoint beforeInsert = connection.setSavepoint();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO release_version (release_key, message_id, message_created_at, applied_at) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, release.releaseKey());
      insert.setString(2, messageId);
      insert.setObject(3, created);
      insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
      insert.executeUpdate();
      return Optional.empty();
    } catch (SQLException e) {
      if (!isUniqueViolation(e)) {
        throw e;
      }
      connection.rollback(beforeInsert);
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT message_id, message_created_at FROM release_version WHERE release_key = ? FOR UPDATE")) {
      select.setString(1, release.releaseKey());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        if (row.getObject(2, OffsetDateTime.class).isAfter(created)) {
          return Optional.of(row.getString(1));
        }
      }
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE release_version SET message_id = ?, message_created_at = ?, applied_at = ? WHERE release_key = ?")) {
      update.setString(1, messageId);
      update.setObject(2, created);
      update.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
      update.setString(4, release.releaseKey());
      update.executeUpdate();
    }
    return Optional.empty();
  }

  @Override
  public FeedReceipt reject(String messageId, List<Problem> problems) {
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
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM feed_message WHERE message_id = ?")) {
      select.setString(1, messageId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(receipt(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw unavailable("read feed message " + messageId, e);
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

  private static List<Problem> cap(List<Problem> problems) {
    return problems.size() <= 200 ? problems : problems.subList(0, 200);
  }

  private static String truncate(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }

  private static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /** Class 22 (data exception) and 23 (integrity constraint): the message, not the database. */
  private static boolean isDataProblem(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  private static ServiceUnavailableException unavailable(String what, SQLException e) {
    return new ServiceUnavailableException("could not " + what + ": " + e.getMessage(), e);
  }
}
