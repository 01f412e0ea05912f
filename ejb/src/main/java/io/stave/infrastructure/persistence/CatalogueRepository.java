package io.stave.infrastructure.persistence;

import io.stave.rules.domain.Consent;
import io.stave.rules.domain.ConsentChoice;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The catalogue tables. Writes take the caller's connection so a whole feed message commits or
 * rolls back together; reads serve the cluster's map loaders, in bulk, keyed the way the maps are.
 */
public final class CatalogueRepository {
  private static final int IN_LIST = 500;

  /**
   * Where a split sheet came from; a sheet from rights controllers yields to a split-sheet feed's.
   */
  public enum SheetSource {
    SPLIT_FEED,
    RIGHTS_CONTROLLERS
  }

  private final DataSource dataSource;

  public CatalogueRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  // ---------------------------------------------------------------- writes
  // Each takes a whole message's facts of one kind, so a message costs a few statements per table
  // rather than a few per row (on PostgreSQL every statement is a round trip).

  /** Replaces the recordings (their main artists and credits go with them). */
  public void saveRecordings(Connection connection, List<Recording> recordings)
      throws SQLException {
    if (recordings.isEmpty()) {
      return;
    }
    deleteIn(
        connection,
        "DELETE FROM recording WHERE isrc IN (%s)",
        recordings.stream().map(r -> r.getIsrc().code()).toList());
    try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO recording (isrc, title, display_artist, label_id, p_line, updated_at,"
                    + " rights_controller_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement artist =
            connection.prepareStatement(
                "INSERT INTO recording_main_artist (isrc, position, artist_id) VALUES (?, ?, ?)")) {
      OffsetDateTime now = now();
      for (Recording recording : recordings) {
        insert.setString(1, recording.getIsrc().code());
        insert.setString(2, recording.getTitle());
        insert.setString(3, recording.getDisplayArtist());
        insert.setString(4, recording.getLabelId());
        insert.setString(5, recording.getPLine());
        insert.setObject(6, now);
        insert.setString(7, recording.getRightsControllerId());
        insert.addBatch();
        int position = 0;
        for (String artistId : recording.getMainArtistIds()) {
          artist.setString(1, recording.getIsrc().code());
          artist.setInt(2, position++);
          artist.setString(3, artistId);
          artist.addBatch();
        }
      }
      insert.executeBatch();
      artist.executeBatch();
    }
  }

  /**
   * Replaces the deals with the same ids; returns every recording they covered before or cover now.
   */
  public Set<String> saveDeals(Connection connection, List<Deal> deals) throws SQLException {
    return saveDeals(connection, deals, null);
  }

  /**
   * Replaces every deal stated earlier for the release with these; returns every recording the old
   * or the new deals cover, so their cached deals can be reloaded.
   */
  public Set<String> replaceReleaseDeals(Connection connection, String releaseKey, List<Deal> deals)
      throws SQLException {
    Set<String> touched =
        selectIn(
            connection,
            "SELECT dr.isrc FROM deal_recording dr JOIN deal d"
                + " ON d.deal_id = dr.deal_id WHERE d.release_key IN (%s)",
            List.of(releaseKey));
    update(connection, "DELETE FROM deal WHERE release_key = ?", releaseKey);
    touched.addAll(saveDeals(connection, deals, releaseKey));
    return touched;
  }

