package io.stave.interfaces.rest;

import io.stave.application.revenue.UsageEvent;
import io.stave.application.revenue.UsageReceipt;
import io.stave.interfaces.rest.problem.FieldError;
import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Money;
import io.stave.rules.domain.UsageUnit;
import io.stave.rules.domain.UseType;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Usage events from JSON, field by field: every bad field is reported with its path ({@code
 * events[3].quantity}), so a client fixes a batch in one round trip; and receipts back to JSON.
 */
final class UsageJson {
  private UsageJson() {}

  /** The fields of a usage event (docs/revenue.md); names are case-sensitive. */
  static final List<String> FIELDS =
      List.of(
          "eventId",
          "decisionId",
          "feature",
          "useType",
          "isrc",
          "unit",
          "quantity",
          "amount",
          "currency",
          "attribution",
          "from",
          "to");

  static UsageEvent event(JsonValue value, String path, List<FieldError> errors) {
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      errors.add(new FieldError(path.isEmpty() ? "body" : path, "must be a JSON object"));
      return null;
    }
    JsonObject o = value.asJsonObject();
    int before = errors.size();
    // a misspelt optional field ("atribution", "ammount") was dropped and the event booked
    JsonRequests.onlyFields(o, FIELDS, path, "a usage event", errors);
    String eventId = text(o, path, "eventId", true, errors);
    String decisionId = text(o, path, "decisionId", true, errors);
    String feature = text(o, path, "feature", false, errors);
    UseType useType =
        choice(o, path, "useType", errors, UseType::valueOf, Arrays.toString(UseType.values()));
    Isrc isrc = null;
    String isrcText = text(o, path, "isrc", true, errors);
    if (isrcText != null) {
      try {
        isrc = Isrc.of(isrcText);
      } catch (InvalidValueException e) {
        errors.add(new FieldError(path + "isrc", e.problem()));
      }
    }
    UsageUnit unit =
        choice(o, path, "unit", errors, UsageUnit::valueOf, Arrays.toString(UsageUnit.values()));
    Long quantity = null;
    JsonValue q = o.get("quantity");
    if (q == null || q.getValueType() == JsonValue.ValueType.NULL) {
      errors.add(new FieldError(path + "quantity", "is required"));
    } else if (q.getValueType() != JsonValue.ValueType.NUMBER
        || !((JsonNumber) q).isIntegral()
        || ((JsonNumber) q).bigDecimalValue().signum() < 0
        || ((JsonNumber) q).bigDecimalValue().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      errors.add(new FieldError(path + "quantity", "must be a whole number ≥ 0"));
    } else {
      quantity = ((JsonNumber) q).longValue();
    }
    Money amount = null;
    String amountText = decimal(o, path, "amount", errors);
    String currency = text(o, path, "currency", false, errors);
    if (amountText != null) {
      if (currency == null) {
        errors.add(new FieldError(path + "currency", "is required with an amount"));
      } else {
        try {
          amount = Money.of(amountText, currency);
        } catch (InvalidValueException e) {
          errors.add(new FieldError(path + e.field(), e.problem()));
        }
      }
    } else if (currency != null && !given(o, "amount")) {
      errors.add(new FieldError(path + "amount", "is required with a currency"));
    }
    BigDecimal attribution = null;
    String attributionText = decimal(o, path, "attribution", errors);
    if (attributionText != null) {
      attribution = new BigDecimal(attributionText);
      if (attribution.signum() < 0
          || attribution.compareTo(BigDecimal.ONE) > 0
          || attribution.stripTrailingZeros().scale() > 6) {
        errors.add(
            new FieldError(
                path + "attribution", "must be a score from 0 to 1, at most 6 decimals"));
      }
    }
    Instant from = instant(o, path, "from", true, errors);
    Instant to = instant(o, path, "to", false, errors);
    if (from != null && to != null && to.isBefore(from)) {
      errors.add(new FieldError(path + "to", "is before from"));
    }
    if (errors.size() > before) {
      return null;
    }
    return new UsageEvent(
        eventId,
        decisionId,
        feature,
        useType,
        isrc,
        unit,
        quantity,
        amount,
        attribution,
        from,
        to == null ? from : to);
  }

  private static boolean given(JsonObject o, String name) {
    JsonValue v = o.get(name);
    return v != null && v.getValueType() != JsonValue.ValueType.NULL;
  }

  private static String text(
      JsonObject o, String path, String name, boolean required, List<FieldError> errors) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      if (required) {
        errors.add(new FieldError(path + name, "is required"));
      }
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.STRING) {
      errors.add(new FieldError(path + name, "must be a string"));
      return null;
    }
    String s = ((JsonString) v).getString().trim();
    if (s.isEmpty() || s.length() > 200) {
      errors.add(new FieldError(path + name, "must be 1 to 200 characters"));
      return null;
    }
    return s;
  }

  /** A decimal as a string or a JSON number, kept as its text so no digit is lost. */
  private static String decimal(JsonObject o, String path, String name, List<FieldError> errors) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    String text =
        switch (v.getValueType()) {
          case NUMBER -> ((JsonNumber) v).bigDecimalValue().toPlainString();
          case STRING -> ((JsonString) v).getString().trim();
          default -> null;
        };
    try {
      if (text == null || new BigDecimal(text).signum() < 0) {
        throw new NumberFormatException();
      }
      return text;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(path + name, "must be a decimal number ≥ 0, e.g. \"12.34\""));
      return null;
    }
  }

  private static <T> T choice(
      JsonObject o,
      String path,
      String name,
      List<FieldError> errors,
      java.util.function.Function<String, T> parse,
      String allowed) {
    String text = text(o, path, name, true, errors);
    if (text == null) {
      return null;
    }
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(path + name, "'" + text + "' is not one of " + allowed));
      return null;
    }
  }

  private static Instant instant(
      JsonObject o, String path, String name, boolean required, List<FieldError> errors) {
    String text = text(o, path, name, required, errors);
    if (text == null) {
      return null;
    }
    try {
      return RequestTimes.instant(name, text);
    } catch (InvalidValueException e) {
      errors.add(new FieldError(path + name, e.problem()));
      return null;
    }
  }

  static JsonObject receipt(UsageReceipt receipt) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("eventId", receipt.eventId())
            .add("status", receipt.status().name());
    if (receipt.period() != null) {
      json.add("period", receipt.period());
    }
    if (receipt.reason() != null) {
      json.add("reason", receipt.reason());
    }
    if (receipt.message() != null) {
      json.add("message", receipt.message());
    }
    return json.build();
  }

  static JsonObject receipts(List<UsageReceipt> receipts) {
    JsonArrayBuilder results = Json.createArrayBuilder();
    receipts.forEach(r -> results.add(receipt(r)));
    long accepted =
        receipts.stream().filter(r -> r.status() == UsageReceipt.Status.ACCEPTED).count();
    long duplicates =
        receipts.stream().filter(r -> r.status() == UsageReceipt.Status.DUPLICATE).count();
    return Json.createObjectBuilder()
        .add("accepted", accepted)
        .add("duplicates", duplicates)
        .add("rejected", receipts.size() - accepted - duplicates)
        .add("results", results)
        .build();
  }
}
