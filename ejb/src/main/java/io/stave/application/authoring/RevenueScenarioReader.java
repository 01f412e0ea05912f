package io.stave.application.authoring;

import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Money;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UsageLine;
import io.stave.rules.domain.UsageUnit;
import io.stave.rules.domain.UseType;
import io.stave.rules.revenue.Statement;
import io.stave.rules.revenue.Statements;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads revenue scenarios out of a scenario file's JSON into {@link RevenueScenarios.Scenario}s; a
 * bad field is refused naming the file and the field ({@code scenarios[0].usage[2].unit}).
 */
final class RevenueScenarioReader {
  /** The statement fields a payee expectation may state. */
  private static final Set<String> PAYEE_FIELDS =
      Set.of("earnings", "payout", "closing", "reserveHeld");

  private RevenueScenarioReader() {}

  /** Reads one revenue scenario; a bad field is an {@link InvalidValueException} naming it. */
  static RevenueScenarios.Scenario read(String file, String name, JsonObject json) {
    YearMonth period = period(json);
    JsonObject given = object(json, "given");
    List<SplitSheet> sheets = new ArrayList<>();
    List<JsonObject> sheetList = objects(given, "given.splitSheets");
    for (int i = 0; i < sheetList.size(); i++) {
      sheets.add(splitSheet("given.splitSheets[" + i + "]", sheetList.get(i)));
    }
    Map<String, Statements.Previous> balances = new LinkedHashMap<>();
    List<JsonObject> balanceList = objects(given, "given.balances");
    for (int i = 0; i < balanceList.size(); i++) {
      String at = "given.balances[" + i + "]";
      JsonObject balance = balanceList.get(i);
      balances.put(
          text(balance, "party", at + ".party"),
          new Statements.Previous(
              minorUnits(balance, "closing", at + ".closing", 0L),
              minorUnits(balance, "reserveHeld", at + ".reserveHeld", 0L)));
    }
    Map<Currency, Statement.Rate> rates = new LinkedHashMap<>();
    List<JsonObject> rateList = objects(given, "given.rates");
    for (int i = 0; i < rateList.size(); i++) {
      String at = "given.rates[" + i + "]";
      JsonObject rate = rateList.get(i);
      Currency from = currency(text(rate, "from", at + ".from"), at + ".from");
      Currency to = currency(text(rate, "to", at + ".to"), at + ".to");
      BigDecimal value = decimal(text(rate, "rate", at + ".rate"), at + ".rate");
      rates.put(from, new Statement.Rate(from, to, value, period.atEndOfMonth()));
    }
    List<JsonObject> usageList = objects(json, "usage");
    if (usageList.isEmpty() && json.get("usage") == null) {
      throw new InvalidValueException("usage", "is required: the usage lines of the period");
    }
    List<UsageLine> usage = new ArrayList<>();
    for (int i = 0; i < usageList.size(); i++) {
      usage.add(line(file, name, i, usageList.get(i), sheets));
    }
    JsonObject expect = json.getJsonObject("expect");
    if (expect == null) {
      throw new InvalidValueException(
          "expect",
          "is required: {\"payees\": {party: minor units}, \"models\": {model: minor units}}"
              + " or {\"error\": \"…\"}");
    }
    Map<String, Map<String, Long>> payees = new TreeMap<>();
    JsonObject payeeJson = object(expect, "expect.payees");
    for (Map.Entry<String, JsonValue> payee : payeeJson.entrySet()) {
      String at = "expect.payees." + payee.getKey();
      Map<String, Long> fields = new TreeMap<>();
      if (payee.getValue() instanceof JsonNumber) {
        fields.put("earnings", minorUnits(payeeJson, payee.getKey(), at, null));
      } else if (payee.getValue() instanceof JsonObject object) {
        for (String field : object.keySet()) {
          if (!PAYEE_FIELDS.contains(field)) {
            throw new InvalidValueException(
                at + "." + field, "is not one of " + new TreeSet<>(PAYEE_FIELDS));
          }
          fields.put(field, minorUnits(object, field, at + "." + field, null));
        }
      } else {
        throw new InvalidValueException(
            at,
            "must be the payee's earnings in minor units, or an object of "
                + new TreeSet<>(PAYEE_FIELDS));
      }
      payees.put(payee.getKey(), fields);
    }
    Map<String, Long> models = new TreeMap<>();
    JsonObject modelJson = object(expect, "expect.models");
    for (String model : modelJson.keySet()) {
      models.put(model, minorUnits(modelJson, model, "expect.models." + model, null));
    }
    String error =
        expect.containsKey("error") ? text(expect, "error", "expect.error") : (String) null;
    if (error == null && payees.isEmpty() && models.isEmpty()) {
      throw new InvalidValueException(
          "expect", "states nothing: give \"payees\", \"models\" or the \"error\" a close meets");
    }
    return new RevenueScenarios.Scenario(
        file, name, period, usage, balances, rates, payees, models, error);
  }

