package io.stave.interfaces.rest;

import io.stave.application.authoring.ImpactAnalysis;
import io.stave.application.authoring.RevenueImpact;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/** The impact analysis's report as the authoring API answers it: decision flips and revenue. */
final class ImpactJson {
  private ImpactJson() {}

  static JsonObject impact(ImpactAnalysis.Report report) {
    JsonArrayBuilder sample = Json.createArrayBuilder();
    report
        .sample()
        .forEach(
            f ->
                sample.add(
                    Json.createObjectBuilder()
                        .add("decisionId", f.decisionId())
                        .add("feature", f.feature())
                        .add("useType", f.useType())
                        .add("kind", f.kind())
                        .add("active", f.active())
                        .add("draft", f.draft())));
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("jobId", report.jobId())
            .add("draftVersion", report.draftVersion())
            .add("activeVersion", report.activeVersion())
            .add("state", report.state())
            .add("replayed", report.replayed())
            .add("flips", counts(report.flips()))
            .add("byFeature", nested(report.byFeature()))
            .add("byUseType", nested(report.byUseType()))
            .add("sample", sample)
            .add(
                "latencyMicros",
                Json.createObjectBuilder()
                    .add("draft", latency(report.draftLatency()))
                    .add("active", latency(report.activeLatency())));
    PolicyJson.put(json, "error", report.error());
    PolicyJson.put(json, "startedAt", report.startedAt());
    PolicyJson.put(json, "finishedAt", report.finishedAt());
    if (report.revenue() != null) {
      json.add("revenue", revenue(report.revenue()));
    }
    return json.build();
  }

  /** What the draft's revenue rules change, in minor units of each currency. */
  static JsonObject revenue(RevenueImpact.Report revenue) {
    JsonArrayBuilder payees = Json.createArrayBuilder();
    for (RevenueImpact.PayeeChange p : revenue.payees()) {
      JsonObjectBuilder byModel = Json.createObjectBuilder();
      p.byModel().forEach(byModel::add);
      payees.add(
          Json.createObjectBuilder()
              .add("partyId", p.partyId())
              .add("currency", p.currency())
              .add("active", p.active())
              .add("draft", p.draft())
              .add("difference", p.difference())
              .add("byModel", byModel));
    }
    JsonArrayBuilder models = Json.createArrayBuilder();
    for (RevenueImpact.ModelChange m : revenue.models()) {
      models.add(
          Json.createObjectBuilder()
              .add("model", m.model())
              .add("currency", m.currency())
              .add("active", m.active())
              .add("draft", m.draft())
              .add("difference", m.difference()));
    }
    JsonArrayBuilder totals = Json.createArrayBuilder();
    for (RevenueImpact.Totals t : revenue.totals()) {
      totals.add(
          Json.createObjectBuilder()
              .add("currency", t.currency())
              .add("earned", pair(t.earnedActive(), t.earnedDraft()))
              .add("retained", pair(t.retainedActive(), t.retainedDraft()))
              .add("unallocated", pair(t.unallocatedActive(), t.unallocatedDraft()))
              .add("rateCard", pair(t.rateCardActive(), t.rateCardDraft())));
    }
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("state", revenue.state())
            .add("events", revenue.events())
            .add("conserved", revenue.conserved())
            .add("payees", payees)
            .add("models", models)
            .add("totals", totals);
    PolicyJson.put(json, "period", revenue.period());
    PolicyJson.put(json, "basis", revenue.basis());
    if (revenue.closedWithVersion() != null) {
      json.add("closedWithVersion", revenue.closedWithVersion());
    }
    PolicyJson.put(json, "error", revenue.error());
    return json.build();
  }

  private static JsonObjectBuilder pair(long active, long draft) {
    return Json.createObjectBuilder()
        .add("active", active)
        .add("draft", draft)
        .add("difference", draft - active);
  }

  private static JsonObjectBuilder latency(ImpactAnalysis.Latency latency) {
    return Json.createObjectBuilder()
        .add("mean", latency.meanMicros())
        .add("p50", latency.p50Micros())
        .add("p99", latency.p99Micros());
  }

  private static JsonObjectBuilder counts(Map<String, Integer> counts) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    counts.forEach(json::add);
    return json;
  }

  private static JsonObjectBuilder nested(Map<String, Map<String, Integer>> counts) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    counts.forEach((key, value) -> json.add(key, counts(value)));
    return json;
  }
}
