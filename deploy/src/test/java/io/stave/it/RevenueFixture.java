package io.stave.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;

/**
 * What the revenue tests need on the running server: a fresh release (deals valid from 2000, so
 * decisions can be made for past months), its split sheets, decisions, usage, and the next
 * accounting period to close. Periods close in order and for good, and the integration server's
 * database outlives a build, so each test takes the period after the last closed one, and first
 * closes that one to sweep up usage an earlier, interrupted run may have left in it.
 */
final class RevenueFixture {
  /** The party the development user {@code holder} holds (stave-roles.properties). */
  static final String HOLDER_PARTY = "isni:0000000500000008";

  static final String LABEL_PARTY = "dpid:PADPIDA2026112401E";

  final String registrant = StaveClient.randomLetters(3);

  String isrc(int n) {
    return "GB" + registrant + "260000" + n;
  }

  /**
   * Posts the release (three recordings) and split sheets: recording 0 pays label 60, artist 40.
   */
  void catalogue() throws Exception {
    String release;
    try (InputStream in = RevenueFixture.class.getResourceAsStream("/feeds/release-template.xml")) {
      release =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("GBQZS26", "GB" + registrant + "26")
              .replace("stave-demo-0-1", "revenue-" + registrant + "-" + System.nanoTime())
              .replace("<StartDate>2026-01-01</StartDate>", "<StartDate>2000-01-01</StartDate>");
    }
    var posted =
        StaveClient.as("feeds").post("feeds/ern", "application/xml", "application/json", release);
    assertEquals(200, posted.statusCode(), posted.body());
    String splits =
        "isrc,useType,party,role,percent\n"
            + isrc(0)
            + ",,"
            + LABEL_PARTY
            + ",LABEL,60.00\n"
            + isrc(0)
            + ",,"
            + HOLDER_PARTY
            + ",MAIN_ARTIST,40.00\n"
            + isrc(1)
            + ",,"
            + LABEL_PARTY
            + ",LABEL,100.00\n";
    var sheets =
        StaveClient.as("feeds").post("feeds/splits", "text/csv", "application/json", splits);
    assertEquals(200, sheets.statusCode(), sheets.body());
  }

  /** The period after the last closed one, once that one is closed to sweep up leftovers. */
  static YearMonth freshPeriod() throws Exception {
    YearMonth sweep = lastClosed() == null ? YearMonth.of(2001, 1) : lastClosed().plusMonths(1);
    HttpResponse<String> closed = close(sweep);
    assertEquals(200, closed.statusCode(), closed.body());
    return sweep.plusMonths(1);
  }

  static YearMonth lastClosed() throws Exception {
    var periods = StaveClient.as("auditor").get("revenue/periods");
    assertEquals(200, periods.statusCode(), periods.body());
    YearMonth last = null;
    for (JsonValue value : StaveClient.json(periods).getJsonArray("periods")) {
      if ("OPEN".equals(value.asJsonObject().getString("status"))) {
        continue; // usage booked, never closed: the listing shows these too
      }
      YearMonth period = YearMonth.parse(value.asJsonObject().getString("period"));
      if (last == null || period.isAfter(last)) {
        last = period;
      }
    }
    return last;
  }

  static HttpResponse<String> close(YearMonth period) throws Exception {
    return StaveClient.as("auditor")
        .post("revenue/periods/" + period + "/close", "application/json", "application/json", "");
  }

  /** A decision as the tests asked for it, with its id and verdict. */
  record Decided(
      String decisionId, String verdict, String feature, String useType, String isrc, String at) {}

  /** A live decision made "at" ten days into the period. */
  Decided decide(String feature, String useType, int recording, YearMonth period) throws Exception {
    String at = period.atDay(10) + "T10:00:00Z";
    var decided =
        StaveClient.as("client")
            .postJson(
                "decisions",
                "{\"feature\":\""
                    + feature
                    + "\",\"useType\":\""
                    + useType
                    + "\",\"isrc\":\""
                    + isrc(recording)
                    + "\",\"territory\":\"SE\",\"at\":\""
                    + at
                    + "\"}");
    assertEquals(200, decided.statusCode(), decided.body());
    JsonObject json = StaveClient.json(decided);
    return new Decided(
        json.getString("decisionId"),
        json.getString("decision"),
        feature,
        useType,
        isrc(recording),
        at);
  }

  /** A usage event's JSON for a decision, one minute after the decision's time. */
  static String event(String eventId, Decided d, String unit, long quantity, String amountEur) {
    return "{\"eventId\":\""
        + eventId
        + "\",\"decisionId\":\""
        + d.decisionId()
        + "\",\"feature\":\""
        + d.feature()
        + "\",\"useType\":\""
        + d.useType()
        + "\",\"isrc\":\""
        + d.isrc()
        + "\",\"unit\":\""
        + unit
        + "\",\"quantity\":"
        + quantity
        + (amountEur == null ? "" : ",\"amount\":\"" + amountEur + "\",\"currency\":\"EUR\"")
        + ",\"from\":\""
        + java.time.Instant.parse(d.at()).plusSeconds(60)
        + "\"}";
  }

  /**
   * A closed period in which the holder's party and the label each have a statement: usage of an AI
   * Playlist pick on recording 0 at the rate card.
   */
  static YearMonth closedPeriodWithStatements() throws Exception {
    RevenueFixture fixture = new RevenueFixture();
    fixture.catalogue();
    YearMonth period = freshPeriod();
    Decided pick = fixture.decide("ai-playlist", "AI_CURATION", 0, period);
    var reported =
        StaveClient.as("client")
            .postJson("usage", event("fixture-" + fixture.registrant, pick, "PLAYS", 10_000, null));
    assertEquals(200, reported.statusCode(), reported.body());
    var closed = close(period);
    assertEquals(200, closed.statusCode(), closed.body());
    return period;
  }
}
