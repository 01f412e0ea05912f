package io.stave.routes.feed;

import java.util.Objects;

/**
 * One thing wrong with a feed message: where (a line and column, an element path, a JSON pointer or
 * a CSV row and column) and what, in a sentence a label's integrator can act on. Both are cut to a
 * bounded length, and control characters are shown as U+FFFD: problems often quote the message's
 * own values, and a hostile message must not make its rejection too large to record.
 */
public record FeedProblem(String where, String what) {
  public static final int MAX_WHERE = 120;
  public static final int MAX_WHAT = 300;

  public FeedProblem {
    Objects.requireNonNull(what, "what");
    where = where == null || where.isBlank() ? "message" : bounded(where, MAX_WHERE);
    what = bounded(what, MAX_WHAT);
  }

  private static String bounded(String text, int length) {
    String shown = text.length() <= length ? text : text.substring(0, length - 1) + "\u2026";
    return shown.codePoints().anyMatch(Character::isISOControl)
        ? shown
            .codePoints()
            .map(c -> Character.isISOControl(c) ? '\uFFFD' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()
        : shown;
  }

  @Override
  public String toString() {
    return where + ": " + what;
  }
}
