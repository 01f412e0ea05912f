package io.stave.infrastructure.persistence;

import static io.stave.infrastructure.persistence.Sql.now;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Releases: every identifier a release was delivered under ({@code release_alias}), and the message
 * that last set it ({@code release_version}), so an older message cannot undo a newer one.
 */
public final class ReleaseRepository {

  ReleaseRepository() {}

  /** The releases known under any of these identifiers (sender-scoped release keys). */
  public Set<String> keys(Connection connection, Collection<String> releaseIdentifiers)
      throws SQLException {
    return new TreeSet<>(
        Sql.selectIn(
            connection,
            "SELECT release_key FROM release_alias WHERE alias_key IN (%s)",
            releaseIdentifiers));
  }

  /**
   * Records every identifier a release was delivered under, so a later message may name it by any.
   */
  public void saveAliases(Connection connection, String releaseKey, Collection<String> aliases)
      throws SQLException {
    Set<String> all = new TreeSet<>(aliases);
    all.add(releaseKey);
    // Upserted in key order: two releases sharing an identifier (a catalogue number reused on a
    // reissue) applied at once queue for the row instead of failing on its key.
    try (PreparedStatement insert =
        connection.prepareStatement(
            Sql.upsert(
                connection,
                "release_alias",
                List.of("alias_key"),
                List.of("alias_key", "release_key")))) {
      for (String alias : all) {
        insert.setString(1, alias);
        insert.setString(2, releaseKey);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * The id of a message that already set this release and was made later than this one; otherwise
   * records this message as the release's latest, locking the row until the transaction ends.
   */
  public Optional<String> newerMessageFor(
      Connection connection, String releaseKey, Instant createdAt, String messageId)
      throws SQLException {
    OffsetDateTime created = OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC);
    Savepoint beforeInsert = connection.setSavepoint();
    try {
      Sql.update(
          connection,
          "INSERT INTO release_version (release_key, message_id, message_created_at, applied_at)"
              + " VALUES (?, ?, ?, ?)",
          releaseKey,
          messageId,
          created,
          now());
      return Optional.empty();
    } catch (SQLException e) {
      if (!Sql.isUniqueViolation(e)) {
        throw e;
      }
      connection.rollback(beforeInsert);
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT message_id, message_created_at FROM release_version WHERE release_key = ?"
                + " FOR UPDATE")) {
      select.setString(1, releaseKey);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        if (row.getObject(2, OffsetDateTime.class).isAfter(created)) {
          return Optional.of(row.getString(1));
        }
      }
    }
    Sql.update(
        connection,
        "UPDATE release_version SET message_id = ?, message_created_at = ?, applied_at = ?"
            + " WHERE release_key = ?",
        messageId,
        created,
        now(),
        releaseKey);
    return Optional.empty();
  }
}
