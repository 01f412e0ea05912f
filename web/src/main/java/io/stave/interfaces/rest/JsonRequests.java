package io.stave.interfaces.rest;

import io.stave.interfaces.rest.dto.BatchRequestBody;
import io.stave.interfaces.rest.dto.DecisionRequestBody;
import io.stave.interfaces.rest.problem.FieldError;
import io.stave.interfaces.rest.problem.InvalidRequestException;
import io.stave.routes.text.DuplicateKeyException;
import io.stave.routes.text.HardenedJson;
import io.stave.routes.text.MalformedTextException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decision request bodies from JSON: through {@link HardenedJson} (strict UTF-8, at most {@value
 * HardenedJson#MAX_DEPTH} levels), then bound field by field, so a value of the wrong JSON type is
 * a 400 naming its path ({@code requests[3].policyVersion: must be a whole number, not a string})
 * rather than a binder's stack of messages. A field the request does not have is a 400 naming it,
 * as an unknown element is in XML: ignoring it, as JSON-B would, turned a misspelt {@code
 * "policyVerison": 3} from a dry run into a live, logged decision. {@code context} is free-form by
 * design, so its keys are the client's. {@link RequestConversion} then checks the values.
 */
final class JsonRequests {
  /** The fields of a decision request, in the order the API documents them. */
  static final List<String> REQUEST_FIELDS =
      List.of(
          "requestId", "feature", "useType", "isrc", "territory", "at", "context", "policyVersion");

  static final List<String> BATCH_FIELDS = List.of("requests", "policyVersion");

  private JsonRequests() {}

  static DecisionRequestBody single(byte[] body) {
    List<FieldError> errors = new ArrayList<>();
    DecisionRequestBody request = request(document(body), "", errors);
    return orFail(request, errors);
  }

  static BatchRequestBody batch(byte[] body) {
    JsonValue document = document(body);
    List<FieldError> errors = new ArrayList<>();
    if (document.getValueType() != JsonValue.ValueType.OBJECT) {
      errors.add(
          new FieldError(
              "body", "must be a JSON object {\"requests\": [ ... ]}, not " + describe(document)));
      return orFail(null, errors);
    }
    JsonObject object = document.asJsonObject();
    onlyFields(object, BATCH_FIELDS, "", "a batch", errors);
    BatchRequestBody batch = new BatchRequestBody();
    batch.policyVersion = wholeNumber(object, "policyVersion", "", errors);
    JsonValue requests = object.get("requests");
    if (requests != null && requests.getValueType() == JsonValue.ValueType.ARRAY) {
      batch.requests = new ArrayList<>();
      int i = 0;
      for (JsonValue item : requests.asJsonArray()) {
        batch.requests.add(
            item.getValueType() == JsonValue.ValueType.NULL
                ? null
                : request(item, "requests[" + i + "]", errors));
        i++;
      }
    } else if (requests != null && requests.getValueType() != JsonValue.ValueType.NULL) {
      errors.add(
          new FieldError(
              "requests", "must be an array of decision requests, not " + describe(requests)));
    }
    return orFail(batch, errors);
  }

  /**
   * Any JSON request body of the API, read by {@link HardenedJson}; what it refuses is a 400. A key
   * named twice is reported as that field ({@code requests[0].useType: appears twice}).
   */
  static JsonValue document(byte[] body) {
    try {
      return HardenedJson.read(body);
    } catch (DuplicateKeyException e) {
      throw new InvalidRequestException(
          "The body names " + e.where() + " twice; each field may appear once.",
          List.of(new FieldError(e.where(), e.what())));
    } catch (MalformedTextException e) {
      throw new InvalidRequestException(
          "The body is not JSON Stave can read: " + e.getMessage(),
          List.of(new FieldError("body", e.getMessage())));
    }
  }

  private static DecisionRequestBody request(
      JsonValue value, String path, List<FieldError> errors) {
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      errors.add(
          new FieldError(
              path.isEmpty() ? "body" : path, "must be a JSON object, not " + describe(value)));
      return null;
    }
    JsonObject object = value.asJsonObject();
    String prefix = path.isEmpty() ? "" : path + ".";
    onlyFields(object, REQUEST_FIELDS, prefix, "a decision request", errors);
    DecisionRequestBody request = new DecisionRequestBody();
    request.requestId = string(object, "requestId", prefix, errors);
    request.feature = string(object, "feature", prefix, errors);
    request.useType = string(object, "useType", prefix, errors);
    request.isrc = string(object, "isrc", prefix, errors);
    request.territory = string(object, "territory", prefix, errors);
    request.at = string(object, "at", prefix, errors);
    request.context = context(object, prefix, errors);
    request.policyVersion = wholeNumber(object, "policyVersion", prefix, errors);
    return request;
  }

  /**
   * Adds an error for every field of {@code object} that is not one of {@code fields}: a misspelt
   * optional field ("atribution", "lst", "policyVerison") must not be dropped as if it were absent.
   */
  static void onlyFields(
      JsonObject object, List<String> fields, String prefix, String what, List<FieldError> errors) {
    for (String name : object.keySet()) {
      if (!fields.contains(name)) {
        errors.add(
            new FieldError(
                prefix + name,
                "is not a field of "
                    + what
                    + "; its fields are "
                    + String.join(", ", fields)
                    + " (names are case-sensitive)"));
      }
    }
  }

  private static String string(
      JsonObject object, String name, String prefix, List<FieldError> errors) {
    JsonValue value = object.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonString text) {
      return text.getString();
    }
    errors.add(new FieldError(prefix + name, "must be a string, not " + describe(value)));
    return null;
  }

  private static Long wholeNumber(
      JsonObject object, String name, String prefix, List<FieldError> errors) {
    JsonValue value = object.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonNumber number && number.isIntegral()) {
      try {
        return number.bigIntegerValueExact().longValueExact();
      } catch (ArithmeticException e) {
        errors.add(
            new FieldError(prefix + name, "is " + number + ", too large for a version number"));
        return null;
      }
    }
    errors.add(new FieldError(prefix + name, "must be a whole number, not " + describe(value)));
    return null;
  }

  private static Map<String, String> context(
      JsonObject object, String prefix, List<FieldError> errors) {
    JsonValue value = object.get("context");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      errors.add(
          new FieldError(
              prefix + "context", "must be an object of strings, not " + describe(value)));
      return null;
    }
    Map<String, String> context = new LinkedHashMap<>();
    value
        .asJsonObject()
        .forEach(
            (key, entry) -> {
              if (entry instanceof JsonString text) {
                context.put(key, text.getString());
              } else if (entry.getValueType() == JsonValue.ValueType.NULL) {
                context.put(key, null);
              } else {
                errors.add(
                    new FieldError(
                        prefix + "context." + key, "must be a string, not " + describe(entry)));
              }
            });
    return context;
  }

  private static <T> T orFail(T value, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(
          "The body has fields of the wrong JSON type or fields a decision request does not have.",
          errors);
    }
    return value;
  }

  static String describe(JsonValue value) {
    return switch (value.getValueType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case TRUE, FALSE -> "a boolean";
      case NULL -> "null";
    };
  }
}
