package io.stave.infrastructure.persistence;

import static io.stave.infrastructure.persistence.Sql.utc;

import io.stave.rules.domain.Consent;
import io.stave.rules.domain.ConsentChoice;
import io.stave.rules.domain.UseType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Consent records, append-only, read back as each artist's history per use type (keyed {@code
 * artistId|useType}, the way the cluster's map is).
 */
public final class ConsentRepository {
  private final DataSource dataSource;

  ConsentRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The key of one artist's history for one use type. */
  public static String key(String artistId, String useType) {
    return artistId + "|" + useType;
  }

  public void append(Connection connection, List<Consent> consents) throws SQLException {
    if (consents.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO consent (consent_id, artist_id, use_type, choice, effective_from, source,"
                + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (Consent consent : consents) {
        insert.setString(1, consent.consentId());
        insert.setString(2, consent.artistId());
        insert.setString(3, consent.useType().name());
        insert.setString(4, consent.choice().name());
        insert.setObject(5, utc(consent.effectiveFrom()));
        insert.setString(6, consent.source());
        insert.setObject(7, utc(consent.recordedAt()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  public Set<String> keys() throws SQLException {
    Set<String> keys = new HashSet<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT DISTINCT artist_id, use_type FROM consent");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        keys.add(key(rows.getString(1), rows.getString(2)));
      }
    }
    return keys;
  }

  /** Consent histories keyed by {@code artistId|useType}. */
  public Map<String, ArrayList<Consent>> histories(Collection<String> keys) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return histories(connection, keys);
    }
  }

  /** Consent histories keyed by {@code artistId|useType}, read on the caller's connection. */
  public Map<String, ArrayList<Consent>> histories(Connection connection, Collection<String> keys)
      throws SQLException {
    Set<String> wanted = new HashSet<>(keys);
    Set<String> artists = new HashSet<>();
    for (String key : wanted) {
      artists.add(key.substring(0, key.lastIndexOf('|')));
    }
    Map<String, ArrayList<Consent>> found = new HashMap<>();
    Sql.selectIn(
        connection,
        "SELECT consent_id, artist_id, use_type, choice, effective_from, source, recorded_at"
            + " FROM consent WHERE artist_id IN (%s)",
        artists,
        row -> {
          String key = key(row.getString(2), row.getString(3));
          if (wanted.contains(key)) {
            found
                .computeIfAbsent(key, k -> new ArrayList<>())
                .add(
                    new Consent(
                        row.getString(1),
                        row.getString(2),
                        UseType.valueOf(row.getString(3)),
                        ConsentChoice.valueOf(row.getString(4)),
                        row.getObject(5, OffsetDateTime.class).toInstant(),
                        row.getString(6),
                        row.getObject(7, OffsetDateTime.class).toInstant()));
          }
        });
    return found;
  }
}
