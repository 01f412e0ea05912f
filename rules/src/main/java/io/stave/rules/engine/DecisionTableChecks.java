package io.stave.rules.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verifier's checks over one table's rows: values outside their column's domain, pairs of rows
 * that conflict, overlap or make one another redundant, and combinations of values no row matches.
 */
final class DecisionTableChecks {
  /**
   * Gaps are looked for only where the closed-domain columns give at most this many combinations.
   */
  private static final int MAX_GAP_COMBINATIONS = 100_000;

  private final DecisionTableRows table;
  private final String name;
  private final List<DecisionTableRows.Condition> conditions;
  private final List<DecisionTableRows.Row> rows;
  private final Map<Integer, List<String>> domains;

  DecisionTableChecks(DecisionTableRows table) {
    this.table = table;
    this.name = table.name;
    this.conditions = table.conditions;
    this.rows = table.rows;
    this.domains = table.domains;
  }

  void check(DecisionTableVerifier.Findings findings, List<String> notes) {
    checkValues(findings);
    checkPairs(findings);
    checkGaps(findings, notes);
  }

  private void checkValues(DecisionTableVerifier.Findings findings) {
    for (DecisionTableRows.Row row : rows) {
      for (Map.Entry<Integer, List<String>> domain : domains.entrySet()) {
        for (String value : row.conditions().get(domain.getKey())) {
          String constant = value.replaceAll("^.*\\.", "");
          if (!domain.getValue().contains(constant)) {
            findings.add(
                "INVALID_VALUE",
                name,
                List.of(row.line()),
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
  private void checkPairs(DecisionTableVerifier.Findings findings) {
    int key = -1;
    int most = 1;
    for (int k = 0; k < conditions.size(); k++) {
      Set<String> distinct = new java.util.HashSet<>();
      for (DecisionTableRows.Row row : rows) {
        if (row.conditions().get(k).size() == 1) {
          distinct.addAll(row.conditions().get(k));
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
      Set<String> value = key < 0 ? Set.of() : rows.get(r).conditions().get(key);
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
          DecisionTableRows.Row first = rows.get(Math.min(r, other));
          DecisionTableRows.Row second = rows.get(Math.max(r, other));
          if (!compare(first, second, findings)) {
            return;
          }
        }
      }
    }
  }

  /** Reports what two rows do to each other; false once no more findings can be listed. */
  private boolean compare(
      DecisionTableRows.Row first,
      DecisionTableRows.Row second,
      DecisionTableVerifier.Findings findings) {
    if (findings.truncated) {
      return false;
    }
    if (!overlap(first, second)) {
      return true;
    }
    List<Integer> lines = List.of(first.line(), second.line());
    boolean sameActions = first.actions().equals(second.actions());
    boolean oneGroup =
        !first.activationGroup().isEmpty()
            && first.activationGroup().equals(second.activationGroup());
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
          List.of(second.line(), first.line()),
          "Row "
              + describe(second)
              + " is redundant: row "
              + describe(first)
              + " matches every request it matches and does the same.");
    } else if (sameActions && contains(second, first)) {
      findings.add(
          "REDUNDANT",
          name,
          List.of(first.line(), second.line()),
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
                  ? " (only one fires: activation group '" + first.activationGroup() + "')."
                  : "."));
    }
    return true;
  }

  private boolean overlap(DecisionTableRows.Row a, DecisionTableRows.Row b) {
    for (int k = 0; k < conditions.size(); k++) {
      Set<String> x = a.conditions().get(k);
      Set<String> y = b.conditions().get(k);
      if (!x.isEmpty() && !y.isEmpty() && x.stream().noneMatch(y::contains)) {
        return false;
      }
    }
    return true;
  }

  /** Does row {@code wide} match every request that row {@code narrow} matches? */
  private boolean contains(DecisionTableRows.Row wide, DecisionTableRows.Row narrow) {
    for (int k = 0; k < conditions.size(); k++) {
      Set<String> w = wide.conditions().get(k);
      Set<String> n = narrow.conditions().get(k);
      if (!w.isEmpty() && (n.isEmpty() || !w.containsAll(n))) {
        return false;
      }
    }
    return true;
  }

  private String common(DecisionTableRows.Row a, DecisionTableRows.Row b) {
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < conditions.size(); k++) {
      Set<String> x = a.conditions().get(k);
      Set<String> y = b.conditions().get(k);
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

  private String difference(DecisionTableRows.Row a, DecisionTableRows.Row b) {
    for (int k = 0; k < a.actions().size(); k++) {
      if (!a.actions().get(k).equals(b.actions().get(k))) {
        return "'" + a.actions().get(k) + "' against '" + b.actions().get(k) + "'";
      }
    }
    return "different actions";
  }

  private void checkGaps(DecisionTableVerifier.Findings findings, List<String> notes) {
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
    for (DecisionTableRows.Row row : rows) {
      boolean matches = true;
      for (int c = 0; c < columns.size() && matches; c++) {
        Set<String> values = row.conditions().get(columns.get(c));
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
    return table.label(conditionIndex);
  }

  private static String describe(DecisionTableRows.Row row) {
    return DecisionTableRows.describe(row);
  }
}
