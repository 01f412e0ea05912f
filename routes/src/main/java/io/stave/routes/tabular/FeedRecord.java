package io.stave.routes.tabular;

/**
 * One record of a consent or split-sheet feed, whether it came as a CSV row or a JSON object: its
 * fields by name, and how to say where a field is when it is wrong.
 */
public interface FeedRecord {
  /**
   * The trimmed text, or null when the field is absent or blank. A JSON value that is not a string
   * (a number, boolean, object or array) is a {@link FieldProblem}: it is not guessed into text.
   */
  String get(String field);

  /**
   * The trimmed text of a number, or null when the field is absent or blank: a CSV cell, or a JSON
   * number or string. Anything else is a {@link FieldProblem}.
   */
  default String decimal(String field) {
    return get(field);
  }

  /** Where the field is, for a problem: "line 7, column percent" or "consents[3].useType". */
  String where(String field);
}
