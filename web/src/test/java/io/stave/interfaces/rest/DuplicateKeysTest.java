package io.stave.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.interfaces.rest.dto.DecisionRequestBody;
import io.stave.interfaces.rest.problem.FieldError;
import io.stave.interfaces.rest.problem.InvalidRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.SecurityContext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A key named twice in any JSON body the API reads (or an element given twice in an XML decision
 * request) is a 400 naming it, never "the last one wins": {@code
 * {"useType":"AI_TRAINING","useType":"AI_CURATION"}} was decided as AI_CURATION (a PERMIT where
 * AI_TRAINING alone is a DENY), while a gateway reading the first key saw another request.
 */
class DuplicateKeysTest {

  private static InputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  private static FieldError refused(org.junit.jupiter.api.function.Executable read) {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, read);
    assertEquals(1, e.errors().size(), e.detail());
    assertTrue(e.detail().contains("twice"), e.detail());
    return e.errors().get(0);
  }

  @Test
  void aDecisionRequestNamingItsUseTypeTwiceIsRefusedNotDecidedOnTheLastOne() {
    FieldError error =
        refused(
            () ->
                JsonRequests.single(
                    """
                    {"useType":"AI_TRAINING","useType":"AI_CURATION","isrc":"GBQZS2600003",\
                    "territory":"SE"}"""
                        .getBytes(StandardCharsets.UTF_8)));
    assertEquals("useType", error.field);
    assertTrue(error.message.startsWith("appears twice"), error.message);
  }

  @Test
  void aBatchEntryOrAContextKeyNamedTwiceIsRefusedByItsPath() {
    FieldError entry =
        refused(
            () ->
                JsonRequests.batch(
                    """
                    {"requests":[{"useType":"AI_TRAINING","isrc":"GBQZS2600003","territory":"SE",\
                    "useType":"AI_CURATION"}]}"""
                        .getBytes(StandardCharsets.UTF_8)));
    assertEquals("requests[0].useType", entry.field);
    FieldError context =
        refused(
            () ->
                JsonRequests.single(
                    """
                    {"useType":"AI_CURATION","isrc":"GBQZS2600003","territory":"SE",\
                    "context":{"tier":"free","tier":"premium"}}"""
                        .getBytes(StandardCharsets.UTF_8)));
    assertEquals("context.tier", context.field);
    FieldError version =
        refused(
            () ->
                JsonRequests.batch(
                    "{\"policyVersion\":1,\"requests\":[],\"policyVersion\":2}"
                        .getBytes(StandardCharsets.UTF_8)));
    assertEquals("policyVersion", version.field);
  }

  @Test
  void theDecisionEndpointsReaderRefusesItToo() {
    FieldError error =
        refused(
            () ->
                new RequestBodyReader()
                    .readFrom(
                        Object.class,
                        DecisionRequestBody.class,
                        new java.lang.annotation.Annotation[0],
                        MediaType.APPLICATION_JSON_TYPE,
                        new MultivaluedHashMap<>(),
                        stream(
                            "{\"isrc\":\"GBQZS2600003\",\"territory\":\"SE\",\"territory\":\"US\"}")));
    assertEquals("territory", error.field);
  }

  private static final SecurityContext USER =
      new SecurityContext() {
        @Override
        public Principal getUserPrincipal() {
          return () -> "someone";
        }

        @Override
        public boolean isUserInRole(String role) {
          return true;
        }

        @Override
        public boolean isSecure() {
          return true;
        }

        @Override
        public String getAuthenticationScheme() {
          return BASIC_AUTH;
        }
      };

  private static UsageResource usage() {
    UsageResource resource = new UsageResource();
    resource.security = USER;
    return resource;
  }

  private static RevenueResource revenue() {
    RevenueResource resource = new RevenueResource();
    resource.security = USER;
    return resource;
  }

  private static PolicyResource policies() {
    PolicyResource resource = new PolicyResource();
    resource.security = USER;
    return resource;
  }

  private static Arguments endpoint(
      String name, Function<InputStream, Object> call, String json, String field) {
    return Arguments.of(Named.of(name, call), json, field);
  }

  static Stream<Arguments> otherJsonEndpoints() {
    return Stream.of(
        endpoint(
            "POST /usage",
            body -> usage().report(null, body),
            """
            {"eventId":"e1","decisionId":"d1","decisionId":"d2","useType":"AI_CURATION"}""",
            "decisionId"),
        endpoint(
            "POST /usage {events}",
            body -> usage().report(null, body),
            """
            {"events":[{"eventId":"e1"},{"eventId":"e2","quantity":1,"quantity":100}]}""",
            "events[1].quantity"),
        endpoint(
            "POST /revenue/rates",
            body -> revenue().rates(null, body),
            """
            {"rates":[{"from":"JPY","to":"EUR","rate":"0.0062","rate":"62","validFrom":"2026-03-31"}]}""",
            "rates[0].rate"),
        endpoint(
            "POST /revenue/adjustments",
            body -> revenue().adjust(null, body),
            """
            {"partyId":"p","amount":"-0.50","amount":"-5000","currency":"EUR","reason":"r"}""",
            "amount"),
        endpoint(
            "POST /console/decision-tables/verify",
            body -> new ConsoleResource().verify(null, body),
            "{\"csv\":\"a\",\"csv\":\"b\"}",
            "csv"),
        endpoint(
            "POST /policies",
            body -> policies().create(null, body),
            "{\"files\":{\"a.drl\":\"x\",\"a.drl\":\"y\"}}",
            "files.a.drl"),
        endpoint(
            "PUT /policies/{v}",
            body -> policies().update(2, null, body),
            "{\"files\":{},\"files\":{\"a.drl\":\"\"}}",
            "files"),
        endpoint(
            "POST /policies/{v}/impact",
            body -> policies().impact(2, null, body),
            "{\"last\":10,\"last\":100000}",
            "last"),
        endpoint(
            "POST /policies/{v}/approve",
            body -> policies().approve(2, null, body),
            "{\"checksum\":\"reviewed\",\"checksum\":\"other\"}",
            "checksum"));
  }

  @ParameterizedTest
  @MethodSource("otherJsonEndpoints")
  void everyOtherJsonBodyOfTheApiRefusesAKeyNamedTwice(
      Function<InputStream, Object> endpoint, String json, String field) {
    FieldError error = refused(() -> endpoint.apply(stream(json)));
    assertEquals(field, error.field);
    assertTrue(error.message.startsWith("appears twice"), error.message);
  }

  @Test
  void anXmlElementGivenTwiceIsRefusedAlike() {
    InvalidRequestException useType =
        assertThrows(
            InvalidRequestException.class,
            () ->
                XmlRequests.single(
                    """
                    <decisionRequest><useType>AI_TRAINING</useType><useType>AI_CURATION</useType>                    <isrc>GBQZS2600003</isrc><territory>SE</territory></decisionRequest>"""
                        .getBytes(StandardCharsets.UTF_8)));
    assertEquals("useType", useType.errors().get(0).field);
    assertEquals("line 1, column 57: appears twice", useType.errors().get(0).message);
    InvalidRequestException entry =
        assertThrows(
            InvalidRequestException.class,
            () ->
                XmlRequests.single(
                    """
                    <decisionRequest><useType>AI_CURATION</useType><context>                    <entry key="tier">free</entry><entry key="region">n</entry>                    <entry key="tier">premium</entry></context></decisionRequest>"""
                        .getBytes(StandardCharsets.UTF_8)));
    assertEquals("context.tier", entry.errors().get(0).field);
    InvalidRequestException batch =
        assertThrows(
            InvalidRequestException.class,
            () ->
                XmlRequests.batch(
                    """
                    <batch><request><isrc>GBQZS2600003</isrc></request>                    <request><isrc>GBQZS2600003</isrc><isrc>GBQZS2600004</isrc></request></batch>"""
                        .getBytes(StandardCharsets.UTF_8)));
    assertEquals("request.isrc", batch.errors().get(0).field);
    assertEquals(
        2,
        XmlRequests.batch(
                "<batch><request><isrc>x</isrc></request><request><isrc>x</isrc></request></batch>"
                    .getBytes(StandardCharsets.UTF_8))
            .requests
            .size());
  }

  @Test
  void aKeyOnceInEachOfTwoObjectsIsFine() {
    List<DecisionRequestBody> requests =
        JsonRequests.batch(
                """
                {"requests":[{"useType":"AI_CURATION","isrc":"GBQZS2600003","territory":"SE"},\
                {"useType":"AI_TRAINING","isrc":"GBQZS2600003","territory":"SE"}]}"""
                    .getBytes(StandardCharsets.UTF_8))
            .requests;
    assertEquals("AI_TRAINING", requests.get(1).useType);
  }
}