  private static UsageLine line(
      String file, String name, int index, JsonObject json, List<SplitSheet> sheets) {
    String at = "usage[" + index + "]";
    UseType use =
        field(at + ".useType", () -> UseType.parse("useType", json.getString("useType", null)));
    Isrc isrc = field(at + ".isrc", () -> Isrc.of(json.getString("isrc", null)));
    Territory territory =
        field(at + ".territory", () -> Territory.of(text(json, "territory", "territory")));
    UsageUnit unit =
        field(
            at + ".unit",
            () -> {
              String value = text(json, "unit", "unit");
              try {
                return UsageUnit.valueOf(value);
              } catch (IllegalArgumentException e) {
                throw new InvalidValueException(
                    "unit",
                    "'"
                        + value
                        + "' is not one of "
                        + java.util.Arrays.toString(UsageUnit.values()));
              }
            });
    long quantity = minorUnits(json, "quantity", at + ".quantity", null);
    Money amount = amountOrNull(json, at);
    BigDecimal attribution =
        json.containsKey("attribution")
            ? decimal(text(json, "attribution", at + ".attribution"), at + ".attribution")
            : null;
    SplitSheet split =
        sheets.stream()
            .filter(s -> s.getIsrc().equals(isrc) && s.getUseType().equals(Optional.of(use)))
            .findFirst()
            .or(
                () ->
                    sheets.stream()
                        .filter(s -> s.getIsrc().equals(isrc) && s.getUseType().isEmpty())
                        .findFirst())
            .orElseThrow(
                () ->
                    new InvalidValueException(
                        at + ".isrc",
                        "no split sheet in given.splitSheets names who is paid for "
                            + isrc.code()
                            + " ("
                            + use
                            + ")"));
    BigDecimal score = attribution;
    return field(
        at,
        () ->
            new UsageLine(
                file + "#" + name + "#" + index,
                "scenario-decision-" + index,
                json.getString("feature", null),
                use,
                isrc,
                territory,
                unit,
                quantity,
                amount,
                score,
                split));
  }

  private static Money amountOrNull(JsonObject json, String at) {
    if (!json.containsKey("amount")) {
      return null;
    }
    String currency = json.getString("currency", null);
    if (currency == null) {
      throw new InvalidValueException(
          at + ".currency", "is required with an amount (an ISO 4217 code such as EUR)");
    }
    return field(at + ".amount", () -> Money.of(text(json, "amount", "amount"), currency));
  }

  private static SplitSheet splitSheet(String at, JsonObject json) {
    Isrc isrc = field(at + ".isrc", () -> Isrc.of(json.getString("isrc", null)));
    String useText = json.getString("useType", null);
    UseType use =
        useText == null ? null : field(at + ".useType", () -> UseType.parse("useType", useText));
    List<Share> shares = new ArrayList<>();
    List<JsonObject> list = objects(json, at + ".shares");
    for (int i = 0; i < list.size(); i++) {
      String where = at + ".shares[" + i + "]";
      JsonObject share = list.get(i);
      shares.add(
          new Share(
              text(share, "party", where + ".party"),
              text(share, "role", where + ".role"),
              field(where + ".percent", () -> Percent.of(text(share, "percent", "percent")))));
    }
    return field(
        at,
        () ->
            new SplitSheet(
                "scenario-split:" + isrc.code() + ":" + (use == null ? "*" : use),
                isrc,
                use,
                shares));
  }

  private static YearMonth period(JsonObject json) {
    String text = json.getString("period", null);
    if (text == null) {
      throw new InvalidValueException("period", "is required (the month closed, e.g. 2026-03)");
    }
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidValueException("period", "'" + text + "' is not a month such as 2026-03");
    }
  }

  /** Runs {@code read}; a domain refusal is re-thrown naming {@code at}, the scenario's field. */
  private static <T> T field(String at, Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidValueException e) {
      throw new InvalidValueException(at, e.problem());
    } catch (ClassCastException e) {
      throw new InvalidValueException(at, "has the wrong JSON type");
    }
  }

  /**
   * The object under the last part of {@code at} ("given.balances" reads "balances"), empty when
   * absent.
   */
  private static JsonObject object(JsonObject json, String at) {
    String key = at.substring(at.lastIndexOf('.') + 1);
    JsonValue value = json.get(key);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    if (!(value instanceof JsonObject object)) {
      throw new InvalidValueException(at, "must be a JSON object");
    }
    return object;
  }

  private static List<JsonObject> objects(JsonObject json, String at) {
    String key = at.substring(at.lastIndexOf('.') + 1);
    JsonValue value = json.get(key);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    if (value.getValueType() != JsonValue.ValueType.ARRAY) {
      throw new InvalidValueException(at, "must be an array of objects");
    }
    List<JsonObject> objects = new ArrayList<>();
    var array = value.asJsonArray();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof JsonObject object)) {
        throw new InvalidValueException(at + "[" + i + "]", "must be a JSON object");
      }
      objects.add(object);
    }
    return objects;
  }

  private static String text(JsonObject json, String key, String at) {
    JsonValue value = json.get(key);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      throw new InvalidValueException(at, "is required");
    }
    if (!(value instanceof JsonString text)) {
      throw new InvalidValueException(at, "must be a string");
    }
    return text.getString();
  }

  /** A whole number ≥ 0 (or any whole number for balances); {@code fallback} when absent. */
  private static long minorUnits(JsonObject json, String key, String at, Long fallback) {
    JsonValue value = json.get(key);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      if (fallback == null) {
        throw new InvalidValueException(at, "is required (a whole number)");
      }
      return fallback;
    }
    if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
      throw new InvalidValueException(at, "must be a whole number (minor units: 1.00 EUR is 100)");
    }
    try {
      return number.longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidValueException(at, "is too large");
    }
  }

  private static BigDecimal decimal(String text, String at) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new InvalidValueException(at, "'" + text + "' is not a decimal number");
    }
  }

  private static Currency currency(String code, String at) {
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(at, "'" + code + "' is not an ISO 4217 code");
    }
  }
}
