package io.stave.infrastructure.persistence;

import io.stave.application.RecordingDetails;
import io.stave.application.RecordingDetails.PartyCredit;
import io.stave.application.Recordings;
import io.stave.application.ServiceUnavailableException;
import io.stave.rules.domain.Consent;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.UseType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recording read model ({@code GET /api/v1/recordings/{isrc}}): a recording with its parties,
 * deals, consents and split sheets, read in one read-only transaction at repeatable-read isolation,
 * so the parts agree with each other even while a feed message is being applied.
 */
public final class JdbcRecordings implements Recordings {
  private final CatalogueRepository catalogue;

  public JdbcRecordings(CatalogueRepository catalogue) {
    this.catalogue = catalogue;
  }

  @Override
  public Optional<RecordingDetails> find(String isrc) {
    Isrc code = Isrc.of(isrc);
    try (Connection connection = catalogue.dataSource().getConnection()) {
      int isolation = connection.getTransactionIsolation();
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        return details(connection, code);
      } finally {
        connection.rollback();
        connection.setTransactionIsolation(isolation);
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new ServiceUnavailableException("the catalogue cannot be read: " + e.getMessage(), e);
    }
  }

  private Optional<RecordingDetails> details(Connection connection, Isrc isrc) throws SQLException {
    Recording recording =
        catalogue.recordings().find(connection, List.of(isrc.code())).get(isrc.code());
    if (recording == null) {
      return Optional.empty();
    }
    List<PartyCredit> parties = new ArrayList<>();
    Sql.selectIn(
        connection,
        "SELECT rp.party_id, rp.role, p.name, p.identifiers FROM recording_party rp"
            + " LEFT JOIN party p ON p.party_id = rp.party_id WHERE rp.isrc IN (%s)"
            + " ORDER BY rp.position",
        List.of(isrc.code()),
        row -> {
          String identifiers = row.getString(4);
          parties.add(
              new PartyCredit(
                  row.getString(1),
                  row.getString(3),
                  row.getString(2),
                  identifiers == null ? Map.of() : FeedDocuments.identifiers(identifiers)));
        });
    List<String> consentKeys = new ArrayList<>();
    for (String artist : recording.getMainArtistIds()) {
      for (UseType useType : UseType.values()) {
        consentKeys.add(ConsentRepository.key(artist, useType.name()));
      }
    }
    List<Consent> consents = new ArrayList<>();
    catalogue.consents().histories(connection, consentKeys).values().forEach(consents::addAll);
    consents.sort(
        Comparator.comparing(Consent::artistId)
            .thenComparing(Consent::useType)
            .thenComparing(Consent::effectiveFrom));
    List<SplitSheet> sheets =
        catalogue
            .splitSheets()
            .byRecording(connection, List.of(isrc.code()))
            .getOrDefault(isrc.code(), new ArrayList<>());
    return Optional.of(
        new RecordingDetails(
            recording,
            parties,
            catalogue
                .deals()
                .byRecording(connection, List.of(isrc.code()))
                .getOrDefault(isrc.code(), new ArrayList<>()),
            catalogue.deals().releasesOf(connection, isrc),
            consents,
            sheets));
  }
}
