package io.stave.routes.tabular;

/**
 * One record of a consent or split-sheet feed, whether it came as a CSV row or a JSON object: its
 * fields by name, and how to say where a field is when it is wrong.
 */
public interface FeedRecord {
  /** The trimmed value, or null when the field is absent or blank. */
  String get(String field);

  /** Where the field is, for a problem: "line 7, column percent" or "consents[3].useType". */
  String where(String field);
}
