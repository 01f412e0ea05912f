package io.stave.rules.engine;

import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.Match;

/** Lets a rule fire only while the deadline has not passed, and remembers if it did. */
final class DeadlineFilter implements AgendaFilter {
  private final long deadlineNanos;
  private boolean tripped;

  DeadlineFilter(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public boolean accept(Match match) {
    if (System.nanoTime() > deadlineNanos) {
      tripped = true;
      return false;
    }
    return true;
  }

  /** Whether the deadline stopped a rule from firing. */
  boolean tripped() {
    return tripped;
  }
}
