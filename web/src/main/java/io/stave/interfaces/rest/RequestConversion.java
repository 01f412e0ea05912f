package io.stave.interfaces.rest;

import io.stave.interfaces.rest.dto.DecisionRequestBody;
import io.stave.interfaces.rest.problem.FieldError;
import io.stave.interfaces.rest.problem.InvalidRequestException;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks request bodies field by field and turns them into domain requests. Every bad field is
 * reported at once, each with its path, so a client fixes everything in one round trip.
 */
final class RequestConversion {
  static final int MAX_TEXT = 200;
  static final int MAX_CONTEXT_ENTRIES = 32;

  private RequestConversion() {}

  static DecisionRequest single(DecisionRequestBody body) {
    if (body == null) {
      throw new InvalidRequestException(List.of(new FieldError("body", "is required")));
    }
    List<FieldError> errors = new ArrayList<>();
    DecisionRequest request = convert(body, "", Instant.now(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return request;
  }

  static List<DecisionRequest> batch(List<DecisionRequestBody> bodies, int max) {
    if (bodies == null || bodies.isEmpty()) {
      throw new InvalidRequestException(
          List.of(new FieldError("requests", "is required and must hold at least one request")));
    }
    if (bodies.size() > max) {
      throw new InvalidRequestException(
          List.of(
              new FieldError(
                  "requests",
                  "holds " + bodies.size() + " requests; a batch holds at most " + max)));
    }
    List<FieldError> errors = new ArrayList<>();
    List<DecisionRequest> requests = new ArrayList<>(bodies.size());
    Instant now = Instant.now();
    for (int i = 0; i < bodies.size(); i++) {
      DecisionRequestBody body = bodies.get(i);
      if (body == null) {
        errors.add(new FieldError("requests[" + i + "]", "is empty"));
        continue;
      }
      if (body.policyVersion != null) {
        errors.add(
            new FieldError(
                "requests[" + i + "].policyVersion",
                "is set for the whole batch, not per request"));
      }
      requests.add(convert(body, "requests[" + i + "].", now, errors));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return requests;
  }

  private static DecisionRequest convert(
      DecisionRequestBody body, String prefix, Instant now, List<FieldError> errors) {
    int before = errors.size();
    UseType useType = field(prefix, errors, () -> UseType.parse("useType", body.useType));
    Isrc isrc = field(prefix, errors, () -> Isrc.of(body.isrc));
    Territory territory = field(prefix, errors, () -> Territory.listenerCountry(body.territory));
    Instant at =
        body.at == null ? now : field(prefix, errors, () -> RequestTimes.instant("at", body.at));
    text(prefix + "requestId", body.requestId, errors);
    text(prefix + "feature", body.feature, errors);
    Map<String, String> context = body.context == null ? Map.of() : body.context;
    if (context.size() > MAX_CONTEXT_ENTRIES) {
      errors.add(
          new FieldError(
              prefix + "context",
              "has "
                  + context.size()
                  + " entries; at most "
                  + MAX_CONTEXT_ENTRIES
                  + " are allowed"));
    }
    context.forEach(
        (key, value) -> {
          if (key == null || key.isBlank() || key.length() > MAX_TEXT) {
            errors.add(
                new FieldError(
                    prefix + "context", "keys must be 1 to " + MAX_TEXT + " characters"));
          }
          if (value == null || value.length() > MAX_TEXT) {
            errors.add(
                new FieldError(
                    prefix + "context." + key,
                    "must be a string of at most " + MAX_TEXT + " characters"));
          }
        });
    if (errors.size() > before) {
      return null;
    }
    return new DecisionRequest(body.requestId, body.feature, useType, isrc, territory, at, context);
  }

  private static <T> T field(String prefix, List<FieldError> errors, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (InvalidValueException e) {
      errors.add(new FieldError(prefix + e.field(), e.problem()));
      return null;
    }
  }

  private static void text(String field, String value, List<FieldError> errors) {
    if (value != null && value.length() > MAX_TEXT) {
      errors.add(new FieldError(field, "is longer than " + MAX_TEXT + " characters"));
    }
  }
}
