package io.stave.interfaces.rest;

import io.stave.application.RecordingDetails;
import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedReceipt;
import io.stave.rules.domain.Consent;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.SplitSheet;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The JSON the feed and catalogue endpoints answer with. */
final class FeedJson {
  private static final JsonProvider JSON = JsonProvider.provider();

  private FeedJson() {}

  static JsonObject receipt(FeedReceipt receipt) {
    JsonObjectBuilder object =
        JSON.createObjectBuilder()
            .add("messageId", receipt.messageId())
            .add("kind", receipt.kind().wireName())
            .add("format", receipt.format().name())
            .add("channel", receipt.channel().name())
            .add("sourceName", receipt.sourceName())
            .add("status", receipt.status().name())
            .add("duplicate", receipt.duplicate())
            .add("problems", problems(receipt.problems()))
            .add("warnings", problems(receipt.warnings()))
            .add("receivedAt", receipt.receivedAt().toString());
    optional(object, "summary", receipt.summary());
    optional(object, "decidedAt", receipt.decidedAt());
    return object.build();
  }

  /**
   * A rejected message as an RFC 9457 problem document: what is wrong in {@code detail} and {@code
   * problems} (where/what, as in status records), the message id, and the whole status record.
   */
  static JsonObject rejection(FeedReceipt receipt, int status, String title) {
    List<FeedProblem> problems = receipt.problems();
    String first = problems.isEmpty() ? "no reason was recorded" : problems.get(0).toString();
    String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem(s))" : "";
    return JSON.createObjectBuilder()
        .add("type", "about:blank")
        .add("title", title)
        .add("status", status)
        .add(
            "detail",
            "Feed message "
                + receipt.messageId()
                + " was rejected"
                + (receipt.duplicate() ? " before (this delivery repeats it)" : "")
                + "; nothing from it was applied: "
                + first
                + more)
        .add("messageId", receipt.messageId())
        .add("problems", problems(problems))
        .add("receipt", receipt(receipt))
        .build();
  }

  static JsonObject receipts(List<FeedReceipt> receipts, int limit, int offset) {
    JsonArrayBuilder items = JSON.createArrayBuilder();
    receipts.forEach(r -> items.add(receipt(r)));
    return JSON.createObjectBuilder()
        .add("messages", items)
        .add("limit", limit)
        .add("offset", offset)
        .build();
  }

  static JsonObject recording(RecordingDetails details) {
    Recording recording = details.recording();
    JsonObjectBuilder object =
        JSON.createObjectBuilder()
            .add("isrc", recording.getIsrc().code())
            .add("displayArtist", recording.getDisplayArtist())
            .add("mainArtistIds", strings(recording.getMainArtistIds()));
    optional(object, "title", recording.getTitle());
    optional(object, "labelId", recording.getLabelId());
    optional(object, "pLine", recording.getPLine());
    JsonArrayBuilder parties = JSON.createArrayBuilder();
    for (RecordingDetails.PartyCredit party : details.parties()) {
      JsonObjectBuilder p =
          JSON.createObjectBuilder()
              .add("partyId", party.partyId())
              .add("role", party.role())
              .add("identifiers", map(party.identifiers()));
      optional(p, "name", party.name());
      parties.add(p);
    }
    JsonArrayBuilder deals = JSON.createArrayBuilder();
    details.deals().forEach(d -> deals.add(deal(d, details.dealReleases().get(d.getDealId()))));
    JsonArrayBuilder consents = JSON.createArrayBuilder();
    details.consents().forEach(c -> consents.add(consent(c)));
    JsonArrayBuilder sheets = JSON.createArrayBuilder();
    details.splitSheets().forEach(s -> sheets.add(sheet(s)));
    return object
        .add("parties", parties)
        .add("deals", deals)
        .add("consents", consents)
        .add("splitSheets", sheets)
        .build();
  }

  private static JsonObjectBuilder deal(Deal deal, String releaseKey) {
    JsonObjectBuilder object =
        JSON.createObjectBuilder()
            .add("dealId", deal.getDealId())
            .add(
                "territories",
                strings(deal.getTerritories().stream().map(Object::toString).sorted().toList()))
            .add(
                "excludedTerritories",
                strings(
                    deal.getExcludedTerritories().stream().map(Object::toString).sorted().toList()))
            .add("validFrom", deal.getValidFrom().toString())
            .add(
                "aiUseTypes",
                strings(deal.getAiUseTypes().stream().map(Enum::name).sorted().toList()))
            .add("ddexUseTypes", strings(deal.getDdexUseTypes().stream().sorted().toList()));
    optional(object, "licensorId", deal.getLicensorId());
    optional(object, "releaseKey", releaseKey);
    optional(object, "validUntil", deal.getValidUntil());
    optional(object, "commercialModel", deal.getCommercialModel());
    return object;
  }

  private static JsonObjectBuilder consent(Consent consent) {
    return JSON.createObjectBuilder()
        .add("consentId", consent.consentId())
        .add("artistId", consent.artistId())
        .add("useType", consent.useType().name())
        .add("choice", consent.choice().name())
        .add("effectiveFrom", consent.effectiveFrom().toString())
        .add("source", consent.source())
        .add("recordedAt", consent.recordedAt().toString());
  }

  private static JsonObjectBuilder sheet(SplitSheet sheet) {
    JsonArrayBuilder shares = JSON.createArrayBuilder();
    sheet
        .getShares()
        .forEach(
            s ->
                shares.add(
                    JSON.createObjectBuilder()
                        .add("partyId", s.partyId())
                        .add("role", s.role())
                        .add("percent", s.percent().toString())));
    JsonObjectBuilder object =
        JSON.createObjectBuilder().add("splitId", sheet.getSplitId()).add("shares", shares);
    sheet.getUseType().ifPresent(u -> object.add("useType", u.name()));
    return object;
  }

  private static JsonArrayBuilder problems(List<FeedProblem> problems) {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    problems.forEach(
        p -> array.add(JSON.createObjectBuilder().add("where", p.where()).add("what", p.what())));
    return array;
  }

  private static JsonArrayBuilder strings(Collection<String> values) {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    values.forEach(array::add);
    return array;
  }

  private static JsonObjectBuilder map(Map<String, String> values) {
    JsonObjectBuilder object = JSON.createObjectBuilder();
    values.forEach(object::add);
    return object;
  }

  private static void optional(JsonObjectBuilder object, String name, Object value) {
    if (value != null) {
      object.add(name, value instanceof Instant instant ? instant.toString() : value.toString());
    }
  }
}
