package io.stave.routes.rights;

import io.stave.routes.feed.FeedProblem;
import io.stave.routes.tabular.FeedRecord;
import io.stave.routes.tabular.FieldProblem;
import io.stave.rules.domain.AcceptedTimes;
import io.stave.rules.domain.InvalidValueException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Reading one field of a feed record, with the field's position in every problem. */
final class Fields {
  private Fields() {}

  static String required(FeedRecord record, String field) {
    String value = record.get(field);
    if (value == null) {
      throw new FieldProblem(new FeedProblem(record.where(field), "is required"));
    }
    return value;
  }

  static <T> T parse(FeedRecord record, String field, Function<String, T> parser) {
    return parsed(record, field, required(record, field), parser);
  }

  /** As {@link #parse}, for a number: in JSON it may be written as a number or as a string. */
  static <T> T parseNumber(FeedRecord record, String field, Function<String, T> parser) {
    String value = record.decimal(field);
    if (value == null) {
      throw new FieldProblem(new FeedProblem(record.where(field), "is required"));
    }
    return parsed(record, field, value, parser);
  }

  /**
   * What {@code read} reads, or null with its problem added to {@code problems}: reading each field
   * of a record this way lists all of the record's bad fields, not only its first.
   */
  static <T> T orProblem(List<FeedProblem> problems, Supplier<T> read) {
    try {
      return read.get();
    } catch (FieldProblem e) {
      problems.add(e.problem());
      return null;
    }
  }

  private static <T> T parsed(
      FeedRecord record, String field, String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (InvalidValueException e) {
      throw new FieldProblem(new FeedProblem(record.where(field), e.problem()));
    }
  }

  /** An ISO-8601 instant ({@code 2026-01-01T00:00:00Z}) or a date (midnight UTC). */
  static Instant instant(String value) {
    Instant instant;
    try {
      instant =
          value.length() == 10
              ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
              : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(
          "effectiveFrom",
          "'" + value + "' is not a date (2026-01-01) or an instant (2026-01-01T00:00:00Z)");
    }
    if (!AcceptedTimes.contains(instant)) {
      throw AcceptedTimes.outside("effectiveFrom", value);
    }
    return instant;
  }
}
