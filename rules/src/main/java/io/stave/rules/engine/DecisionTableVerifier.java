package io.stave.rules.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final int MAX_GAP_COMBINATIONS = 100_000;
  private static final Pattern ENUM_PARAM =
      Pattern.compile("\\b([A-Z]\\w*)\\s*\\.\\s*\\$(param|1)\\b");
  private static final Pattern IN_LIST = Pattern.compile("\\bin\\s*\\(\\s*\\$param\\s*\\)");

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
      String first = cell(lines.get(i), 0);
      if (first.equalsIgnoreCase("Import")) {
        Arrays.stream(cell(lines.get(i), 1).split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .forEach(imports::add);
      } else if (first.regionMatches(true, 0, "RuleTable", 0, "RuleTable".length())) {
        Table table = Table.read(first.substring("RuleTable".length()).trim(), lines, i, notes);
        if (table == null) {
          continue;
        }
        tables++;
        rows += table.rows.size();
        table.resolveDomains(imports, types);
        table.check(findings, notes);
        i = table.end;
      }
    }
    if (tables == 0) {
      notes.add("No RuleTable found: nothing to verify.");
    }
    return new Report(tables, rows, List.copyOf(findings.list), findings.truncated, notes);
  }

  private static String cell(List<String> line, int column) {
    return column < line.size() ? line.get(column).trim() : "";
  }

  private static final class Findings {
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

  private record Condition(int column, String pattern, String template, String label) {}

  private record Row(
      int line,
      String name,
      List<Set<String>> conditions,
      List<String> actions,
      String activationGroup) {}

  private static final class Table {
    final String name;
    final List<Condition> conditions = new ArrayList<>();
    final List<Integer> actionColumns = new ArrayList<>();
    final List<Row> rows = new ArrayList<>();
    final Map<Integer, List<String>> domains = new LinkedHashMap<>();
    int nameColumn = -1;
    int groupColumn = -1;
    int end;

    Table(String name) {
      this.name = name.isEmpty() ? "(unnamed table)" : name;
    }

    static Table read(String name, List<List<String>> lines, int start, List<String> notes) {
      Table table = new Table(name);
      if (start + 4 >= lines.size()) {
        notes.add("Table '" + table.name + "' is cut short: it needs a header of four rows.");
        table.end = lines.size();
        return null;
      }
      List<String> kinds = lines.get(start + 1);
      List<String> patterns = lines.get(start + 2);
      List<String> templates = lines.get(start + 3);
      List<String> labels = lines.get(start + 4);
      String pattern = "";
      for (int c = 0; c < kinds.size(); c++) {
        String kind = cell(kinds, c).toUpperCase(Locale.ROOT);
        if (!cell(patterns, c).isEmpty()) {
          pattern = cell(patterns, c);
        }
        switch (kind) {
          case "CONDITION", "C" ->
              table.conditions.add(new Condition(c, pattern, cell(templates, c), cell(labels, c)));
          case "ACTION", "A" -> table.actionColumns.add(c);
          case "NAME", "N" -> table.nameColumn = c;
          case "ACTIVATION-GROUP", "X" -> table.groupColumn = c;
          default -> {
            // PRIORITY, DESCRIPTION, NO-LOOP, …: no bearing on which rows match
          }
        }
      }
      int i = start + 5;
      for (; i < lines.size(); i++) {
        List<String> line = lines.get(i);
        if (line.stream().allMatch(s -> s.trim().isEmpty())) {
          break;
        }
        List<Set<String>> values = new ArrayList<>();
        for (Condition condition : table.conditions) {
          values.add(values(cell(line, condition.column), condition.template));
        }
        List<String> actions = new ArrayList<>();
        for (int column : table.actionColumns) {
          actions.add(cell(line, column).replaceAll("\\s+", " "));
        }
        table.rows.add(
            new Row(
                i + 1,
                table.nameColumn < 0 ? "" : cell(line, table.nameColumn),
                values,
                actions,
                table.groupColumn < 0 ? "" : cell(line, table.groupColumn)));
      }
      table.end = i;
      return table;
    }

    /** Blank → empty set (anything); an {@code in ($param)} cell → its values; else the cell. */
    static Set<String> values(String cell, String template) {
      if (cell.isEmpty()) {
        return Set.of();
      }
      if (IN_LIST.matcher(template).find()) {
        Set<String> values = new LinkedHashSet<>();
        for (String value : cell.split(",")) {
          String v = value.trim();
          if (v.length() > 1 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
          }
          if (!v.isEmpty()) {
            values.add(v);
          }
        }
        return values;
      }
      return Set.of(cell.replaceAll("\\s+", " "));
    }

    void resolveDomains(List<String> imports, ClassLoader loader) {
      for (int k = 0; k < conditions.size(); k++) {
        Condition condition = conditions.get(k);
        Matcher matcher = ENUM_PARAM.matcher(condition.template);
        Class<?> type = null;
        if (matcher.find()) {
          type = enumType(matcher.group(1), imports, loader);
        } else if (IN_LIST.matcher(condition.template).find()) {
          Matcher field = Pattern.compile("^\\s*(\\w+)\\s+in\\b").matcher(condition.template);
          // `useType in ($param)` with unqualified constants: the domain comes from the field's
          // type, which the fact model knows.
          if (field.find()) {
            type = fieldEnum(condition.pattern, field.group(1));
          }
        }
        if (type != null && type.isEnum()) {
          domains.put(
              k, Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList());
        }
      }
    }

    private static Class<?> enumType(String simple, List<String> imports, ClassLoader loader) {
      List<String> candidates = new ArrayList<>();
      for (String imported : imports) {
        if (imported.endsWith("." + simple)) {
          candidates.add(imported);
        }
      }
      candidates.add("io.stave.rules.domain." + simple);
      for (String name : candidates) {
        try {
          Class<?> type = Class.forName(name, false, loader);
          if (type.isEnum()) {
            return type;
          }
        } catch (ClassNotFoundException | LinkageError e) {
          // not this one
        }
      }
      return null;
    }

    private static Class<?> fieldEnum(String pattern, String field) {
      String typeName =
          pattern.contains(":") ? pattern.substring(pattern.indexOf(':') + 1) : pattern;
      String simple = typeName.replaceAll("[^\\w].*$", "").trim();
      for (FactModel.FactType type : FactModel.types()) {
        if (type.name().equals(simple)) {
          for (FactModel.Property property : type.properties()) {
            if (property.name().equals(field)) {
              return FactModel.TYPES.stream()
                  .filter(t -> t.getSimpleName().equals(property.type()) && t.isEnum())
                  .findFirst()
                  .orElse(null);
            }
          }
        }
      }
      return null;
    }

    void check(Findings findings, List<String> notes) {
      checkValues(findings);
      checkPairs(findings);
      checkGaps(findings, notes);
    }

    private void checkValues(Findings findings) {
      for (Row row : rows) {
        for (Map.Entry<Integer, List<String>> domain : domains.entrySet()) {
          for (String value : row.conditions.get(domain.getKey())) {
            String constant = value.replaceAll("^.*\\.", "");
            if (!domain.getValue().contains(constant)) {
              findings.add(
                  "INVALID_VALUE",
                  name,
                  List.of(row.line),
                  "Row "
                      + describe(row)
                      + ": '"
                      + value
                      + "' in column '"
                      + label(domain.getKey())
                      + "' is none of "
                      + String.join(", ", domain.getValue())
                      + ".");
            }
          }
        }
      }
    }

    /**
     * Compares the rows that can overlap: rows are bucketed by their single value in the condition
     * column with the most distinct values, so rows of different buckets (which cannot overlap) are
     * never compared; rows with a blank or a list there are compared with every row.
     */
    private void checkPairs(Findings findings) {
      int key = -1;
      int most = 1;
      for (int k = 0; k < conditions.size(); k++) {
        Set<String> distinct = new java.util.HashSet<>();
        for (Row row : rows) {
          if (row.conditions.get(k).size() == 1) {
            distinct.addAll(row.conditions.get(k));
          }
        }
        if (distinct.size() > most) {
          most = distinct.size();
          key = k;
        }
      }
      Map<String, List<Integer>> buckets = new LinkedHashMap<>();
      List<Integer> everywhere = new ArrayList<>();
      for (int r = 0; r < rows.size(); r++) {
        Set<String> value = key < 0 ? Set.of() : rows.get(r).conditions.get(key);
        if (value.size() == 1) {
          buckets.computeIfAbsent(value.iterator().next(), v -> new ArrayList<>()).add(r);
        } else {
          everywhere.add(r);
        }
      }
      for (List<Integer> bucket : buckets.values()) {
        for (int i = 0; i < bucket.size(); i++) {
          for (int j = i + 1; j < bucket.size(); j++) {
            if (!compare(rows.get(bucket.get(i)), rows.get(bucket.get(j)), findings)) {
              return;
            }
          }
        }
      }
      Set<Integer> spread = new java.util.HashSet<>(everywhere);
      for (int r : everywhere) {
        for (int other = 0; other < rows.size(); other++) {
          if (other != r && (!spread.contains(other) || other > r)) {
            Row first = rows.get(Math.min(r, other));
            Row second = rows.get(Math.max(r, other));
            if (!compare(first, second, findings)) {
              return;
            }
          }
        }
      }
    }

    /** Reports what two rows do to each other; false once no more findings can be listed. */
    private boolean compare(Row first, Row second, Findings findings) {
      if (findings.truncated) {
        return false;
      }
      {
        {
          if (!overlap(first, second)) {
            return true;
          }
          List<Integer> lines = List.of(first.line, second.line);
          boolean sameActions = first.actions.equals(second.actions);
          boolean oneGroup =
              !first.activationGroup.isEmpty()
                  && first.activationGroup.equals(second.activationGroup);
          if (!sameActions && !oneGroup) {
            findings.add(
                "CONFLICT",
                name,
                lines,
                "Rows "
                    + describe(first)
                    + " and "
                    + describe(second)
                    + " both match "
                    + common(first, second)
                    + " but do different things ("
                    + difference(first, second)
                    + ").");
          } else if (sameActions && contains(first, second)) {
            findings.add(
                "REDUNDANT",
                name,
                List.of(second.line, first.line),
                "Row "
                    + describe(second)
                    + " is redundant: row "
                    + describe(first)
                    + " matches every request it matches and does the same.");
          } else if (sameActions && contains(second, first)) {
            findings.add(
                "REDUNDANT",
                name,
                List.of(first.line, second.line),
                "Row "
                    + describe(first)
                    + " is redundant: row "
                    + describe(second)
                    + " matches every request it matches and does the same.");
          } else {
            findings.add(
                "OVERLAP",
                name,
                lines,
                "Rows "
                    + describe(first)
                    + " and "
                    + describe(second)
                    + " both match "
                    + common(first, second)
                    + (oneGroup
                        ? " (only one fires: activation group '" + first.activationGroup + "')."
                        : "."));
          }
        }
      }
      return true;
    }

    private boolean overlap(Row a, Row b) {
      for (int k = 0; k < conditions.size(); k++) {
        Set<String> x = a.conditions.get(k);
        Set<String> y = b.conditions.get(k);
        if (!x.isEmpty() && !y.isEmpty() && x.stream().noneMatch(y::contains)) {
          return false;
        }
      }
      return true;
    }

    /** Does row {@code wide} match every request that row {@code narrow} matches? */
    private boolean contains(Row wide, Row narrow) {
      for (int k = 0; k < conditions.size(); k++) {
        Set<String> w = wide.conditions.get(k);
        Set<String> n = narrow.conditions.get(k);
        if (!w.isEmpty() && (n.isEmpty() || !w.containsAll(n))) {
          return false;
        }
      }
      return true;
    }

    private String common(Row a, Row b) {
      List<String> parts = new ArrayList<>();
      for (int k = 0; k < conditions.size(); k++) {
        Set<String> x = a.conditions.get(k);
        Set<String> y = b.conditions.get(k);
        if (x.isEmpty() && y.isEmpty()) {
          continue;
        }
        Set<String> both = new LinkedHashSet<>(x.isEmpty() ? y : x);
        if (!x.isEmpty() && !y.isEmpty()) {
          both.retainAll(y);
        }
        parts.add(label(k) + " = " + String.join(" | ", both));
      }
      return parts.isEmpty() ? "every request" : String.join(", ", parts);
    }

    private String difference(Row a, Row b) {
      for (int k = 0; k < a.actions.size(); k++) {
        if (!a.actions.get(k).equals(b.actions.get(k))) {
          return "'" + a.actions.get(k) + "' against '" + b.actions.get(k) + "'";
        }
      }
      return "different actions";
    }

    private void checkGaps(Findings findings, List<String> notes) {
      if (domains.isEmpty()) {
        notes.add(
            "Table '"
                + name
                + "': no condition column has a closed domain (an enum of the fact model), so"
                + " gaps are not checked.");
        return;
      }
      List<Integer> columns = new ArrayList<>(domains.keySet());
      long combinations = 1;
      for (int column : columns) {
        combinations *= domains.get(column).size();
      }
      if (combinations > MAX_GAP_COMBINATIONS) {
        notes.add(
            "Table '"
                + name
                + "': "
                + combinations
                + " combinations of closed-domain values are too many to check for gaps.");
        return;
      }
      int[] index = new int[columns.size()];
      for (long n = 0; n < combinations; n++) {
        long rest = n;
        for (int c = columns.size() - 1; c >= 0; c--) {
          int size = domains.get(columns.get(c)).size();
          index[c] = (int) (rest % size);
          rest /= size;
        }
        if (!covered(columns, index)) {
          List<String> parts = new ArrayList<>();
          for (int c = 0; c < columns.size(); c++) {
            parts.add(label(columns.get(c)) + " = " + domains.get(columns.get(c)).get(index[c]));
          }
          findings.add(
              "GAP",
              name,
              List.of(),
              "No row matches " + String.join(", ", parts) + ": no rule of this table fires.");
        }
      }
    }

    private boolean covered(List<Integer> columns, int[] index) {
      for (Row row : rows) {
        boolean matches = true;
        for (int c = 0; c < columns.size() && matches; c++) {
          Set<String> values = row.conditions.get(columns.get(c));
          String constant = domains.get(columns.get(c)).get(index[c]);
          matches =
              values.isEmpty()
                  || values.stream().anyMatch(v -> v.replaceAll("^.*\\.", "").equals(constant));
        }
        if (matches) {
          return true;
        }
      }
      return false;
    }

    private String label(int conditionIndex) {
      Condition condition = conditions.get(conditionIndex);
      return condition.label.isEmpty() ? condition.template : condition.label;
    }

    private static String describe(Row row) {
      return row.line + (row.name.isEmpty() ? "" : " (\"" + row.name + "\")");
    }
  }
}
