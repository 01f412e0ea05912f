package io.stave.infrastructure.persistence;

import static io.stave.infrastructure.persistence.Sql.now;
import static io.stave.infrastructure.persistence.Sql.utc;

import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
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
 * Deals with the recordings, territories and use types they name, and the release that stated them.
 * Every write returns the recordings whose deals it changed, so their cached deals can be reloaded.
 */
public final class DealRepository {
  private static final String RECORDINGS_OF_RELEASES =
      "SELECT dr.isrc FROM deal_recording dr JOIN deal d"
          + " ON d.deal_id = dr.deal_id WHERE d.release_key IN (%s)";

  private final DataSource dataSource;
  private final ReleaseRepository releases;

  DealRepository(DataSource dataSource, ReleaseRepository releases) {
    this.dataSource = dataSource;
    this.releases = releases;
  }

  /** Replaces the deals with the same ids; returns every recording they covered before or now. */
  public Set<String> save(Connection connection, List<Deal> deals) throws SQLException {
    return save(connection, deals, null);
  }

  /**
   * Replaces every deal stated earlier for the release with these; returns every recording the old
   * or the new deals cover.
   */
  public Set<String> replaceReleaseDeals(Connection connection, String releaseKey, List<Deal> deals)
      throws SQLException {
    Set<String> touched = Sql.selectIn(connection, RECORDINGS_OF_RELEASES, List.of(releaseKey));
    Sql.update(connection, "DELETE FROM deal WHERE release_key = ?", releaseKey);
    touched.addAll(save(connection, deals, releaseKey));
    return touched;
  }

  /**
   * Ends every deal of the release that is still running at {@code endsAt} (deals that would only
   * have started later are removed); returns the recordings they cover. The release is found by any
   * identifier it was delivered under.
   */
  public Set<String> endReleaseDeals(
      Connection connection, Collection<String> releaseIdentifiers, Instant endsAt)
      throws SQLException {
    Set<String> keys = releases.keys(connection, releaseIdentifiers);
    if (keys.isEmpty()) {
      return new HashSet<>();
    }
    Set<String> touched = Sql.selectIn(connection, RECORDINGS_OF_RELEASES, keys);
    OffsetDateTime end = utc(endsAt);
    for (String release : keys) {
      Sql.update(
          connection, "DELETE FROM deal WHERE release_key = ? AND valid_from >= ?", release, end);
      Sql.update(
          connection,
          "UPDATE deal SET valid_until = ?, updated_at = ? WHERE release_key = ?"
              + " AND (valid_until IS NULL OR valid_until > ?)",
          end,
          now(),
          release,
          end);
    }
    return touched;
  }

  private Set<String> save(Connection connection, List<Deal> deals, String releaseKey)
      throws SQLException {
    if (deals.isEmpty()) {
      return new HashSet<>();
    }
    List<String> ids = deals.stream().map(Deal::getDealId).toList();
    Set<String> touched =
        Sql.selectIn(connection, "SELECT isrc FROM deal_recording WHERE deal_id IN (%s)", ids);
    Sql.updateIn(connection, "DELETE FROM deal WHERE deal_id IN (%s)", ids);
    touched.addAll(insert(connection, deals, releaseKey));
    return touched;
  }

  private static Set<String> insert(Connection connection, List<Deal> deals, String releaseKey)
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
        insert.setObject(4, utc(deal.getValidUntil()));
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

  /** Every recording some deal names. */
  public Set<String> recordingKeys() throws SQLException {
    return Sql.keys(dataSource, "SELECT DISTINCT isrc FROM deal_recording");
  }

  /** Every deal that names each recording, keyed by ISRC. */
  public Map<String, ArrayList<Deal>> byRecording(Collection<String> isrcs) throws SQLException {
    Map<String, ArrayList<Deal>> found = new HashMap<>();
    for (List<String> chunk : Sql.chunks(isrcs)) {
      try (Connection connection = dataSource.getConnection()) {
        found.putAll(byRecording(connection, chunk));
      }
    }
    return found;
  }

