package io.stave.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.interfaces.rest.dto.BatchRequestBody;
import io.stave.interfaces.rest.dto.DecisionRequestBody;
import io.stave.interfaces.rest.problem.ContentTooLarge;
import io.stave.interfaces.rest.problem.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile and malformed decision request bodies are 4xx naming what is wrong, in JSON and XML. */
class RequestBodiesTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static InvalidRequestException invalid(org.junit.jupiter.api.function.Executable read) {
    return assertThrows(InvalidRequestException.class, read);
  }

  private static List<String> fields(InvalidRequestException e) {
    return e.errors().stream().map(error -> error.field).toList();
  }

  private static String messages(InvalidRequestException e) {
    return e.detail()
        + " "
        + e.errors().stream().map(error -> error.field + ": " + error.message).toList();
  }

  @Test
  void aGoodJsonRequestIsBoundFieldByField() {
    DecisionRequestBody body =
        JsonRequests.single(
            utf8(
                """
        {"requestId":"r","feature":"ai-dj","useType":"AI_VOICEOVER","isrc":"USRC17607839",
         "territory":"SE","at":"2026-11-24T10:00:00Z","context":{"tier":"premium"},"policyVersion":3}"""));
    assertEquals("r", body.requestId);
    assertEquals("AI_VOICEOVER", body.useType);
    assertEquals("premium", body.context.get("tier"));
    assertEquals(3L, body.policyVersion);
  }

  @Test
  void jsonNestedAHundredThousandLevelsIsA400NamingWhere() {
    InvalidRequestException e =
        invalid(
            () ->
                JsonRequests.single(
                    utf8("{\"context\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")));
    assertEquals(List.of("body"), fields(e));
    assertTrue(messages(e).contains("line 1, column 75: nests deeper than 64 levels"), messages(e));
  }

  @Test
  void aBatchNestedDeeplyIsA400Too() {
    InvalidRequestException e =
        invalid(() -> JsonRequests.batch(utf8("{\"requests\":" + "[".repeat(100_000))));
    assertTrue(messages(e).contains("deeper than 64 levels"), messages(e));
  }

  @Test
  void invalidUtf8IsA400NamingLineColumnAndByte() {
    byte[] body = utf8("{\"useType\":\"AI_CURATION\",\n\"isrc\":\"USRC1760783\u00e9\"}");
    body[body.length - 4] = (byte) 0xFE;
    InvalidRequestException e = invalid(() -> JsonRequests.single(body));
    assertTrue(
        messages(e).contains("line 2, column 20 (byte 45): is not valid UTF-8"), messages(e));
  }

  @Test
  void emptyAndTruncatedJsonAreA400() {
    assertTrue(messages(invalid(() -> JsonRequests.single(new byte[0]))).contains("is empty"));
    InvalidRequestException truncated = invalid(() -> JsonRequests.single(utf8("{\"useType\": ")));
    assertTrue(messages(truncated).contains("line 1, column "), messages(truncated));
  }

  @Test
  void jsonOfTheWrongShapeNamesEachField() {
    assertEquals(List.of("body"), fields(invalid(() -> JsonRequests.single(utf8("[]")))));
    assertEquals(List.of("body"), fields(invalid(() -> JsonRequests.batch(utf8("\"requests\"")))));
    InvalidRequestException e =
        invalid(
            () ->
                JsonRequests.single(
                    utf8(
                        """
        {"useType":["AI_CURATION"],"isrc":12,"policyVersion":"3","context":{"tier":{"a":1}}}""")));
    assertEquals(List.of("useType", "isrc", "context.tier", "policyVersion"), fields(e));
    assertTrue(
        messages(e).contains("policyVersion: must be a whole number, not a string"), messages(e));
    assertTrue(messages(e).contains("useType: must be a string, not an array"), messages(e));
  }

  @Test
  void aBatchNamesTheRequestByPosition() {
    InvalidRequestException e =
        invalid(
            () ->
                JsonRequests.batch(
                    utf8(
                        """
        {"requests":[{"isrc":"USRC17607839"}, 7, {"territory":false}], "policyVersion": 1.5}""")));
    assertEquals(List.of("policyVersion", "requests[1]", "requests[2].territory"), fields(e));
    assertEquals(
        List.of("requests"), fields(invalid(() -> JsonRequests.batch(utf8("{\"requests\":{}}")))));
    BatchRequestBody withNull = JsonRequests.batch(utf8("{\"requests\":[null]}"));
    assertNull(withNull.requests.get(0), "RequestConversion names an empty entry");
  }

  @Test
  void aMisspeltFieldIsA400NamingItNotIgnored() {
    // Ignored, "policyVerison" made an intended dry run a live, logged decision.
    InvalidRequestException e =
        invalid(
            () ->
                JsonRequests.single(
                    utf8(
                        """
        {"useType":"AI_CURATION","isrc":"GBQZS2600000","territory":"SE","policyVerison":3}""")));
    assertEquals(List.of("policyVerison"), fields(e));
    assertTrue(
        messages(e)
            .contains(
                "policyVerison: is not a field of a decision request; its fields are"
                    + " requestId, feature, useType, isrc, territory, at, context, policyVersion"),
        messages(e));
  }

  @Test
  void aBatchNamesUnknownFieldsOfTheBatchAndOfEachRequest() {
    InvalidRequestException e =
        invalid(
            () ->
                JsonRequests.batch(
                    utf8(
                        """
        {"policyVerison":3,"requests":[{"useType":"AI_CURATION","isrc":"GBQZS2600000",
         "territory":"SE"},{"useType":"AI_CURATION","isrc":"GBQZS2600000","Territory":"SE"}]}""")));
    assertEquals(List.of("policyVerison", "requests[1].Territory"), fields(e));
    assertTrue(messages(e).contains("is not a field of a batch"), messages(e));
  }

  @Test
  void contextIsFreeFormSoItsKeysAreTheClients() {
    DecisionRequestBody body =
        JsonRequests.single(
            utf8(
                """
        {"useType":"AI_CURATION","isrc":"GBQZS2600000","territory":"SE",
         "context":{"tier":"free","policyVerison":"3"}}"""));
    assertEquals("3", body.context.get("policyVerison"));
  }

  @Test
  void anUnknownXmlElementIsA400NamingItToo() {
    InvalidRequestException e =
        invalid(
            () ->
                XmlRequests.single(
                    utf8(
                        """
        <decisionRequest><useType>AI_CURATION</useType><isrc>GBQZS2600000</isrc>
        <territory>SE</territory><policyVerison>3</policyVerison></decisionRequest>""")));
    assertEquals(List.of("policyVerison"), fields(e));
  }

  @Test
  void aGoodXmlRequestIsRead() {
    DecisionRequestBody body =
        XmlRequests.single(
            utf8(
                """
        <decisionRequest><useType>AI_TRAINING</useType><isrc>GB-AYE-06-01498</isrc><territory>DE</territory>
        <context><entry key="tier">free</entry></context><policyVersion>2</policyVersion></decisionRequest>"""));
    assertEquals("AI_TRAINING", body.useType);
    assertEquals("free", body.context.get("tier"));
    assertEquals(2L, body.policyVersion);
    BatchRequestBody batch =
        XmlRequests.batch(utf8("<batch><request><isrc>x</isrc></request><request/></batch>"));
    assertEquals(2, batch.requests.size());
  }

  @Test
  void xmlWithAnExternalEntityIsA400AndTheEntityIsNeverRead() {
    InvalidRequestException e =
        invalid(
            () ->
                XmlRequests.single(
                    utf8(
                        """
        <?xml version="1.0"?>
        <!DOCTYPE decisionRequest [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <decisionRequest><isrc>&x;</isrc></decisionRequest>""")));
    assertTrue(
        messages(e).contains("line 2, column ") && messages(e).contains("DOCTYPE"), messages(e));
    assertTrue(!messages(e).contains("root:"), "the file's content never appears");
  }

  @Test
  void xmlNestedAHundredThousandLevelsIsA400() {
    InvalidRequestException e =
        invalid(
            () ->
                XmlRequests.single(
                    utf8(
                        "<decisionRequest>"
                            + "<a>".repeat(100_000)
                            + "</a>".repeat(100_000)
                            + "</decisionRequest>")));
    assertTrue(messages(e).contains("line 1, column ") && messages(e).contains("64"), messages(e));
  }

  @Test
  void xmlOfTheWrongShapeNamesTheElement() {
    InvalidRequestException e =
        invalid(
            () ->
                XmlRequests.single(
                    utf8(
                        "<decisionRequest>\n<policyVersion>three</policyVersion></decisionRequest>")));
    assertEquals(List.of("policyVersion"), fields(e));
    assertTrue(messages(e).contains("line 2"), messages(e));
    InvalidRequestException root =
        invalid(() -> XmlRequests.single(utf8("<batch><request/></batch>")));
    assertTrue(
        messages(root).contains("batch") || messages(root).contains("decisionRequest"),
        messages(root));
    assertTrue(messages(invalid(() -> XmlRequests.single(new byte[0]))).contains("line 1"));
  }

  @Test
  void invalidUtf8InXmlIsA400NamingWhere() {
    byte[] body = utf8("<decisionRequest><isrc>USRC1760783\u00e9</isrc></decisionRequest>");
    body[34] = (byte) 0xFF;
    assertTrue(messages(invalid(() -> XmlRequests.single(body))).contains("line 1, column "));
  }

  @Test
  void aBodyOverTheLimitIs413WhetherDeclaredOrNot() {
    ContentTooLarge declared =
        assertThrows(
            ContentTooLarge.class,
            () -> RequestBodies.read(failingStream(), "5000001", 5_000_000, "SETTING"));
    assertTrue(
        declared.getMessage().contains("5000001 bytes")
            && declared.getMessage().contains("SETTING"));
    ContentTooLarge chunked =
        assertThrows(
            ContentTooLarge.class,
            () ->
                RequestBodies.read(new ByteArrayInputStream(new byte[101]), null, 100, "SETTING"));
    assertTrue(chunked.getMessage().contains("at most 100 bytes"), chunked.getMessage());
    assertEquals(
        100,
        RequestBodies.read(new ByteArrayInputStream(new byte[100]), "100", 100, "SETTING").length);
  }

  /** A body that must not be read: the declared length alone refuses it. */
  private static InputStream failingStream() {
    return new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("the body was read");
      }
    };
  }
}
