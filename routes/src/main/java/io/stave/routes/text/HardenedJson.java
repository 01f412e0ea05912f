package io.stave.routes.text;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * The one place Stave reads untrusted JSON (feed messages, API request bodies): strict UTF-8, then
 * a streaming parse that builds the document without recursion and refuses nesting deeper than
 * {@link #MAX_DEPTH}, naming the line and column. A reader's own {@code read()} recurses once per
 * level; Parsson stops at 1,000 levels with a bare {@code RuntimeException} that reached clients as
 * a 500, and a parser without such a limit would overflow the stack. Parsson's other guards
 * (numbers of more than 1,100 characters, huge exponents) are reported the same way.
 *
 * <p>A key that appears twice in one object is refused ({@link DuplicateKeyException}, naming its
 * path): Parsson keeps the last value, another reader (a gateway, an auditor's tool) may keep the
 * first, and {@code {"useType":"AI_TRAINING","useType":"AI_CURATION"}} must not mean one thing to
 * the check in front of Stave and another to Stave.
 */
public final class HardenedJson {
  /** Far deeper than any Stave document (feeds nest 4 levels, decision requests 3). */
  public static final int MAX_DEPTH = 64;

  private static final JsonProvider JSON = JsonProvider.provider();

  private HardenedJson() {}

  /** The document in {@code utf8}, or a {@link MalformedTextException} saying where and what. */
  public static JsonValue read(byte[] utf8) {
    return read(StrictUtf8.decode(utf8));
  }

  /** The document in {@code text}, or a {@link MalformedTextException} saying where and what. */
  public static JsonValue read(String text) {
    if (text.isBlank()) {
      throw new MalformedTextException("line 1, column 1", "is empty; expected a JSON document");
    }
    Deque<Open> open = new ArrayDeque<>();
    String key = null;
    JsonValue document = null;
    JsonParser parser = JSON.createParser(new StringReader(text));
    try (parser) {
      while (parser.hasNext()) {
        JsonParser.Event event = parser.next();
        switch (event) {
          case START_OBJECT, START_ARRAY -> {
            if (open.size() >= MAX_DEPTH) {
              // The parser's location is just past the bracket; name the bracket itself.
              JsonLocation after = parser.getLocation();
              throw new MalformedTextException(
                  "line " + after.getLineNumber() + ", column " + (after.getColumnNumber() - 1),
                  "nests deeper than " + MAX_DEPTH + " levels of objects and arrays");
            }
            open.push(new Open(event == JsonParser.Event.START_OBJECT, key));
            key = null;
          }
          case KEY_NAME -> {
            key = parser.getString();
            if (!open.peek().keys.add(key)) {
              throw new DuplicateKeyException(
                  path(open, key), "appears twice (again at " + at(parser.getLocation()) + ")");
            }
          }
          case END_OBJECT, END_ARRAY -> {
            Open closed = open.pop();
            JsonValue value = closed.build();
            if (open.isEmpty()) {
              document = value;
            } else {
              open.peek().add(closed.under, value);
            }
          }
          default -> {
            JsonValue value = parser.getValue();
            if (open.isEmpty()) {
              document = value;
            } else {
              open.peek().add(key, value);
              key = null;
            }
          }
        }
      }
    } catch (JsonParsingException e) {
      throw new MalformedTextException(
          at(e.getLocation()), "is not valid JSON: " + firstSentence(e.getMessage()));
    } catch (JsonException e) {
      throw new MalformedTextException(
          "message", "is not valid JSON: " + firstSentence(e.getMessage()));
    } catch (MalformedTextException e) {
      throw e;
    } catch (RuntimeException e) {
      // Parsson's own guards (a number of more than 1,100 digits, an exponent beyond 100,000, its
      // depth limit) throw plain runtime exceptions; they are still about the input.
      throw new MalformedTextException(
          at(parser.getLocation()), "cannot be read: " + firstSentence(e.getMessage()));
    }
    return document;
  }

  /**
   * Where {@code key} of the innermost open object sits, as the API names fields: {@code
   * requests[0].useType}, {@code consents[2].artist}, {@code context.tier}.
   */
  private static String path(Deque<Open> open, String key) {
    StringBuilder path = new StringBuilder();
    Open parent = null;
    for (Iterator<Open> outward = open.descendingIterator(); outward.hasNext(); ) {
      Open child = outward.next();
      if (parent != null && parent.keys != null) {
        path.append(path.isEmpty() ? "" : ".").append(child.under);
      } else if (parent != null) {
        path.append('[').append(parent.size).append(']');
      }
      parent = child;
    }
    return (path.isEmpty() ? path : path.append('.')).append(key).toString();
  }

  /** An object or array being read, with what it holds so far. */
  private static final class Open {
    final String under; // the key this object or array is added under in its parent object
    final Set<String> keys; // null for an array
    final JsonObjectBuilder objectBuilder;
    final JsonArrayBuilder arrayBuilder;
    int size;

    Open(boolean object, String under) {
      this.under = under;
      this.keys = object ? new HashSet<>() : null;
      this.objectBuilder = object ? JSON.createObjectBuilder() : null;
      this.arrayBuilder = object ? null : JSON.createArrayBuilder();
    }

    void add(String key, JsonValue value) {
      if (objectBuilder != null) {
        objectBuilder.add(key, value);
      } else {
        arrayBuilder.add(value);
      }
      size++;
    }

    JsonValue build() {
      return objectBuilder != null ? objectBuilder.build() : arrayBuilder.build();
    }
  }

  private static String at(JsonLocation location) {
    return location == null
        ? "message"
        : "line " + location.getLineNumber() + ", column " + location.getColumnNumber();
  }

  private static String firstSentence(String message) {
    if (message == null) {
      return "unreadable";
    }
    // Parsson appends its own "at (line no=1, column no=3, offset=2)"; the position is said
    // already.
    return message.replaceFirst("\\s*at \\(line no=.*$", "").strip();
  }
}
