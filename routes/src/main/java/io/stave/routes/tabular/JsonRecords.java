package io.stave.routes.tabular;

import io.stave.routes.feed.FeedRejectedException;
import io.stave.routes.feed.Problem;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a JSON feed message: {@code {"<listName>": [ {...}, ... ]}} or a bare array.
 * Values may be strings or numbers; anything else is a problem naming its JSON path.
 */
public final class JsonRecords {
  private static final JsonProvider JSON = JsonProvider.provider();

  private JsonRecords() {}

  public record JsonRecord(String path, JsonObject object) implements FeedRecord {
    @Override
    public String get(String field) {
      JsonValue value = object.get(field);
      if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
        return null;
      }
      String text = switch (value.getValueType()) {
        case STRING -> ((JsonString) value).getString();
        case NUMBER, TRUE, FALSE -> value.toString();
        default -> throw new FeedRejectedException(new Problem(where(field), "must be a string, not " + value.getValueType()));
      };
      return text.isBlank() ? null : text.trim();
    }

    @Override
    public String where(String field) {
      return path + "." + field;
    }

    public JsonArray array(String field) {
      JsonValue value = object.get(field);
      if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
        throw new FeedRejectedException(new Problem(where(field), "must be an array"));
      }
      return value.asJsonArray();
    }
  }

  public static List<JsonRecord> read(byte[] json, String listName) {
    JsonStructure document;
    try (var reader = JSON.createReader(new ByteArrayInputStream(json))) {
      document = reader.read();
    } catch (JsonParsingException e) {
      var at = e.getLocation();
      throw new FeedRejectedException(new Problem(
          at == null ? "message" : "line " + at.getLineNumber() + ", column " + at.getColumnNumber(),
          "is not valid JSON: " + e.getMessage()));
    } catch (JsonException e) {
      throw new FeedRejectedException(new Problem("message", "is not valid JSON: " + e.getMessage()));
    }
    JsonArray items;
    if (document.getValueType() == JsonValue.ValueType.ARRAY) {
      items = document.asJsonArray();
    } else if (document.asJsonObject().get(listName) instanceof JsonArray array) {
      items = array;
    } else {
      throw new FeedRejectedException(new Problem(listName, "is missing: expected {\"" + listName + "\": [ ... ]}"));
    }
    return objects(items, listName);
  }

  public static List<JsonRecord> objects(JsonArray items, String path) {
    List<JsonRecord> records = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonValue item = items.get(i);
      if (item.getValueType() != JsonValue.ValueType.OBJECT) {
        problems.add(new Problem(path + "[" + i + "]", "must be an object"));
      } else {
        records.add(new JsonRecord(path + "[" + i + "]", item.asJsonObject()));
      }
    }
    if (!problems.isEmpty()) {
      throw new FeedRejectedException(problems);
    }
    if (records.isEmpty()) {
      throw new FeedRejectedException(new Problem(path, "is empty"));
    }
    return records;
  }
}