  /**
   * Ends every deal of the release that is still running at {@code endsAt} (deals that would only
   * have started later are removed); returns the recordings they cover, whose cached deals must be
   * reloaded. The release is found by any identifier it was delivered under.
   */
  public Set<String> endReleaseDeals(
      Connection connection, Collection<String> releaseIdentifiers, Instant endsAt)
      throws SQLException {
    Set<String> releases = releaseKeys(connection, releaseIdentifiers);
    if (releases.isEmpty()) {
      return new HashSet<>();
    }
    Set<String> touched =
        selectIn(
            connection,
            "SELECT dr.isrc FROM deal_recording dr JOIN deal d"
                + " ON d.deal_id = dr.deal_id WHERE d.release_key IN (%s)",
            List.copyOf(releases));
    OffsetDateTime end = OffsetDateTime.ofInstant(endsAt, ZoneOffset.UTC);
    for (String release : releases) {
      try (PreparedStatement remove =
              connection.prepareStatement(
                  "DELETE FROM deal WHERE release_key = ? AND valid_from >= ?");
          PreparedStatement endRunning =
              connection.prepareStatement(
                  "UPDATE deal SET valid_until = ?, updated_at = ? WHERE release_key = ?"
                      + " AND (valid_until IS NULL OR valid_until > ?)")) {
        remove.setString(1, release);
        remove.setObject(2, end);
        remove.executeUpdate();
        endRunning.setObject(1, end);
        endRunning.setObject(2, now());
        endRunning.setString(3, release);
        endRunning.setObject(4, end);
        endRunning.executeUpdate();
      }
    }
    return touched;
  }

  /** The releases known under any of these identifiers (sender-scoped release keys). */
  public static Set<String> releaseKeys(
      Connection connection, Collection<String> releaseIdentifiers) throws SQLException {
    if (releaseIdentifiers.isEmpty()) {
      return new HashSet<>();
    }
    return new java.util.TreeSet<>(
        selectIn(
            connection,
            "SELECT release_key FROM release_alias WHERE alias_key IN (%s)",
            List.copyOf(releaseIdentifiers)));
  }

