package io.stave.rules.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One decision table of a CSV as the verifier reads it: its condition columns (with the closed
 * domain of each, where the fact model gives one), its action columns and its rows, each condition
 * cell as the set of values it matches (empty: anything).
 */
final class DecisionTableRows {
  private static final Pattern ENUM_PARAM =
      Pattern.compile("\\b([A-Z]\\w*)\\s*\\.\\s*\\$(param|1)\\b");
  private static final Pattern IN_LIST = Pattern.compile("\\bin\\s*\\(\\s*\\$param\\s*\\)");

  record Condition(int column, String pattern, String template, String label) {}

  record Row(
      int line,
      String name,
      List<Set<String>> conditions,
      List<String> actions,
      String activationGroup) {}

  final String name;
  final List<Condition> conditions = new ArrayList<>();
  final List<Integer> actionColumns = new ArrayList<>();
  final List<Row> rows = new ArrayList<>();
  final Map<Integer, List<String>> domains = new LinkedHashMap<>();
  int nameColumn = -1;
  int groupColumn = -1;
  int end;

  DecisionTableRows(String name) {
    this.name = name.isEmpty() ? "(unnamed table)" : name;
  }

  static DecisionTableRows read(
      String name, List<List<String>> lines, int start, List<String> notes) {
    DecisionTableRows table = new DecisionTableRows(name);
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
    String typeName = pattern.contains(":") ? pattern.substring(pattern.indexOf(':') + 1) : pattern;
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

  String label(int conditionIndex) {
    Condition condition = conditions.get(conditionIndex);
    return condition.label.isEmpty() ? condition.template : condition.label;
  }

  static String describe(Row row) {
    return row.line + (row.name.isEmpty() ? "" : " (\"" + row.name + "\")");
  }

  static String cell(List<String> line, int column) {
    return column < line.size() ? line.get(column).trim() : "";
  }
}
