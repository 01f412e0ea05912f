package io.stave.infrastructure.persistence;

import static io.stave.infrastructure.persistence.Sql.now;

import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.UseType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Split sheets and their shares: at most one sheet per recording and scope (a use type, or every
 * use), each remembering where it came from.
 */
public final class SplitSheetRepository {

  /**
   * Where a split sheet came from; a sheet from rights controllers yields to a split-sheet feed's.
   */
  public enum SheetSource {
    SPLIT_FEED,
    RIGHTS_CONTROLLERS
  }

  /** A recording and the use type a sheet is for ({@code *}: every use). */
  private record Scope(String isrc, String useScope) {
    static Scope of(SplitSheet sheet) {
      return new Scope(sheet.getIsrc().code(), scope(sheet.getUseType().orElse(null)));
    }
  }

  /** The sheet that holds a scope now, and where it came from. */
  private record Held(String splitId, SheetSource source) {}

  private final DataSource dataSource;

  SplitSheetRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  static String scope(UseType useType) {
    return useType == null ? "*" : useType.name();
  }

  /**
   * Each sheet replaces the sheet of the same recording and scope, except that a sheet from rights
   * controllers never replaces one a split-sheet feed delivered; returns the sheets saved.
   */
  public List<SplitSheet> save(Connection connection, List<SplitSheet> sheets, SheetSource source)
      throws SQLException {
    if (sheets.isEmpty()) {
      return List.of();
    }
    Map<Scope, Held> held = new HashMap<>();
    Sql.selectIn(
        connection,
        "SELECT isrc, use_scope, split_id, source FROM split_sheet WHERE isrc IN (%s)",
        sheets.stream().map(sheet -> sheet.getIsrc().code()).distinct().toList(),
        row ->
            held.put(
                new Scope(row.getString(1), row.getString(2)),
                new Held(row.getString(3), SheetSource.valueOf(row.getString(4)))));
    List<SplitSheet> saved = new ArrayList<>();
    Set<String> replaced = new TreeSet<>();
    for (SplitSheet sheet : sheets) {
      Held current = held.get(Scope.of(sheet));
      if (source == SheetSource.RIGHTS_CONTROLLERS
          && current != null
          && current.source() == SheetSource.SPLIT_FEED) {
        continue;
      }
      saved.add(sheet);
      if (current != null && !current.splitId().equals(sheet.getSplitId())) {
        replaced.add(current.splitId());
      }
    }
    if (saved.isEmpty()) {
      return saved;
    }
    saved.sort(Comparator.comparing(SplitSheet::getSplitId));
    Sql.updateIn(connection, "DELETE FROM split_sheet WHERE split_id IN (%s)", replaced);
    // The sheet row is upserted (in id order), not deleted and inserted: two ERN messages naming
    // one recording's rights controllers at once (the track on two releases) queue for the row
    // instead of failing on its key; its shares are replaced under that row's lock.
    try (PreparedStatement insert =
            connection.prepareStatement(
                Sql.upsert(
                    connection,
                    "split_sheet",
                    List.of("split_id"),
                    List.of("split_id", "isrc", "use_scope", "updated_at", "source")));
        PreparedStatement share =
            connection.prepareStatement(
                "INSERT INTO split_share (split_id, position, party_id, role, percent)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      OffsetDateTime now = now();
      for (SplitSheet sheet : saved) {
        insert.setString(1, sheet.getSplitId());
        insert.setString(2, sheet.getIsrc().code());
        insert.setString(3, scope(sheet.getUseType().orElse(null)));
        insert.setObject(4, now);
        insert.setString(5, source.name());
        insert.addBatch();
      }
      insert.executeBatch();
      Sql.updateIn(
          connection,
          "DELETE FROM split_share WHERE split_id IN (%s)",
          saved.stream().map(SplitSheet::getSplitId).toList());
      for (SplitSheet sheet : saved) {
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
      share.executeBatch();
    }
    return saved;
  }

  public Set<String> keys() throws SQLException {
    return Sql.keys(dataSource, "SELECT DISTINCT isrc FROM split_sheet");
  }

  /** Every split sheet of each recording (the general one and any per use type), by ISRC. */
  public Map<String, ArrayList<SplitSheet>> byRecording(Collection<String> isrcs)
      throws SQLException {
    Map<String, ArrayList<SplitSheet>> found = new HashMap<>();
    for (List<String> chunk : Sql.chunks(isrcs)) {
      try (Connection connection = dataSource.getConnection()) {
        found.putAll(byRecording(connection, chunk));
      }
    }
    return found;
  }

  /** Every split sheet of each recording, read on the caller's connection. */
  public Map<String, ArrayList<SplitSheet>> byRecording(
      Connection connection, Collection<String> isrcs) throws SQLException {
    Map<String, List<Share>> shares = new LinkedHashMap<>();
    Map<String, Scope> scopes = new HashMap<>();
    Sql.selectIn(
        connection,
        "SELECT s.split_id, s.isrc, s.use_scope, h.party_id, h.role, h.percent"
            + " FROM split_sheet s JOIN split_share h ON h.split_id = s.split_id"
            + " WHERE s.isrc IN (%s) ORDER BY s.split_id, h.position",
        isrcs,
        row -> {
          String splitId = row.getString(1);
          scopes.put(splitId, new Scope(row.getString(2), row.getString(3)));
          shares
              .computeIfAbsent(splitId, k -> new ArrayList<>())
              .add(
                  new Share(row.getString(4), row.getString(5), new Percent(row.getBigDecimal(6))));
        });
    Map<String, ArrayList<SplitSheet>> found = new HashMap<>();
    shares.forEach(
        (splitId, list) -> {
          Scope scope = scopes.get(splitId);
          found
              .computeIfAbsent(scope.isrc(), k -> new ArrayList<>())
              .add(
                  new SplitSheet(
                      splitId,
                      Isrc.of(scope.isrc()),
                      scope.useScope().equals("*") ? null : UseType.valueOf(scope.useScope()),
                      list));
        });
    return found;
  }
}
