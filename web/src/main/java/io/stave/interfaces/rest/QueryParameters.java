package io.stave.interfaces.rest;

import io.stave.interfaces.rest.problem.FieldError;
import io.stave.interfaces.rest.problem.InvalidRequestException;
import io.stave.rules.domain.InvalidValueException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The query parameters of one request, read one way for every resource: a blank parameter is not
 * set, names of values (PERMIT, REJECTED, …) are read whatever their case, and every bad parameter
 * is collected so that {@link #check()} answers one 400 naming all of them. Parameters are taken as
 * strings because JAX-RS answers a value its own conversion refuses with a 404.
 */
final class QueryParameters {
  private final List<FieldError> errors = new ArrayList<>();

  Integer wholeNumber(String field, String value, Integer fallback) {
    return parsed(field, value, v -> Integer.valueOf(v), "is not a whole number", fallback);
  }

  Instant instant(String field, String value) {
    return parsed(
        field, value, v -> RequestTimes.instant(field, v), "is not an ISO-8601 instant", null);
  }

  <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
    String names =
        Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    return parsed(
        field,
        value,
        v -> Enum.valueOf(type, v.toUpperCase(Locale.ROOT)),
        "is not one of " + names,
        null);
  }

  /**
   * {@code value} read by {@code parser}; when that fails, the field is recorded as bad (with the
   * parser's own reason if it gives one, else {@code expected}) and null returned.
   */
  <T> T parsed(
      String field, String value, Function<String, T> parser, String expected, T fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return parser.apply(value.trim());
    } catch (InvalidValueException e) {
      errors.add(new FieldError(field, e.problem()));
    } catch (IllegalArgumentException | DateTimeParseException | NoSuchElementException e) {
      errors.add(new FieldError(field, "'" + value + "' " + expected));
    }
    return fallback;
  }

  /** Throws the 400 naming every bad parameter read so far, if there was one. */
  void check() {
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }
}
