package io.stave.infrastructure.persistence;

import static io.stave.infrastructure.persistence.Sql.now;

import io.stave.routes.feed.Credit;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Recording;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Recordings: the {@code recording} row with its main artists, and the parties credited on it
 * ({@code recording_party}). Writes take the caller's connection, so a feed message commits them
 * with its other facts.
 */
public final class RecordingRepository {
  private final DataSource dataSource;

  RecordingRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Replaces the recordings, with their main artists; their credits go too (as {@link
   * #replaceCredits} states them again). The recording row is upserted, in ISRC order, rather than
   * deleted and inserted: two messages naming one recording at once (the same track on two
   * releases) then queue for its row instead of failing on its key, and the child rows are replaced
   * under that row's lock.
   */
  public void save(Connection connection, List<Recording> recordings) throws SQLException {
    if (recordings.isEmpty()) {
      return;
    }
    Map<String, Recording> byIsrc = new TreeMap<>();
    recordings.forEach(recording -> byIsrc.put(recording.getIsrc().code(), recording));
    try (PreparedStatement upsert =
            connection.prepareStatement(
                Sql.upsert(
                    connection,
                    "recording",
                    List.of("isrc"),
                    List.of(
                        "isrc",
                        "title",
                        "display_artist",
                        "label_id",
                        "p_line",
                        "updated_at",
                        "rights_controller_id")));
        PreparedStatement artist =
            connection.prepareStatement(
                "INSERT INTO recording_main_artist (isrc, position, artist_id) VALUES (?, ?, ?)")) {
      OffsetDateTime now = now();
      for (Recording recording : byIsrc.values()) {
        upsert.setString(1, recording.getIsrc().code());
        upsert.setString(2, recording.getTitle());
        upsert.setString(3, recording.getDisplayArtist());
        upsert.setString(4, recording.getLabelId());
        upsert.setString(5, recording.getPLine());
        upsert.setObject(6, now);
        upsert.setString(7, recording.getRightsControllerId());
        upsert.addBatch();
      }
      upsert.executeBatch();
      Sql.updateIn(
          connection, "DELETE FROM recording_main_artist WHERE isrc IN (%s)", byIsrc.keySet());
      Sql.updateIn(connection, "DELETE FROM recording_party WHERE isrc IN (%s)", byIsrc.keySet());
      for (Recording recording : byIsrc.values()) {
        int position = 0;
        for (String artistId : recording.getMainArtistIds()) {
          artist.setString(1, recording.getIsrc().code());
          artist.setInt(2, position++);
          artist.setString(3, artistId);
          artist.addBatch();
        }
      }
      artist.executeBatch();
    }
  }

  /** Each credited recording's parties and their parts, replacing what was said before. */
  public void replaceCredits(Connection connection, List<Credit> credits) throws SQLException {
    if (credits.isEmpty()) {
      return;
    }
    Map<String, List<Credit>> byIsrc = new LinkedHashMap<>();
    credits.forEach(
        credit -> byIsrc.computeIfAbsent(credit.isrc().code(), k -> new ArrayList<>()).add(credit));
    Sql.updateIn(connection, "DELETE FROM recording_party WHERE isrc IN (%s)", byIsrc.keySet());
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO recording_party (isrc, position, party_id, role) VALUES (?, ?, ?, ?)")) {
      for (Map.Entry<String, List<Credit>> recording : byIsrc.entrySet()) {
        int position = 0;
        for (Credit credit : recording.getValue()) {
          insert.setString(1, recording.getKey());
          insert.setInt(2, position++);
          insert.setString(3, credit.partyId());
          insert.setString(4, credit.role());
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }

  public Set<String> keys() throws SQLException {
    return Sql.keys(dataSource, "SELECT isrc FROM recording");
  }

  /**
   * The recordings among {@code isrcs}. The recording rows are read first, so asking about ISRCs
   * the catalogue does not hold (a flood of made-up ones) is one primary-key lookup each.
   */
  public Map<String, Recording> find(Collection<String> isrcs) throws SQLException {
    Map<String, Recording> found = new HashMap<>();
    for (List<String> chunk : Sql.chunks(isrcs)) {
      try (Connection connection = dataSource.getConnection()) {
        found.putAll(find(connection, chunk));
      }
    }
    return found;
  }

  /** The recordings among {@code isrcs}, read on the caller's connection. */
  public Map<String, Recording> find(Connection connection, Collection<String> isrcs)
      throws SQLException {
    record Row(
        String isrc,
        String title,
        String displayArtist,
        String labelId,
        String pLine,
        String rightsControllerId) {}
    List<Row> rows = new ArrayList<>();
    Sql.selectIn(
        connection,
        "SELECT isrc, title, display_artist, label_id, p_line, rights_controller_id FROM recording"
            + " WHERE isrc IN (%s)",
        isrcs,
        row ->
            rows.add(
                new Row(
                    row.getString(1),
                    row.getString(2),
                    row.getString(3),
                    row.getString(4),
                    row.getString(5),
                    row.getString(6))));
    Map<String, Recording> found = new HashMap<>();
    if (rows.isEmpty()) {
      return found;
    }
    Map<String, List<String>> artists = new HashMap<>();
    Sql.selectIn(
        connection,
        "SELECT isrc, artist_id FROM recording_main_artist WHERE isrc IN (%s)"
            + " ORDER BY isrc, position",
        rows.stream().map(Row::isrc).toList(),
        row ->
            artists
                .computeIfAbsent(row.getString(1), k -> new ArrayList<>())
                .add(row.getString(2)));
    for (Row row : rows) {
      found.put(
          row.isrc(),
          new Recording(
              Isrc.of(row.isrc()),
              row.title(),
              row.displayArtist(),
              artists.getOrDefault(row.isrc(), List.of()),
              row.labelId(),
              row.rightsControllerId(),
              row.pLine()));
    }
    return found;
  }

  /** The ISRCs among {@code isrcs} that no feed has delivered as a recording, in order. */
  public Set<String> unknown(Connection connection, Collection<String> isrcs) throws SQLException {
    Set<String> unknown = new TreeSet<>(isrcs);
    unknown.removeAll(
        Sql.selectIn(connection, "SELECT isrc FROM recording WHERE isrc IN (%s)", isrcs));
    return unknown;
  }
}