  /**
   * Records every identifier a release was delivered under, so a later message may name it by any.
   */
  public static void saveReleaseAliases(
      Connection connection, String releaseKey, Collection<String> aliases) throws SQLException {
    Set<String> all = new java.util.LinkedHashSet<>(aliases);
    all.add(releaseKey);
    deleteIn(connection, "DELETE FROM release_alias WHERE alias_key IN (%s)", List.copyOf(all));
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO release_alias (alias_key, release_key) VALUES (?, ?)")) {
      for (String alias : all) {
        insert.setString(1, alias);
        insert.setString(2, releaseKey);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private Set<String> saveDeals(Connection connection, List<Deal> deals, String releaseKey)
      throws SQLException {
    if (deals.isEmpty()) {
      return new HashSet<>();
    }
    List<String> ids = deals.stream().map(Deal::getDealId).toList();
    Set<String> touched =
        selectIn(connection, "SELECT isrc FROM deal_recording WHERE deal_id IN (%s)", ids);
    deleteIn(connection, "DELETE FROM deal WHERE deal_id IN (%s)", ids);
    touched.addAll(insertDeals(connection, deals, releaseKey));
    return touched;
  }

  /** Parties as the latest feed described them: id, name, identifiers as a JSON object. */
  public void saveParties(Connection connection, List<String[]> idNameIdentifiers)
      throws SQLException {
    if (idNameIdentifiers.isEmpty()) {
      return;
    }
    deleteIn(
        connection,
        "DELETE FROM party WHERE party_id IN (%s)",
        idNameIdentifiers.stream().map(p -> p[0]).toList());
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO party (party_id, name, identifiers, updated_at) VALUES (?, ?, ?, ?)")) {
      OffsetDateTime now = now();
      for (String[] party : idNameIdentifiers) {
        insert.setString(1, party[0]);
        insert.setString(2, party[1]);
        insert.setString(3, party[2]);
        insert.setObject(4, now);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Each recording's parties and their parts (party id, role), replacing what was said before. */
  public void replaceRecordingParties(
      Connection connection, Map<String, List<String[]>> creditsByIsrc) throws SQLException {
    if (creditsByIsrc.isEmpty()) {
      return;
    }
    deleteIn(
        connection,
        "DELETE FROM recording_party WHERE isrc IN (%s)",
        List.copyOf(creditsByIsrc.keySet()));
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO recording_party (isrc, position, party_id, role) VALUES (?, ?, ?, ?)")) {
      for (Map.Entry<String, List<String[]>> credits : creditsByIsrc.entrySet()) {
        int position = 0;
        for (String[] credit : credits.getValue()) {
          insert.setString(1, credits.getKey());
          insert.setInt(2, position++);
          insert.setString(3, credit[0]);
          insert.setString(4, credit[1]);
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }

  private Set<String> insertDeals(Connection connection, List<Deal> deals, String releaseKey)
      throws SQLException {
    Set<String> touched = new HashSet<>();
    try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO deal (deal_id, licensor_id, valid_from, valid_until, commercial_model,"
                    + " max_excerpt_seconds, updated_at, release_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement recording =
            connection.prepareStatement(
                "INSERT INTO deal_recording (deal_id, isrc) VALUES (?, ?)");
        PreparedStatement territory =
            connection.prepareStatement(
                "INSERT INTO deal_territory (deal_id, territory, excluded) VALUES (?, ?, ?)");
        PreparedStatement useType =
            connection.prepareStatement(
                "INSERT INTO deal_use_type (deal_id, use_type) VALUES (?, ?)")) {
      OffsetDateTime now = now();
      for (Deal deal : deals) {
        insert.setString(1, deal.getDealId());
        insert.setString(2, deal.getLicensorId());
        insert.setObject(3, utc(deal.getValidFrom()));
        insert.setObject(4, deal.getValidUntil() == null ? null : utc(deal.getValidUntil()));
        insert.setString(5, deal.getCommercialModel());
        if (deal.getMaxExcerptSeconds() == null) {
          insert.setNull(6, Types.INTEGER);
        } else {
          insert.setInt(6, deal.getMaxExcerptSeconds());
        }
        insert.setObject(7, now);
        insert.setString(8, releaseKey);
        insert.addBatch();
        for (Isrc isrc : deal.getRecordings()) {
          recording.setString(1, deal.getDealId());
          recording.setString(2, isrc.code());
          recording.addBatch();
          touched.add(isrc.code());
        }
        for (Territory included : deal.getTerritories()) {
          territory.setString(1, deal.getDealId());
          territory.setString(2, included.code());
          territory.setBoolean(3, false);
          territory.addBatch();
        }
        for (Territory excluded : deal.getExcludedTerritories()) {
          territory.setString(1, deal.getDealId());
          territory.setString(2, excluded.code());
          territory.setBoolean(3, true);
          territory.addBatch();
        }
        Set<String> useTypes = new TreeSet<>(deal.getDdexUseTypes());
        deal.getAiUseTypes().forEach(u -> useTypes.add(u.name()));
        for (String use : useTypes) {
          useType.setString(1, deal.getDealId());
          useType.setString(2, use);
          useType.addBatch();
        }
      }
      insert.executeBatch();
      recording.executeBatch();
      territory.executeBatch();
      useType.executeBatch();
    }
    return touched;
  }

  public void appendConsents(Connection connection, List<Consent> consents) throws SQLException {
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

  /**
   * Each sheet replaces the sheet of the same recording and scope, except that a sheet from rights
   * controllers never replaces one a split-sheet feed delivered; returns the sheets saved.
   */
  public List<SplitSheet> saveSplitSheets(
      Connection connection, List<SplitSheet> sheets, SheetSource source) throws SQLException {
    if (sheets.isEmpty()) {
      return List.of();
    }
    Map<String, String> existing = new HashMap<>();
    Map<String, SheetSource> existingSource = new HashMap<>();
    try (PreparedStatement select =
            prepare(
                connection,
                "SELECT isrc, use_scope, split_id, source FROM split_sheet WHERE isrc IN (%s)",
                sheets.stream().map(sheet -> sheet.getIsrc().code()).distinct().toList());
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        existing.put(rows.getString(1) + "|" + rows.getString(2), rows.getString(3));
        existingSource.put(
            rows.getString(1) + "|" + rows.getString(2), SheetSource.valueOf(rows.getString(4)));
      }
    }
    List<SplitSheet> saved = new ArrayList<>();
    for (SplitSheet sheet : sheets) {
      SheetSource current =
          existingSource.get(sheet.getIsrc().code() + "|" + scope(sheet.getUseType().orElse(null)));
      if (!(source == SheetSource.RIGHTS_CONTROLLERS && current == SheetSource.SPLIT_FEED)) {
        saved.add(sheet);
      }
    }
    if (saved.isEmpty()) {
      return saved;
    }
    List<String> replaced = new ArrayList<>();
    for (SplitSheet sheet : saved) {
      replaced.add(sheet.getSplitId());
      String current =
          existing.get(sheet.getIsrc().code() + "|" + scope(sheet.getUseType().orElse(null)));
      if (current != null) {
        replaced.add(current);
      }
    }
    deleteIn(
        connection,
        "DELETE FROM split_sheet WHERE split_id IN (%s)",
        replaced.stream().distinct().toList());
    try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO split_sheet (split_id, isrc, use_scope, updated_at, source) VALUES (?, ?, ?, ?, ?)");
        PreparedStatement share =
            connection.prepareStatement(
                "INSERT INTO split_share (split_id, position, party_id, role, percent) VALUES (?, ?, ?, ?, ?)")) {
      OffsetDateTime now = now();
      for (SplitSheet sheet : saved) {
        insert.setString(1, sheet.getSplitId());
        insert.setString(2, sheet.getIsrc().code());
        insert.setString(3, scope(sheet.getUseType().orElse(null)));
        insert.setObject(4, now);
        insert.setString(5, source.name());
        insert.addBatch();
        int position = 0;
        for (Share each : sheet.getShares()) {
          share.setString(1, sheet.getSplitId());
          share.setInt(2, position++);
          share.setString(3, each.partyId());
          share.setString(4, each.role());
          share.setBigDecimal(5, each.percent().value());
          share.addBatch();
        }
      }
      insert.executeBatch();
      share.executeBatch();
    }
    return saved;
  }

  // ---------------------------------------------------------------- reads for people

  /** A recording with everything ingested about it, or empty when no feed has named it. */
  public java.util.Optional<io.stave.application.RecordingDetails> details(Isrc isrc)
      throws SQLException {
    Recording recording = recordings(List.of(isrc.code())).get(isrc.code());
    if (recording == null) {
      return java.util.Optional.empty();
    }
    List<io.stave.application.RecordingDetails.PartyCredit> parties = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            prepare(
                connection,
                "SELECT rp.party_id, rp.role, p.name, p.identifiers FROM recording_party rp"
                    + " LEFT JOIN party p ON p.party_id = rp.party_id WHERE rp.isrc = ? ORDER BY rp.position",
                List.of(isrc.code()));
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String identifiers = rows.getString(4);
        parties.add(
            new io.stave.application.RecordingDetails.PartyCredit(
                rows.getString(1),
                rows.getString(3),
                rows.getString(2),
                identifiers == null ? Map.of() : FeedDocuments.identifiers(identifiers)));
      }
    }
    List<Deal> deals =
        dealsByRecording(List.of(isrc.code())).getOrDefault(isrc.code(), new ArrayList<>());
    Map<String, String> releases = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            prepare(
                connection,
                "SELECT d.deal_id, d.release_key FROM deal d JOIN deal_recording dr ON dr.deal_id = d.deal_id"
                    + " WHERE dr.isrc = ? AND d.release_key IS NOT NULL",
                List.of(isrc.code()));
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        releases.put(rows.getString(1), rows.getString(2));
      }
    }
    List<String> consentKeys = new ArrayList<>();
    for (String artist : recording.getMainArtistIds()) {
      for (UseType useType : UseType.values()) {
        consentKeys.add(consentKey(artist, useType.name()));
      }
    }
    List<Consent> consents = new ArrayList<>();
    consents(consentKeys).values().forEach(consents::addAll);
    consents.sort(
        java.util.Comparator.comparing(Consent::artistId)
            .thenComparing(Consent::useType)
            .thenComparing(Consent::effectiveFrom));
    List<SplitSheet> sheets =
        splitSheets(List.of(isrc.code())).getOrDefault(isrc.code(), new ArrayList<>());
    return java.util.Optional.of(
        new io.stave.application.RecordingDetails(
            recording, parties, deals, releases, consents, sheets));
  }

  // ---------------------------------------------------------------- reads for the map loaders

  public Set<String> recordingKeys() throws SQLException {
    return keys("SELECT isrc FROM recording");
  }

  /**
   * The recordings among {@code isrcs}. The recording rows are read first, so asking about ISRCs
   * the catalogue does not hold (a flood of made-up ones) is one primary-key lookup each.
   */
  public Map<String, Recording> recordings(Collection<String> isrcs) throws SQLException {
    Map<String, Recording> found = new HashMap<>();
    for (List<String> chunk : chunks(isrcs)) {
      List<String[]> recordings = new ArrayList<>();
      Map<String, List<String>> artists = new HashMap<>();
      try (Connection connection = dataSource.getConnection()) {
        try (PreparedStatement select =
                prepare(
                    connection,
                    "SELECT isrc, title, display_artist, label_id, p_line, rights_controller_id FROM recording"
                        + " WHERE isrc IN (%s)",
                    chunk);
            ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            recordings.add(
                new String[] {
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6)
                });
          }
        }
        if (recordings.isEmpty()) {
          continue;
        }
        try (PreparedStatement select =
                prepare(
                    connection,
                    "SELECT isrc, artist_id FROM recording_main_artist WHERE isrc IN (%s) ORDER BY isrc, position",
                    recordings.stream().map(row -> row[0]).toList());
            ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            artists
                .computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
                .add(rows.getString(2));
          }
        }
      }
      for (String[] row : recordings) {
        found.put(
            row[0],
            new Recording(
                Isrc.of(row[0]),
                row[1],
                row[2],
                artists.getOrDefault(row[0], List.of()),
                row[3],
                row[5],
                row[4]));
      }
    }
    return found;
  }

  public Set<String> dealRecordingKeys() throws SQLException {
    return keys("SELECT DISTINCT isrc FROM deal_recording");
  }

  /** Every deal that names each recording, keyed by ISRC. */
  public Map<String, ArrayList<Deal>> dealsByRecording(Collection<String> isrcs)
      throws SQLException {
    Map<String, ArrayList<Deal>> found = new HashMap<>();
    for (List<String> chunk : chunks(isrcs)) {
      Map<String, Set<String>> dealIdsByIsrc = new HashMap<>();
      try (Connection connection = dataSource.getConnection()) {
        try (PreparedStatement select =
                prepare(
                    connection,
                    "SELECT isrc, deal_id FROM deal_recording WHERE isrc IN (%s)",
                    chunk);
            ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            dealIdsByIsrc
                .computeIfAbsent(rows.getString(1), k -> new TreeSet<>())
                .add(rows.getString(2));
          }
        }
        Set<String> dealIds = new HashSet<>();
        dealIdsByIsrc.values().forEach(dealIds::addAll);
        Map<String, Deal> deals = deals(connection, dealIds);
        dealIdsByIsrc.forEach(
            (isrc, ids) -> {
              ArrayList<Deal> list = new ArrayList<>();
              ids.forEach(id -> list.add(deals.get(id)));
              found.put(isrc, list);
            });
      }
    }
    return found;
  }

  private Map<String, Deal> deals(Connection connection, Set<String> dealIds) throws SQLException {
    Map<String, Deal> deals = new HashMap<>();
    for (List<String> chunk : chunks(dealIds)) {
      Map<String, Set<Isrc>> recordings = new HashMap<>();
      Map<String, Set<Territory>> included = new HashMap<>();
      Map<String, Set<Territory>> excluded = new HashMap<>();
      Map<String, Set<UseType>> aiUses = new HashMap<>();
      Map<String, Set<String>> ddexUses = new HashMap<>();
      try (PreparedStatement select =
              prepare(
                  connection,
                  "SELECT deal_id, isrc FROM deal_recording WHERE deal_id IN (%s)",
                  chunk);
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          recordings
              .computeIfAbsent(rows.getString(1), k -> new HashSet<>())
              .add(Isrc.of(rows.getString(2)));
        }
      }
      try (PreparedStatement select =
              prepare(
                  connection,
                  "SELECT deal_id, territory, excluded FROM deal_territory WHERE deal_id IN (%s)",
                  chunk);
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          (rows.getBoolean(3) ? excluded : included)
              .computeIfAbsent(rows.getString(1), k -> new HashSet<>())
              .add(Territory.of(rows.getString(2)));
        }
      }
      try (PreparedStatement select =
              prepare(
                  connection,
                  "SELECT deal_id, use_type FROM deal_use_type WHERE deal_id IN (%s)",
                  chunk);
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String use = rows.getString(2);
          if (isAiUseType(use)) {
            aiUses
                .computeIfAbsent(rows.getString(1), k -> EnumSet.noneOf(UseType.class))
                .add(UseType.valueOf(use));
          } else {
            ddexUses.computeIfAbsent(rows.getString(1), k -> new HashSet<>()).add(use);
          }
        }
      }
      try (PreparedStatement select =
              prepare(
                  connection,
                  "SELECT deal_id, licensor_id, valid_from, valid_until, commercial_model,"
                      + " max_excerpt_seconds FROM deal WHERE deal_id IN (%s)",
                  chunk);
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String id = rows.getString(1);
          OffsetDateTime until = rows.getObject(4, OffsetDateTime.class);
          int excerpt = rows.getInt(6);
          Integer maxExcerpt = rows.wasNull() ? null : excerpt;
          deals.put(
              id,
              new Deal(
                  id,
                  rows.getString(2),
                  recordings.getOrDefault(id, Set.of()),
                  included.getOrDefault(id, Set.of()),
                  excluded.getOrDefault(id, Set.of()),
                  rows.getObject(3, OffsetDateTime.class).toInstant(),
                  until == null ? null : until.toInstant(),
                  aiUses.getOrDefault(id, Set.of()),
                  ddexUses.getOrDefault(id, Set.of()),
                  rows.getString(5),
                  maxExcerpt));
        }
      }
    }
    return deals;
  }

  public Set<String> consentKeys() throws SQLException {
    Set<String> keys = new HashSet<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT DISTINCT artist_id, use_type FROM consent");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        keys.add(consentKey(rows.getString(1), rows.getString(2)));
      }
    }
    return keys;
  }

  /** Consent histories keyed by {@code artistId|useType}. */
  public Map<String, ArrayList<Consent>> consents(Collection<String> keys) throws SQLException {
    Map<String, ArrayList<Consent>> found = new HashMap<>();
    Map<String, List<String>> useTypesByArtist = new HashMap<>();
    for (String key : keys) {
      int bar = key.lastIndexOf('|');
      useTypesByArtist
          .computeIfAbsent(key.substring(0, bar), k -> new ArrayList<>())
          .add(key.substring(bar + 1));
    }
    for (List<String> chunk : chunks(useTypesByArtist.keySet())) {
      try (Connection connection = dataSource.getConnection();
          PreparedStatement select =
              prepare(
                  connection,
                  "SELECT consent_id, artist_id, use_type, choice, effective_from, source, recorded_at"
                      + " FROM consent WHERE artist_id IN (%s)",
                  chunk);
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String key = consentKey(rows.getString(2), rows.getString(3));
          if (!keys.contains(key)) {
            continue;
          }
          found
              .computeIfAbsent(key, k -> new ArrayList<>())
              .add(
                  new Consent(
                      rows.getString(1),
                      rows.getString(2),
                      UseType.valueOf(rows.getString(3)),
                      ConsentChoice.valueOf(rows.getString(4)),
                      rows.getObject(5, OffsetDateTime.class).toInstant(),
                      rows.getString(6),
                      rows.getObject(7, OffsetDateTime.class).toInstant()));
        }
      }
    }
    return found;
  }

  public Set<String> splitSheetKeys() throws SQLException {
    return keys("SELECT DISTINCT isrc FROM split_sheet");
  }

  /** Every split sheet of each recording (the general one and any per use type), by ISRC. */
  public Map<String, ArrayList<SplitSheet>> splitSheets(Collection<String> isrcs)
      throws SQLException {
    Map<String, ArrayList<SplitSheet>> found = new HashMap<>();
    for (List<String> chunk : chunks(isrcs)) {
      try (Connection connection = dataSource.getConnection();
          PreparedStatement select =
              prepare(
                  connection,
                  "SELECT s.split_id, s.isrc, s.use_scope, h.party_id, h.role, h.percent"
                      + " FROM split_sheet s JOIN split_share h ON h.split_id = s.split_id"
                      + " WHERE s.isrc IN (%s) ORDER BY s.split_id, h.position",
                  chunk);
          ResultSet rows = select.executeQuery()) {
        Map<String, List<Share>> shares = new LinkedHashMap<>();
        Map<String, String[]> sheets = new HashMap<>();
        while (rows.next()) {
          String splitId = rows.getString(1);
          sheets.put(splitId, new String[] {rows.getString(2), rows.getString(3)});
          shares
              .computeIfAbsent(splitId, k -> new ArrayList<>())
              .add(
                  new Share(
                      rows.getString(4), rows.getString(5), new Percent(rows.getBigDecimal(6))));
        }
        shares.forEach(
            (splitId, list) -> {
              String[] sheet = sheets.get(splitId);
              found
                  .computeIfAbsent(sheet[0], k -> new ArrayList<>())
                  .add(
                      new SplitSheet(
                          splitId,
                          Isrc.of(sheet[0]),
                          sheet[1].equals("*") ? null : UseType.valueOf(sheet[1]),
                          list));
            });
      }
    }
    return found;
  }

  // ---------------------------------------------------------------- helpers

  public static String consentKey(String artistId, String useType) {
    return artistId + "|" + useType;
  }

  public static String scope(UseType useType) {
    return useType == null ? "*" : useType.name();
  }

  private static boolean isAiUseType(String value) {
    for (UseType use : UseType.values()) {
      if (use.name().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> selectIn(Connection connection, String sql, List<String> values)
      throws SQLException {
    Set<String> found = new HashSet<>();
    for (List<String> chunk : chunks(values)) {
      try (PreparedStatement select = prepare(connection, sql, chunk);
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getString(1));
        }
      }
    }
    return found;
  }

  private static void deleteIn(Connection connection, String sql, List<String> values)
      throws SQLException {
    for (List<String> chunk : chunks(values)) {
      try (PreparedStatement delete = prepare(connection, sql, chunk)) {
        delete.executeUpdate();
      }
    }
  }

  private Set<String> keys(String sql) throws SQLException {
    Set<String> keys = new HashSet<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        keys.add(rows.getString(1));
      }
    }
    return keys;
  }

  private static void update(Connection connection, String sql, String... values)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setString(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, List<String> values)
      throws SQLException {
    PreparedStatement statement =
        connection.prepareStatement(
            sql.formatted(String.join(", ", java.util.Collections.nCopies(values.size(), "?"))));
    for (int i = 0; i < values.size(); i++) {
      statement.setString(i + 1, values.get(i));
    }
    return statement;
  }

  private static List<List<String>> chunks(Collection<String> values) {
    List<String> all = new ArrayList<>(values);
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < all.size(); i += IN_LIST) {
      chunks.add(all.subList(i, Math.min(all.size(), i + IN_LIST)));
    }
    return chunks;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