  /** Every deal that names each recording, read on the caller's connection. */
  public Map<String, ArrayList<Deal>> byRecording(Connection connection, Collection<String> isrcs)
      throws SQLException {
    Map<String, Set<String>> dealIdsByIsrc = new HashMap<>();
    Sql.selectIn(
        connection,
        "SELECT isrc, deal_id FROM deal_recording WHERE isrc IN (%s)",
        isrcs,
        row ->
            dealIdsByIsrc
                .computeIfAbsent(row.getString(1), k -> new TreeSet<>())
                .add(row.getString(2)));
    Set<String> dealIds = new HashSet<>();
    dealIdsByIsrc.values().forEach(dealIds::addAll);
    Map<String, Deal> deals = deals(connection, dealIds);
    Map<String, ArrayList<Deal>> found = new HashMap<>();
    dealIdsByIsrc.forEach(
        (isrc, ids) -> {
          ArrayList<Deal> list = new ArrayList<>();
          ids.forEach(id -> list.add(deals.get(id)));
          found.put(isrc, list);
        });
    return found;
  }

  /** The release that stated each deal naming this recording, by deal id (in deal id order). */
  public Map<String, String> releasesOf(Connection connection, Isrc isrc) throws SQLException {
    Map<String, String> releases = new LinkedHashMap<>();
    Sql.selectIn(
        connection,
        "SELECT d.deal_id, d.release_key FROM deal d JOIN deal_recording dr"
            + " ON dr.deal_id = d.deal_id WHERE dr.isrc IN (%s) AND d.release_key IS NOT NULL",
        List.of(isrc.code()),
        row -> releases.put(row.getString(1), row.getString(2)));
    return releases;
  }

  private static Map<String, Deal> deals(Connection connection, Set<String> dealIds)
      throws SQLException {
    Map<String, Set<Isrc>> recordings = new HashMap<>();
    Map<String, Set<Territory>> included = new HashMap<>();
    Map<String, Set<Territory>> excluded = new HashMap<>();
    Map<String, Set<UseType>> aiUses = new HashMap<>();
    Map<String, Set<String>> ddexUses = new HashMap<>();
    Sql.selectIn(
        connection,
        "SELECT deal_id, isrc FROM deal_recording WHERE deal_id IN (%s)",
        dealIds,
        row ->
            recordings
                .computeIfAbsent(row.getString(1), k -> new HashSet<>())
                .add(Isrc.of(row.getString(2))));
    Sql.selectIn(
        connection,
        "SELECT deal_id, territory, excluded FROM deal_territory WHERE deal_id IN (%s)",
        dealIds,
        row ->
            (row.getBoolean(3) ? excluded : included)
                .computeIfAbsent(row.getString(1), k -> new HashSet<>())
                .add(Territory.of(row.getString(2))));
    Sql.selectIn(
        connection,
        "SELECT deal_id, use_type FROM deal_use_type WHERE deal_id IN (%s)",
        dealIds,
        row -> {
          String use = row.getString(2);
          if (isAiUseType(use)) {
            aiUses
                .computeIfAbsent(row.getString(1), k -> EnumSet.noneOf(UseType.class))
                .add(UseType.valueOf(use));
          } else {
            ddexUses.computeIfAbsent(row.getString(1), k -> new HashSet<>()).add(use);
          }
        });
    Map<String, Deal> deals = new HashMap<>();
    Sql.selectIn(
        connection,
        "SELECT deal_id, licensor_id, valid_from, valid_until, commercial_model,"
            + " max_excerpt_seconds FROM deal WHERE deal_id IN (%s)",
        dealIds,
        row -> {
          String id = row.getString(1);
          OffsetDateTime until = row.getObject(4, OffsetDateTime.class);
          int excerpt = row.getInt(6);
          Integer maxExcerpt = row.wasNull() ? null : excerpt;
          deals.put(
              id,
              new Deal(
                  id,
                  row.getString(2),
                  recordings.getOrDefault(id, Set.of()),
                  included.getOrDefault(id, Set.of()),
                  excluded.getOrDefault(id, Set.of()),
                  row.getObject(3, OffsetDateTime.class).toInstant(),
                  until == null ? null : until.toInstant(),
                  aiUses.getOrDefault(id, Set.of()),
                  ddexUses.getOrDefault(id, Set.of()),
                  row.getString(5),
                  maxExcerpt));
        });
    return deals;
  }

  private static boolean isAiUseType(String value) {
    for (UseType use : UseType.values()) {
      if (use.name().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
