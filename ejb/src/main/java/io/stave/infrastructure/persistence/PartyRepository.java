package io.stave.infrastructure.persistence;

import static io.stave.infrastructure.persistence.Sql.now;

import io.stave.routes.feed.IngestedParty;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Parties as the latest feed described them: id, name, identifiers (a JSON object). */
public final class PartyRepository {

  PartyRepository() {}

  /**
   * Stores the parties as described, by id. A party already stored exactly so is left alone (most
   * messages name their label and artists again, unchanged), so messages applied at once on several
   * lanes or nodes do not queue for its row; a new or changed one is upserted, in id order, so two
   * transactions naming one new party both succeed (the second waits for the first) without a
   * retry.
   */
  public void save(Connection connection, List<IngestedParty> parties) throws SQLException {
    if (parties.isEmpty()) {
      return;
    }
    record Row(String name, String identifiers) {}
    Map<String, Row> wanted = new TreeMap<>();
    parties.forEach(
        party ->
            wanted.put(party.partyId(), new Row(party.name(), FeedDocuments.identifiers(party))));
    Map<String, Row> stored = new HashMap<>();
    Sql.selectIn(
        connection,
        "SELECT party_id, name, identifiers FROM party WHERE party_id IN (%s)",
        wanted.keySet(),
        row -> stored.put(row.getString(1), new Row(row.getString(2), row.getString(3))));
    wanted.entrySet().removeIf(party -> party.getValue().equals(stored.get(party.getKey())));
    if (wanted.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert =
        connection.prepareStatement(
            Sql.upsert(
                connection,
                "party",
                List.of("party_id"),
                List.of("party_id", "name", "identifiers", "updated_at")))) {
      OffsetDateTime now = now();
      for (Map.Entry<String, Row> party : wanted.entrySet()) {
        upsert.setString(1, party.getKey());
        upsert.setString(2, party.getValue().name());
        upsert.setString(3, party.getValue().identifiers());
        upsert.setObject(4, now);
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  /** The ids among {@code partyIds} that no feed has named, in order. */
  public Set<String> unknown(Connection connection, Collection<String> partyIds)
      throws SQLException {
    Set<String> unknown = new TreeSet<>(partyIds);
    unknown.removeAll(
        Sql.selectIn(connection, "SELECT party_id FROM party WHERE party_id IN (%s)", partyIds));
    return unknown;
  }
}
