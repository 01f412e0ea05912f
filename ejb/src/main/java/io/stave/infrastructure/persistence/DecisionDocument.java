package io.stave.infrastructure.persistence;

import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Obligation;
import io.stave.rules.domain.ObligationType;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Reason;
import io.stave.rules.domain.ReasonCode;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.domain.Verdict;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decision as a JSON document in the log, complete enough to rebuild the same {@link Decision}
 * when an auditor reads it back.
 */
public final class DecisionDocument {
  /**
   * Looked up once: {@code Json.createObjectBuilder()} runs a service-loader scan on every call,
   * which in WildFly's module class loader cost milliseconds per decision written.
   */
  private static final JsonProvider JSON = JsonProvider.provider();

  private DecisionDocument() {}

  public static String write(Decision decision) {
    DecisionRequest request = decision.request();
    JsonObjectBuilder requestJson =
        JSON.createObjectBuilder()
            .add("useType", request.getUseType().name())
            .add("isrc", request.getIsrc().code())
            .add("territory", request.getTerritory().code())
            .add("at", request.getAt().toString())
            .add("context", strings(request.getContext()));
    optional(requestJson, "requestId", request.getRequestId());
    optional(requestJson, "feature", request.getFeature());

    JsonArrayBuilder reasons = JSON.createArrayBuilder();
    for (Reason reason : decision.reasons()) {
      reasons.add(
          JSON.createObjectBuilder()
              .add("code", reason.code().name())
              .add("rule", reason.rule())
              .add("message", reason.message()));
    }
    JsonArrayBuilder obligations = JSON.createArrayBuilder();
    for (Obligation obligation : decision.obligations()) {
      obligations.add(
          JSON.createObjectBuilder()
              .add("type", obligation.type().name())
              .add("attributes", strings(obligation.attributes())));
    }
    JsonArrayBuilder artists = JSON.createArrayBuilder();
    decision.mainArtistIds().forEach(artists::add);

    JsonObjectBuilder document =
        JSON.createObjectBuilder()
            .add("decisionId", decision.decisionId())
            .add("request", requestJson)
            .add("verdict", decision.verdict().name())
            .add("reasons", reasons)
            .add("obligations", obligations)
            .add("mainArtistIds", artists)
            .add("policyVersion", decision.policyVersion())
            .add("evaluatedAt", decision.evaluatedAt().toString())
            .add("evaluationNanos", decision.evaluationNanos());
    if (decision.split() != null) {
      SplitSheet split = decision.split();
      JsonArrayBuilder shares = JSON.createArrayBuilder();
      for (Share share : split.getShares()) {
        shares.add(
            JSON.createObjectBuilder()
                .add("partyId", share.partyId())
                .add("role", share.role())
                .add("percent", share.percent().toString()));
      }
      JsonObjectBuilder splitJson =
          JSON.createObjectBuilder()
              .add("splitId", split.getSplitId())
              .add("isrc", split.getIsrc().code())
              .add("shares", shares);
      split.getUseType().ifPresent(u -> splitJson.add("useType", u.name()));
      document.add("split", splitJson);
    }
    return document.build().toString();
  }

  public static Decision read(String text) {
    JsonObject json = JSON.createReader(new StringReader(text)).readObject();
    JsonObject request = json.getJsonObject("request");
    DecisionRequest decisionRequest =
        new DecisionRequest(
            request.getString("requestId", null),
            request.getString("feature", null),
            UseType.valueOf(request.getString("useType")),
            Isrc.of(request.getString("isrc")),
            Territory.of(request.getString("territory")),
            Instant.parse(request.getString("at")),
            strings(request.getJsonObject("context")));
    List<Reason> reasons = new ArrayList<>();
    for (JsonObject reason : json.getJsonArray("reasons").getValuesAs(JsonObject.class)) {
      reasons.add(
          new Reason(
              ReasonCode.valueOf(reason.getString("code")),
              reason.getString("rule"),
              reason.getString("message")));
    }
    List<Obligation> obligations = new ArrayList<>();
    for (JsonObject obligation : json.getJsonArray("obligations").getValuesAs(JsonObject.class)) {
      obligations.add(
          new Obligation(
              ObligationType.valueOf(obligation.getString("type")),
              strings(obligation.getJsonObject("attributes"))));
    }
    List<String> artists =
        json.getJsonArray("mainArtistIds").getValuesAs(JsonString.class).stream()
            .map(JsonString::getString)
            .toList();
    SplitSheet split = null;
    if (json.containsKey("split")) {
      JsonObject splitJson = json.getJsonObject("split");
      List<Share> shares = new ArrayList<>();
      for (JsonObject share : splitJson.getJsonArray("shares").getValuesAs(JsonObject.class)) {
        shares.add(
            new Share(
                share.getString("partyId"),
                share.getString("role"),
                Percent.of(share.getString("percent"))));
      }
      split =
          new SplitSheet(
              splitJson.getString("splitId"),
              Isrc.of(splitJson.getString("isrc")),
              splitJson.containsKey("useType")
                  ? UseType.valueOf(splitJson.getString("useType"))
                  : null,
              shares);
    }
    return new Decision(
        json.getString("decisionId"),
        decisionRequest,
        Verdict.valueOf(json.getString("verdict")),
        reasons,
        obligations,
        split,
        artists,
        json.getJsonNumber("policyVersion").longValueExact(),
        Instant.parse(json.getString("evaluatedAt")),
        json.getJsonNumber("evaluationNanos").longValueExact());
  }

  private static JsonObjectBuilder strings(Map<String, String> map) {
    JsonObjectBuilder builder = JSON.createObjectBuilder();
    map.forEach(builder::add);
    return builder;
  }

  private static Map<String, String> strings(JsonObject json) {
    Map<String, String> map = new LinkedHashMap<>();
    if (json != null) {
      for (Map.Entry<String, JsonValue> entry : json.entrySet()) {
        map.put(entry.getKey(), ((JsonString) entry.getValue()).getString());
      }
    }
    return map;
  }

  private static void optional(JsonObjectBuilder builder, String name, String value) {
    if (value != null) {
      builder.add(name, value);
    }
  }
}
