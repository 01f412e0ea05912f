package io.stave.interfaces.rest;

import io.stave.rules.domain.AcceptedTimes;
import io.stave.rules.domain.InvalidValueException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The instants and dates a request may carry: ISO-8601, in the years 0001 to 9999 (UTC). Both
 * databases Stave runs on hold every one of them (H2's and PostgreSQL's {@code TIMESTAMP WITH TIME
 * ZONE} and {@code DATE}), and no use of a recording lies outside them. {@code java.time} parses
 * far more (an instant up to the year 1,000,000,000); such an {@code at} passed every check, failed
 * the decision log's write and was answered 503 with {@code Retry-After}, telling the client to
 * retry a request that could never succeed. Out of range is the client's mistake: a 400 naming the
 * field.
 */
final class RequestTimes {
  static final String RANGE = AcceptedTimes.RANGE;

  private RequestTimes() {}

  /** {@code text} as an instant within {@link #RANGE}; else an {@link InvalidValueException}. */
  static Instant instant(String field, String text) {
    Instant instant;
    try {
      instant = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(
          field, "'" + text + "' is not an ISO-8601 instant such as 2026-11-24T10:00:00Z");
    }
    if (!AcceptedTimes.contains(instant)) {
      throw AcceptedTimes.outside(field, text);
    }
    return instant;
  }

  /** {@code text} as a date within {@link #RANGE}; else an {@link InvalidValueException}. */
  static LocalDate date(String field, String text) {
    LocalDate date;
    try {
      date = LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(field, "'" + text + "' is not a date such as 2026-03-31");
    }
    return date(field, text, date);
  }

  /** {@code date}, read from {@code text}, if it is within {@link #RANGE}. */
  static LocalDate date(String field, String text, LocalDate date) {
    if (!AcceptedTimes.contains(date)) {
      throw AcceptedTimes.outside(field, text);
    }
    return date;
  }
}
