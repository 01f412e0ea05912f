package io.stave.rules.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Verifies the rows of a decision table (the CSV form Stave stores) against each other, the way an
 * author reviews a table before submitting it:
 *
 * <ul>
 *   <li>{@code GAP}: a combination of values of the closed-domain condition columns (enums of the
 *       fact model, e.g. {@code useType == UseType.$param}) that no row matches, so no rule fires;
 *   <li>{@code CONFLICT}: two rows that match a common request and do different things (both fire;
 *       their actions contradict unless the table names one activation group for them);
 *   <li>{@code REDUNDANT}: a row every request of which another row with the same actions already
 *       matches;
 *   <li>{@code OVERLAP}: two rows with the same actions that match some requests in common without
 *       either containing the other (or rows kept apart only by an activation group);
 *   <li>{@code INVALID_VALUE}: a cell of a closed-domain column naming no constant of its enum.
 * </ul>
 *
 * A blank condition cell matches anything (as in Drools); a cell of an {@code in ($param)}
 * condition is the set of its comma-separated values; any other cell is compared as written.
 * Conditions that are not equalities are compared as written too, so two different texts are taken
 * to be disjoint: the verifier never reports a conflict it cannot show.
 */
public final class DecisionTableVerifier {
  /** At most this many findings are listed (a 5,000-row table of wildcards overlaps everywhere). */
  public static final int MAX_FINDINGS = 500;

  /** One finding; {@code rows} are the CSV line numbers (1-based) of the rows concerned. */
  public record Finding(String kind, String table, List<Integer> rows, String message) {}

  /** What the verifier found, and what it could not check. */
  public record Report(
      int tables, int rows, List<Finding> findings, boolean truncated, List<String> notes) {
    public long count(String kind) {
      return findings.stream().filter(f -> f.kind().equals(kind)).count();
    }
  }

  private DecisionTableVerifier() {}

  public static Report verify(String csv) {
    return verify(csv, DecisionTableVerifier.class.getClassLoader());
  }

  static Report verify(String csv, ClassLoader types) {
    List<List<String>> lines = new ArrayList<>();
    for (String line : Objects.requireNonNull(csv, "csv").split("\r?\n", -1)) {
      lines.add(DecisionTableWorkbook.cells(line));
    }
    List<String> imports = new ArrayList<>();
    Findings findings = new Findings();
    List<String> notes = new ArrayList<>();
    int tables = 0;
    int rows = 0;
    for (int i = 0; i < lines.size(); i++) {
      String first = DecisionTableRows.cell(lines.get(i), 0);
      if (first.equalsIgnoreCase("Import")) {
        Arrays.stream(DecisionTableRows.cell(lines.get(i), 1).split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .forEach(imports::add);
      } else if (first.regionMatches(true, 0, "RuleTable", 0, "RuleTable".length())) {
        DecisionTableRows table =
            DecisionTableRows.read(first.substring("RuleTable".length()).trim(), lines, i, notes);
        if (table == null) {
          continue;
        }
        tables++;
        rows += table.rows.size();
        table.resolveDomains(imports, types);
        new DecisionTableChecks(table).check(findings, notes);
        i = table.end;
      }
    }
    if (tables == 0) {
      notes.add("No RuleTable found: nothing to verify.");
    }
    return new Report(tables, rows, List.copyOf(findings.list), findings.truncated, notes);
  }

  static final class Findings {
    final List<Finding> list = new ArrayList<>();
    boolean truncated;

    void add(String kind, String table, List<Integer> rows, String message) {
      if (list.size() >= MAX_FINDINGS) {
        truncated = true;
        return;
      }
      list.add(new Finding(kind, table, List.copyOf(rows), message));
    }
  }
}
