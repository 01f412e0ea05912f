package io.stave.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.interfaces.rest.dto.DecisionRequestBody;
import io.stave.interfaces.rest.problem.FieldError;
import io.stave.interfaces.rest.problem.InvalidRequestException;
import io.stave.rules.domain.InvalidValueException;
import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every time a request carries is ISO-8601 in the years 0001 to 9999, or a 400 naming the field. An
 * {@code at} of the year 1,000,000,000 parsed, failed the decision log's write and was answered 503
 * with Retry-After (a whole batch for one such entry): a retry that could never succeed.
 */
class RequestTimesTest {
  private static DecisionRequestBody at(String at) {
    DecisionRequestBody body = new DecisionRequestBody();
    body.useType = "AI_CURATION";
    body.isrc = "GBQZS2600000";
    body.territory = "SE";
    body.at = at;
    return body;
  }

  private static List<FieldError> errors(org.junit.jupiter.api.function.Executable call) {
    return assertThrows(InvalidRequestException.class, call).errors();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+1000000000-01-01T00:00:00Z",
        "+10000-01-01T00:00:00Z",
        "0000-12-31T23:59:59.999999999Z",
        "-0001-01-01T00:00:00Z"
      })
  void anAtTheDecisionLogCannotHoldIsA400NamingIt(String instant) {
    List<FieldError> errors = errors(() -> RequestConversion.single(at(instant)));
    assertEquals(1, errors.size());
    assertEquals("at", errors.get(0).field);
    assertEquals(
        "'" + instant + "' is outside the years 0001 to 9999 (UTC), the times Stave accepts",
        errors.get(0).message);
  }

  @Test
  void theFirstAndLastInstantsOfTheRangeAreDecided() {
    assertEquals(
        Instant.parse("0001-01-01T00:00:00Z"),
        RequestConversion.single(at("0001-01-01T00:00:00Z")).getAt());
    assertEquals(
        Instant.parse("9999-12-31T23:59:59.999999999Z"),
        RequestConversion.single(at("9999-12-31T23:59:59.999999999Z")).getAt());
  }

  @Test
  void oneEntryOutOfRangeNamesItsPositionInTheBatch() {
    List<DecisionRequestBody> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(at(i == 3 ? "+1000000000-01-01T00:00:00Z" : "2026-11-24T10:00:00Z"));
    }
    List<FieldError> errors = errors(() -> RequestConversion.batch(batch, 10));
    assertEquals(List.of("requests[3].at"), errors.stream().map(e -> e.field).toList());
  }

  @Test
  void anXmlRequestOutOfRangeIsRefusedAlike() {
    DecisionRequestBody body =
        XmlRequests.single(
            """
            <decisionRequest><useType>AI_CURATION</useType><isrc>GBQZS2600000</isrc>\
            <territory>SE</territory><at>+1000000000-01-01T00:00:00Z</at></decisionRequest>"""
                .getBytes(StandardCharsets.UTF_8));
    assertEquals("at", errors(() -> RequestConversion.single(body)).get(0).field);
  }

  @Test
  void usageTimesOutOfRangeAreA400NamingThem() {
    List<FieldError> errors = new ArrayList<>();
    UsageJson.event(
        Json.createObjectBuilder()
            .add("eventId", "e1")
            .add("decisionId", "d1")
            .add("useType", "AI_CURATION")
            .add("isrc", "GBQZS2600000")
            .add("unit", "PLAYS")
            .add("quantity", 1)
            .add("from", "2026-11-24T10:00:00Z")
            .add("to", "+1000000000-01-01T00:00:00Z")
            .build(),
        "events[2].",
        errors);
    assertEquals(List.of("events[2].to"), errors.stream().map(e -> e.field).toList());
    assertTrue(errors.get(0).message.contains("outside the years 0001 to 9999"));
  }

  @Test
  void anImpactWindowOrALogQueryOutOfRangeIsA400() {
    InvalidRequestException window =
        assertThrows(
            InvalidRequestException.class,
            () ->
                PolicyJson.window(
                    Json.createObjectBuilder().add("from", "+1000000000-01-01T00:00:00Z").build()));
    assertEquals("from", window.errors().get(0).field);
    QueryParameters query = new QueryParameters();
    query.instant("to", "-1000000000-01-01T00:00:00Z");
    List<FieldError> errors = assertThrows(InvalidRequestException.class, query::check).errors();
    assertEquals("to", errors.get(0).field);
    assertTrue(errors.get(0).message.contains("outside the years 0001 to 9999"));
  }

  @Test
  void revenueDatesAndPeriodsOutOfRangeAreA400() {
    RevenueResource revenue = new RevenueResource();
    List<FieldError> errors =
        errors(
            () ->
                revenue.rates(
                    null,
                    new ByteArrayInputStream(
                        """
                        {"rates":[{"from":"JPY","to":"EUR","rate":"0.0062",\
                        "validFrom":"+999999999-03-31"}]}"""
                            .getBytes(StandardCharsets.UTF_8))));
    assertEquals("rates[0].validFrom", errors.get(0).field);
    InvalidValueException period =
        assertThrows(InvalidValueException.class, () -> StatementResource.period("+10000-01"));
    assertEquals("period", period.field());
  }
}
