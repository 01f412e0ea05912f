package io.stave.routes.tabular;

import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedRejectedException;
import io.stave.routes.text.HardenedJson;
import io.stave.routes.text.MalformedTextException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The records of a JSON feed message: {@code {"<listName>": [ {...}, ... ]}} or a bare array.
 * Values are strings (percents may also be numbers); anything else is a problem naming its JSON
 * path, never converted to text. The bytes are read by {@link HardenedJson}: strict UTF-8, at most
 * {@value HardenedJson#MAX_DEPTH} levels.
 */
public final class JsonRecords {
  private JsonRecords() {}

  public record JsonRecord(String path, JsonObject object) implements FeedRecord {
    @Override
    public String get(String field) {
      JsonValue value = present(field);
      if (value == null) {
        return null;
      }
      if (!(value instanceof JsonString text)) {
        throw new FieldProblem(
            new FeedProblem(where(field), "must be a string, not " + describe(value)));
      }
      return text.getString().isBlank() ? null : text.getString().trim();
    }

    @Override
    public String decimal(String field) {
      JsonValue value = present(field);
      if (value instanceof JsonNumber number) {
        // The decimal as written (49.99, 1E+2), never a binary double's approximation of it.
        return number.bigDecimalValue().toString();
      }
      if (value == null || value instanceof JsonString) {
        return get(field);
      }
      throw new FieldProblem(
          new FeedProblem(where(field), "must be a number or a string, not " + describe(value)));
    }

    private JsonValue present(String field) {
      JsonValue value = object.get(field);
      return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    @Override
    public String where(String field) {
      return path + "." + field;
    }

    public JsonArray array(String field) {
      JsonValue value = object.get(field);
      if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
        throw new FeedRejectedException(new FeedProblem(where(field), "must be an array"));
      }
      return value.asJsonArray();
    }
  }

  private static String describe(JsonValue value) {
    return switch (value.getValueType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number (" + value + ")";
      case TRUE, FALSE -> "a boolean (" + value + ")";
      case NULL -> "null";
    };
  }

  public static List<JsonRecord> read(byte[] json, String listName) {
    JsonValue document;
    try {
      document = HardenedJson.read(json);
    } catch (MalformedTextException e) {
      throw new FeedRejectedException(new FeedProblem(e.where(), e.what()));
    }
    String expected = "expected {\"" + listName + "\": [ {...}, ... ]} or a bare array of objects";
    if (document.getValueType() == JsonValue.ValueType.ARRAY) {
      return objects(document.asJsonArray(), listName);
    }
    if (document.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new FeedRejectedException(
          new FeedProblem(
              "message",
              "is a JSON "
                  + document.getValueType().name().toLowerCase(Locale.ROOT)
                  + "; "
                  + expected));
    }
    JsonValue items = document.asJsonObject().get(listName);
    if (items == null) {
      throw new FeedRejectedException(new FeedProblem(listName, "is missing: " + expected));
    }
    if (items.getValueType() != JsonValue.ValueType.ARRAY) {
      throw new FeedRejectedException(
          new FeedProblem(listName, "must be an array, not " + items.getValueType()));
    }
    return objects(items.asJsonArray(), listName);
  }

  public static List<JsonRecord> objects(JsonArray items, String path) {
    List<JsonRecord> records = new ArrayList<>();
    List<FeedProblem> problems = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonValue item = items.get(i);
      if (item.getValueType() != JsonValue.ValueType.OBJECT) {
        problems.add(new FeedProblem(path + "[" + i + "]", "must be an object"));
      } else {
        records.add(new JsonRecord(path + "[" + i + "]", item.asJsonObject()));
      }
    }
    if (!problems.isEmpty()) {
      throw new FeedRejectedException(problems);
    }
    if (records.isEmpty()) {
      throw new FeedRejectedException(new FeedProblem(path, "is empty"));
    }
    return records;
  }
}
