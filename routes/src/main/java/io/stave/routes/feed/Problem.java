package io.stave.routes.feed;

import java.util.Objects;

/**
 * One thing wrong with a feed message: where (a line and column, an element path, a JSON pointer
 * or a CSV row and column) and what, in a sentence a label's integrator can act on.
 */
public record Problem(String where, String what) {
  public Problem {
    Objects.requireNonNull(what, "what");
    where = where == null || where.isBlank() ? "message" : where;
  }

  @Override
  public String toString() {
    return where + ": " + what;
  }
}
