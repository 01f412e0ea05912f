package io.stave.rules.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The times Stave takes from outside (requests, feeds): the years 0001 to 9999, UTC. Both databases
 * Stave runs on store every one of them, and no use of a recording lies outside. {@code java.time}
 * parses far more (up to the year 999,999,999); such a time passed every check and then failed a
 * write (PostgreSQL: timestamp out of range) or a read-back (H2), so it is refused where it comes
 * in, naming its field.
 */
public final class AcceptedTimes {
  public static final String RANGE = "the years 0001 to 9999 (UTC)";
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

  private AcceptedTimes() {}

  public static boolean contains(Instant instant) {
    return !instant.isBefore(EARLIEST) && instant.isBefore(END);
  }

  public static boolean contains(LocalDate date) {
    return date.getYear() >= 1 && date.getYear() <= 9999;
  }

  /** The problem with a time outside {@link #RANGE}, as {@code text} gave it. */
  public static InvalidValueException outside(String field, String text) {
    return new InvalidValueException(
        field, "'" + text + "' is outside " + RANGE + ", the times Stave accepts");
  }
}
