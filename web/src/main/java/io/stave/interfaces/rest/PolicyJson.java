package io.stave.interfaces.rest;

import io.stave.application.authoring.ImpactAnalysis;
import io.stave.application.authoring.PolicyActivations;
import io.stave.application.authoring.PolicyAuditEntry;
import io.stave.application.authoring.PolicyAuthoring;
import io.stave.application.authoring.PolicyScenarios;
import io.stave.application.authoring.PolicyVersionInfo;
import io.stave.application.authoring.RevenueImpact;
import io.stave.interfaces.rest.problem.FieldError;
import io.stave.interfaces.rest.problem.InvalidRequestException;
import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.engine.DecisionTableWorkbook;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The authoring API's JSON: what comes in (drafts, impact windows) and what goes out. */
final class PolicyJson {
  private PolicyJson() {}

  /** A JSON object body, read through the hardened reader. */
  static JsonObject object(byte[] body) {
    if (body.length == 0) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    JsonValue value = JsonRequests.document(body);
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new InvalidRequestException(List.of(new FieldError("body", "must be a JSON object")));
    }
    return value.asJsonObject();
  }

  /** {@code "files": {"name.drl": "text", …}}; an empty text removes a file from a draft. */
  static Map<String, String> files(JsonObject body, boolean required) {
    JsonValue files = body.get("files");
    if (files == null || files.getValueType() == JsonValue.ValueType.NULL) {
      if (required) {
        throw new InvalidRequestException(
            List.of(new FieldError("files", "is required: {\"name.drl\": \"rule text\", …}")));
      }
      return Map.of();
    }
    if (files.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new InvalidRequestException(
          List.of(new FieldError("files", "must be an object of file name to text")));
    }
    Map<String, String> texts = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> file : files.asJsonObject().entrySet()) {
      String name = file.getKey();
      if (name.endsWith(".drl.xlsx")) {
        texts.put(
            name.substring(0, name.length() - ".xlsx".length()) + ".csv",
            workbook(name, file.getValue()));
        continue;
      }
      if (!(file.getValue() instanceof JsonString text)) {
        throw new InvalidRequestException(
            List.of(new FieldError("files." + name, "must be a string")));
      }
      texts.put(name, text.getString());
    }
    return texts;
  }

  /** A decision table sent as an XLSX workbook ({"base64": "…"}), stored as its CSV. */
  private static String workbook(String name, JsonValue value) {
    String base64 =
        value instanceof JsonObject object && object.get("base64") instanceof JsonString text
            ? text.getString()
            : null;
    if (base64 == null) {
      throw new InvalidRequestException(
          List.of(
              new FieldError(
                  "files." + name, "an XLSX decision table is sent as {\"base64\": \"…\"}")));
    }
    try {
      return DecisionTableWorkbook.toCsv(java.util.Base64.getMimeDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(List.of(new FieldError("files." + name, e.getMessage())));
    }
  }

  static Long optionalVersion(JsonObject body, String name) {
    JsonValue value = body.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value.getValueType() != JsonValue.ValueType.NUMBER
        || !body.getJsonNumber(name).isIntegral()) {
      throw new InvalidRequestException(List.of(new FieldError(name, "must be a version number")));
    }
    return body.getJsonNumber(name).longValue();
  }

  static String optionalString(JsonObject body, String name) {
    JsonValue value = body.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonString text)) {
      throw new InvalidRequestException(List.of(new FieldError(name, "must be a string")));
    }
    return text.getString();
  }

  /** The fields of an impact request; a misspelt one ("lst") silently ran the default window. */
  static final List<String> IMPACT_FIELDS = List.of("from", "to", "last", "revenuePeriod");

  static ImpactAnalysis.Window window(JsonObject body) {
    List<FieldError> unknown = new ArrayList<>();
    JsonRequests.onlyFields(body, IMPACT_FIELDS, "", "an impact request", unknown);
    if (!unknown.isEmpty()) {
      throw new InvalidRequestException(unknown);
    }
    Instant from = instant(body, "from");
    Instant to = instant(body, "to");
    JsonValue last = body.get("last");
    int count = 1_000;
    if (last != null && last.getValueType() != JsonValue.ValueType.NULL) {
      if (last.getValueType() != JsonValue.ValueType.NUMBER
          || !body.getJsonNumber("last").isIntegral()) {
        throw new InvalidRequestException(
            List.of(new FieldError("last", "must be a whole number")));
      }
      count =
          (int)
              Math.max(
                  Integer.MIN_VALUE,
                  Math.min(Integer.MAX_VALUE, body.getJsonNumber("last").longValue()));
    }
    return new ImpactAnalysis.Window(from, to, count);
  }

  /**
   * {@code "revenuePeriod"}: which period's usage the revenue impact measures ("open", a month such
   * as "2026-03"; absent: the latest closed period, else the open one).
   */
  static RevenueImpact.Choice revenuePeriod(JsonObject body) {
    try {
      return new RevenueImpact.Choice(optionalString(body, "revenuePeriod"));
    } catch (InvalidValueException e) {
      throw new InvalidRequestException(List.of(new FieldError(e.field(), e.problem())));
    }
  }

  private static Instant instant(JsonObject body, String name) {
    String text = optionalString(body, name);
    try {
      return text == null ? null : RequestTimes.instant(name, text);
    } catch (InvalidValueException e) {
      throw new InvalidRequestException(List.of(new FieldError(name, e.problem())));
    }
  }

  static JsonObject version(PolicyVersionInfo v) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("version", v.version())
            .add("status", v.status())
            .add("stage", v.stage())
            .add("author", v.author())
            .add("checksum", v.checksum());
    put(json, "approver", v.approver());
    put(json, "description", v.description());
    if (v.basedOn() != null) {
      json.add("basedOn", v.basedOn());
    }
    put(json, "createdAt", v.createdAt());
    put(json, "updatedAt", v.updatedAt());
    put(json, "submittedBy", v.submittedBy());
    put(json, "submittedAt", v.submittedAt());
    put(json, "approvedChecksum", v.approvedChecksum());
    put(json, "approvedAt", v.approvedAt());
    put(json, "activatedAt", v.activatedAt());
    return json.build();
  }

  static JsonObject versions(
      List<PolicyVersionInfo> versions, List<PolicyActivations.NodePolicy> nodes) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    versions.forEach(v -> list.add(version(v)));
    return Json.createObjectBuilder().add("versions", list).add("nodes", nodes(nodes)).build();
  }

  static JsonArrayBuilder nodes(List<PolicyActivations.NodePolicy> nodes) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (PolicyActivations.NodePolicy node : nodes) {
      JsonObjectBuilder json =
          Json.createObjectBuilder()
              .add("node", node.node())
              .add("address", node.address())
              .add("state", node.state());
      if (node.version() != null) {
        json.add("version", node.version());
      }
      if (node.prepared() != null) {
        json.add("prepared", node.prepared());
      }
      put(json, "detail", node.detail());
      put(json, "at", node.at());
      list.add(json);
    }
    return list;
  }

  static JsonObject files(long version, Map<String, String> files) {
    JsonObjectBuilder texts = Json.createObjectBuilder();
    files.forEach(texts::add);
    return Json.createObjectBuilder().add("version", version).add("files", texts).build();
  }

  static JsonObject diff(long from, long to, List<PolicyAuthoring.FileDiff> diffs) {
    JsonArrayBuilder files = Json.createArrayBuilder();
    for (PolicyAuthoring.FileDiff diff : diffs) {
      files.add(
          Json.createObjectBuilder()
              .add("file", diff.file())
              .add("change", diff.change())
              .add("unifiedDiff", String.join("\n", diff.unifiedDiff())));
    }
    return Json.createObjectBuilder().add("from", from).add("to", to).add("files", files).build();
  }

  static JsonObject validation(PolicyAuthoring.Validation validation) {
    JsonArrayBuilder problems = Json.createArrayBuilder();
    validation
        .problems()
        .forEach(
            p ->
                problems.add(
                    Json.createObjectBuilder()
                        .add("file", p.file())
                        .add("line", p.line())
                        .add("column", p.column())
                        .add("kind", p.kind())
                        .add("message", p.message())));
    JsonArrayBuilder warnings = Json.createArrayBuilder();
    validation
        .warnings()
        .forEach(
            w ->
                warnings.add(
                    Json.createObjectBuilder()
                        .add("file", w.file())
                        .add("line", w.line())
                        .add("rule", w.rule())
                        .add("message", w.message())));
    return Json.createObjectBuilder()
        .add("version", validation.version())
        .add("compiles", validation.compiles())
        .add("rules", validation.rules())
        .add("problems", problems)
        .add("warnings", warnings)
        .build();
  }

  static JsonObject testReport(long version, PolicyScenarios.Report report) {
    JsonArrayBuilder scenarios = Json.createArrayBuilder();
    for (PolicyScenarios.Outcome outcome : report.scenarios()) {
      JsonObjectBuilder json =
          Json.createObjectBuilder()
              .add("file", outcome.file())
              .add("name", outcome.name())
              .add("kind", outcome.kind())
              .add("passed", outcome.passed())
              .add("expected", outcome.expected())
              .add("actual", outcome.actual())
              .add("reasons", strings(outcome.reasons()))
              .add("firedRules", strings(outcome.firedRules()))
              .add("differences", strings(outcome.differences()));
      put(json, "problem", outcome.problem());
      scenarios.add(json);
    }
    Map<String, int[]> kinds = new java.util.TreeMap<>();
    for (PolicyScenarios.Outcome outcome : report.scenarios()) {
      kinds.computeIfAbsent(outcome.kind(), k -> new int[2])[outcome.passed() ? 0 : 1]++;
    }
    JsonObjectBuilder byKind = Json.createObjectBuilder();
    kinds.forEach(
        (kind, counts) ->
            byKind.add(
                kind,
                Json.createObjectBuilder().add("passed", counts[0]).add("failed", counts[1])));
    return Json.createObjectBuilder()
        .add("version", version)
        .add("passed", report.passed())
        .add("failed", report.failed())
        .add("byKind", byKind)
        .add("scenarios", scenarios)
        .add(
            "coverage",
            Json.createObjectBuilder()
                .add("rules", report.rules())
                .add("fired", report.rulesFired())
                .add("ratio", Math.round(report.coverage() * 1000) / 1000.0)
                .add("neverFired", strings(report.rulesNeverFired())))
        .build();
  }

  static JsonObject activation(PolicyAuthoring.Activation activation) {
    return Json.createObjectBuilder()
        .add("version", activation.version())
        .add("everyNodeRunsIt", activation.everyNodeRunsIt())
        .add("nodes", nodes(activation.nodes()))
        .build();
  }

  static JsonObject audit(List<PolicyAuditEntry> entries) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (PolicyAuditEntry e : entries) {
      JsonObjectBuilder json =
          Json.createObjectBuilder()
              .add("version", e.version())
              .add("action", e.action())
              .add("actor", e.actor());
      put(json, "at", e.at());
      put(json, "checksum", e.checksum());
      put(json, "detail", e.detail());
      list.add(json);
    }
    return Json.createObjectBuilder().add("entries", list).build();
  }

  private static JsonArrayBuilder strings(Collection<String> values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    values.forEach(array::add);
    return array;
  }

  static void put(JsonObjectBuilder json, String name, Object value) {
    if (value != null) {
      json.add(name, value.toString());
    }
  }
}
