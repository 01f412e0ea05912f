package io.stave.routes.rights;

import io.stave.routes.feed.FeedFacts;
import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedRejectedException;
import io.stave.routes.tabular.CsvTable;
import io.stave.routes.tabular.FeedRecord;
import io.stave.routes.tabular.JsonRecords;
import io.stave.routes.tabular.JsonRecords.JsonRecord;
import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.UseType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Split sheets, as CSV (one share per row: {@code isrc,useType,party,role,percent}; rows with the
 * same ISRC and use type form one sheet; an empty use type is the recording's general sheet) or
 * JSON ({@code {"splitSheets": [{"isrc": …, "useType": …, "shares": [{"party": …, "role": …,
 * "percent": "50.00"}]}]}}, a percent also as a JSON number). A sheet whose shares do not add up to
 * exactly 100 rejects the whole message, naming its rows. A sheet replaces the earlier sheet of the
 * same recording and use type.
 */
public final class SplitSheetFeedReader {
  static final List<String> COLUMNS = List.of("isrc", "useType", "party", "role", "percent");

  public FeedFacts read(FeedFormat format, byte[] body) {
    return switch (format) {
      case CSV ->
          fromRows(
              CsvTable.parse(
                      body,
                      ConsentFeedReader.lower(List.of("isrc", "party", "role", "percent")),
                      List.of("usetype"))
                  .rows());
      case JSON -> fromJson(JsonRecords.read(body, "splitSheets"));
      case XML ->
          throw new FeedRejectedException(
              new FeedProblem("format", "split sheets come as CSV or JSON, not XML"));
    };
  }

  private record SheetKey(Isrc isrc, UseType useType) {}

  private record Draft(String where, List<Share> shares) {}

  private static FeedFacts fromRows(List<CsvTable.Row> rows) {
    Map<SheetKey, List<Share>> shares = new LinkedHashMap<>();
    Map<SheetKey, List<Integer>> lines = new LinkedHashMap<>();
    Set<SheetKey> withBadShares = new HashSet<>();
    List<FeedProblem> problems = new ArrayList<>();
    for (CsvTable.Row row : rows) {
      SheetKey key = key(row, "isrc", "usetype", problems);
      Share share = share(row, "party", "role", "percent", problems);
      if (key == null) {
        continue;
      }
      lines.computeIfAbsent(key, k -> new ArrayList<>()).add(row.line());
      if (share == null) {
        withBadShares.add(key);
      } else {
        shares.computeIfAbsent(key, k -> new ArrayList<>()).add(share);
      }
    }
    Map<SheetKey, Draft> drafts = new LinkedHashMap<>();
    lines.forEach(
        (key, sheetLines) ->
            drafts.put(
                key, new Draft(describeLines(sheetLines), shares.getOrDefault(key, List.of()))));
    return sheets(drafts, withBadShares, problems);
  }

  private static FeedFacts fromJson(List<JsonRecord> records) {
    Map<SheetKey, Draft> drafts = new LinkedHashMap<>();
    Set<SheetKey> withBadShares = new HashSet<>();
    List<FeedProblem> problems = new ArrayList<>();
    for (JsonRecord record : records) {
      SheetKey key = key(record, "isrc", "useType", problems);
      List<JsonRecord> items;
      try {
        items = JsonRecords.objects(record.array("shares"), record.where("shares"));
      } catch (FeedRejectedException e) {
        problems.addAll(e.problems());
        continue;
      }
      List<Share> shares = new ArrayList<>();
      boolean badShare = false;
      for (JsonRecord item : items) {
        Share share = share(item, "party", "role", "percent", problems);
        if (share == null) {
          badShare = true;
        } else {
          shares.add(share);
        }
      }
      if (key == null) {
        continue;
      }
      if (badShare) {
        withBadShares.add(key);
      }
      if (drafts.put(key, new Draft(record.where("shares"), shares)) != null) {
        problems.add(
            new FeedProblem(
                record.path(), "repeats the sheet for " + key.isrc().code() + " " + scope(key)));
      }
    }
    return sheets(drafts, withBadShares, problems);
  }

  /**
   * Builds each sheet, adding why one cannot be built to {@code problems}. A sheet with a bad share
   * is not totalled: its bad shares are problems already, and a total without them would report a
   * sum the sender never wrote.
   */
  private static FeedFacts sheets(
      Map<SheetKey, Draft> drafts, Set<SheetKey> withBadShares, List<FeedProblem> problems) {
    List<SplitSheet> sheets = new ArrayList<>();
    drafts.forEach(
        (key, draft) -> {
          if (withBadShares.contains(key)) {
            return;
          }
          String splitId =
              "split:"
                  + key.isrc().code()
                  + ":"
                  + (key.useType() == null ? "*" : key.useType().name());
          try {
            sheets.add(new SplitSheet(splitId, key.isrc(), key.useType(), draft.shares()));
          } catch (InvalidValueException e) {
            problems.add(
                new FeedProblem(
                    draft.where(),
                    "the " + scope(key) + " of " + key.isrc().code() + ": " + e.getMessage()));
          }
        });
    if (!problems.isEmpty()) {
      throw new FeedRejectedException(problems);
    }
    return FeedFacts.ofSplitSheets(sheets);
  }

  /**
   * The sheet a record belongs to, or null with each of its bad fields added to {@code problems}.
   */
  private static SheetKey key(
      FeedRecord record, String isrcField, String useTypeField, List<FeedProblem> problems) {
    int problemsBefore = problems.size();
    Isrc isrc = Fields.orProblem(problems, () -> Fields.parse(record, isrcField, Isrc::of));
    UseType useType =
        Fields.orProblem(
            problems,
            () ->
                record.get(useTypeField) == null
                    ? null
                    : Fields.parse(record, useTypeField, v -> UseType.parse("useType", v)));
    return problems.size() > problemsBefore ? null : new SheetKey(isrc, useType);
  }

  /** The record's share, or null with each of its bad fields added to {@code problems}. */
  private static Share share(
      FeedRecord record,
      String partyField,
      String roleField,
      String percentField,
      List<FeedProblem> problems) {
    int problemsBefore = problems.size();
    String party = Fields.orProblem(problems, () -> Fields.required(record, partyField));
    String role = Fields.orProblem(problems, () -> Fields.required(record, roleField));
    Percent percent =
        Fields.orProblem(problems, () -> Fields.parseNumber(record, percentField, Percent::of));
    return problems.size() > problemsBefore ? null : new Share(party, role, percent);
  }

  private static String scope(SheetKey key) {
    return key.useType() == null ? "general split sheet" : key.useType() + " split sheet";
  }

  private static String describeLines(List<Integer> lines) {
    return lines.size() == 1
        ? "line " + lines.get(0)
        : "lines " + lines.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
  }
}
