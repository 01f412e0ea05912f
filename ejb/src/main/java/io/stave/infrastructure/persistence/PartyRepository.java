package io.stave.infrastructure.persistence;

import static io.stave.infrastructure.persistence.Sql.now;

import io.stave.routes.feed.IngestedParty;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Parties as the latest feed described them: id, name, identifiers (a JSON object). */
public final class PartyRepository {

  PartyRepository() {}

  /** Replaces the parties with the same ids. */
  public void save(Connection connection, List<IngestedParty> parties) throws SQLException {
    if (parties.isEmpty()) {
      return;
    }
    Sql.updateIn(
        connection,
        "DELETE FROM party WHERE party_id IN (%s)",
        parties.stream().map(IngestedParty::partyId).toList());
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO party (party_id, name, identifiers, updated_at) VALUES (?, ?, ?, ?)")) {
      OffsetDateTime now = now();
      for (IngestedParty party : parties) {
        insert.setString(1, party.partyId());
        insert.setString(2, party.name());
        insert.setString(3, FeedDocuments.identifiers(party));
        insert.setObject(4, now);
        insert.addBatch();
      }
      insert.executeBatch();
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
