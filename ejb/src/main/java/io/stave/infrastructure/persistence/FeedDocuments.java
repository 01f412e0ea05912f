package io.stave.infrastructure.persistence;

import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.IngestedParty;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON documents the feed tables keep: a party's identifiers, a message's problems and
 * warnings.
 */
public final class FeedDocuments {
  private static final JsonProvider JSON = JsonProvider.provider();

  private FeedDocuments() {}

  public static String identifiers(IngestedParty party) {
    JsonObjectBuilder object = JSON.createObjectBuilder();
    party.identifiers().forEach(object::add);
    return object.build().toString();
  }

  public static Map<String, String> identifiers(String json) {
    Map<String, String> identifiers = new LinkedHashMap<>();
    try (var reader = JSON.createReader(new StringReader(json))) {
      JsonObject object = reader.readObject();
      object.forEach((key, value) -> identifiers.put(key, object.getString(key)));
    }
    return identifiers;
  }

  public static String problems(List<FeedProblem> problems) {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    problems.forEach(
        p -> array.add(JSON.createObjectBuilder().add("where", p.where()).add("what", p.what())));
    return array.build().toString();
  }

  public static List<FeedProblem> problems(String json) {
    List<FeedProblem> problems = new ArrayList<>();
    if (json == null || json.isBlank()) {
      return problems;
    }
    try (var reader = JSON.createReader(new StringReader(json))) {
      JsonArray array = reader.readArray();
      array
          .getValuesAs(JsonObject.class)
          .forEach(o -> problems.add(new FeedProblem(o.getString("where"), o.getString("what"))));
    }
    return problems;
  }
}
