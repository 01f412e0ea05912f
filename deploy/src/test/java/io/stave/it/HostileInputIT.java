package io.stave.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed, oversized and hostile bodies on every POST endpoint of a real server: each is a 4xx
 * {@code application/problem+json} document saying what is wrong (never a 500, never an empty body,
 * never a stack trace), and a feed message that was read is on record as REJECTED.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileInputIT {
  private static final int DEPTH = 100_000;
  private static final long FEED_LIMIT = 64L * 1024 * 1024;
  private static final long DECISION_LIMIT = 4L * 1024 * 1024;
  private static final String JSON = "application/json";
  private static final String XML = "application/xml";
  private static final List<String> DECISION_PATHS = List.of("decisions", "decisions/batch");

  private final StaveClient client = StaveClient.as("client");
  private final StaveClient feeds = StaveClient.as("feeds");

  @Deployment(testable = false)
  static EnterpriseArchive stave() {
    return StaveDeployment.ear();
  }

  /** The response is a problem document with this status whose text holds each fragment. */
  private static JsonObject problem(
      HttpResponse<String> response, int status, String... fragments) {
    String body = response.body();
    assertEquals(status, response.statusCode(), body);
    assertTrue(
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"),
        response.headers().map() + " " + body);
    JsonObject problem = StaveClient.json(response);
    assertEquals(status, problem.getInt("status"), body);
    assertFalse(problem.getString("title", "").isBlank(), body);
    assertFalse(problem.getString("detail", "").isBlank(), body);
    for (String fragment : fragments) {
      assertTrue(body.contains(fragment), "expected '" + fragment + "' in " + body);
    }
    assertFalse(
        body.contains("Exception") || body.contains("\tat ") || body.contains("Unexpected error"),
        body);
    return problem;
  }

  /** A rejected feed message's problem document, and its status record as the ledger lists it. */
  private JsonObject rejectedAndOnRecord(HttpResponse<String> response, String... fragments)
      throws Exception {
    JsonObject problem = problem(response, 422, fragments);
    String messageId = problem.getString("messageId");
    assertEquals("REJECTED", problem.getJsonObject("receipt").getString("status"));
    HttpResponse<String> record =
        StaveClient.as("auditor")
            .get("feeds/messages/" + URLEncoder.encode(messageId, StandardCharsets.UTF_8));
    assertEquals(200, record.statusCode(), record.body());
    JsonObject status = StaveClient.json(record);
    assertEquals("REJECTED", status.getString("status"), status.toString());
    assertEquals(problem.getJsonArray("problems"), status.getJsonArray("problems"));
    return problem;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String unique() {
    return UUID.randomUUID().toString();
  }

  @Test
  void theAuthoringApiAnswersHostileBodiesWithProblemDocuments() throws Exception {
    StaveClient author = StaveClient.as("author");
    String deep = "{\"files\":" + "[".repeat(DEPTH) + "]".repeat(DEPTH) + "}";
    problem(author.post("policies", JSON, JSON, deep), 400, "deeper than 64 levels");
    problem(author.postBytes("policies", "text/plain", utf8("{}"), false), 415, "'text/plain'");
    problem(
        author.postBytes("policies", JSON, new byte[] {'{', '"', (byte) 0xFE, '"', '}'}, false),
        400,
        "UTF-8");
    problem(author.post("policies", JSON, JSON, "{\"files\": [\"a.drl\"]}"), 400, "files");
    problem(
        author.post("policies", JSON, JSON, "{\"files\": {\"../../etc/passwd.drl\": \"x\"}}"),
        400,
        "plain file name");
    byte[] huge = new byte[32 * 1024 * 1024 + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    problem(author.postBytes("policies", JSON, huge, false), 413, "stave.api.max-policy-bytes");
  }

  @Test
  void noLoginAWrongPasswordAnUnknownUrlAndAWrongMethodAreProblemDocumentsToo() throws Exception {
    String live = "{\"useType\":\"AI_CURATION\",\"isrc\":\"GBQZS2600000\",\"territory\":\"SE\"}";
    HttpResponse<String> anonymous = StaveClient.anonymous().postJson("decisions", live);
    problem(anonymous, 401, "authenticated caller");
    assertTrue(
        anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
        anonymous.headers().map().toString());
    problem(StaveClient.as("nobody").get("decisions?limit=1"), 401, "authenticated caller");

    HttpResponse<String> unknown = client.get("no-such-resource");
    problem(unknown, 404, "no resource at this URL");
    HttpResponse<String> wrongMethod = client.withoutBody("PUT", "decisions");
    problem(wrongMethod, 405, "does not take that method");
    for (HttpResponse<String> answer : List.of(unknown, wrongMethod)) {
      assertFalse(answer.body().contains("RESTEASY"), answer.body());
    }
  }

  @Test
  void jsonNestedAHundredThousandLevelsIsA400OnEveryDecisionEndpoint() throws Exception {
    for (String path : DECISION_PATHS) {
      String deep = "{\"requests\":" + "[".repeat(DEPTH) + "]".repeat(DEPTH) + "}";
      problem(client.post(path, JSON, JSON, deep), 400, "deeper than 64 levels", "line 1, column ");
    }
  }

  @Test
  void xmlNestedAHundredThousandLevelsIsA400OnEveryDecisionEndpoint() throws Exception {
    for (String path : DECISION_PATHS) {
      String deep =
          "<decisionRequest>"
              + "<context>".repeat(DEPTH)
              + "</context>".repeat(DEPTH)
              + "</decisionRequest>";
      problem(
          client.post(path, XML, XML, deep),
          400,
          "line 1, column ",
          "exceeds the limit \\\"64\\\"",
          "maxElementDepth");
    }
  }

  @Test
  void deeplyNestedConsentsAndSplitSheetsAreRejectedAndOnRecord() throws Exception {
    String deep =
        "{\"consents\":"
            + "[".repeat(DEPTH)
            + "]".repeat(DEPTH)
            + ", \"id\": \""
            + unique()
            + "\"}";
    rejectedAndOnRecord(
        feeds.post("feeds/consents", JSON, JSON, deep),
        "deeper than 64 levels",
        "line 1, column 76");
    String sheets =
        "{\"id\": \""
            + unique()
            + "\", \"splitSheets\": [{\"isrc\": \"USRC17607839\", \"shares\": [\n"
            + "{\"party\":".repeat(DEPTH)
            + "1"
            + "}".repeat(DEPTH)
            + "]}]}";
    rejectedAndOnRecord(
        feeds.post("feeds/splits", JSON, JSON, sheets), "deeper than 64 levels", "line 2, column ");
  }

  @Test
  void aDeeplyNestedErnMessageIsRejectedAndOnRecord() throws Exception {
    String deep =
        "<ern:NewReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/43\"><!-- "
            + unique()
            + " -->"
            + "<a>".repeat(DEPTH)
            + "</a>".repeat(DEPTH)
            + "</ern:NewReleaseMessage>";
    rejectedAndOnRecord(
        feeds.post("feeds/ern", XML, JSON, deep), "line 1, column ", "maxElementDepth");
  }

  @Test
  void aDecisionBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrNot() throws Exception {
    byte[] huge = new byte[(int) DECISION_LIMIT + 1];
    Arrays.fill(huge, (byte) ' ');
    for (String path : DECISION_PATHS) {
      problem(
          client.postBytes(path, JSON, huge, false),
          413,
          DECISION_LIMIT + " bytes",
          "STAVE_API_MAX_REQUEST_BYTES");
      problem(
          client.postBytes(path, XML, huge, true),
          413,
          DECISION_LIMIT + " bytes",
          "STAVE_API_MAX_REQUEST_BYTES");
    }
  }

  @Test
  void aFeedMessageOverTheLimitIs413AndOnRecordOnlyWhenItWasRead() throws Exception {
    byte[] huge = new byte[(int) FEED_LIMIT + 1];
    Arrays.fill(huge, (byte) ' ');
    byte[] marker = utf8(unique());
    System.arraycopy(marker, 0, huge, 0, marker.length);

    JsonObject declared =
        problem(
            feeds.postBytes("feeds/consents", "text/csv", huge, false),
            413,
            FEED_LIMIT + " bytes",
            "STAVE_FEEDS_MAX_MESSAGE_BYTES",
            "not read");
    assertFalse(declared.containsKey("messageId"), "refused unread: nothing on record");

    JsonObject streamed =
        problem(
            feeds.postBytes("feeds/splits", JSON, huge, true), 413, "the limit is " + FEED_LIMIT);
    String messageId = streamed.getString("messageId");
    JsonObject record =
        StaveClient.json(
            StaveClient.as("auditor")
                .get("feeds/messages/" + URLEncoder.encode(messageId, StandardCharsets.UTF_8)));
    assertEquals("REJECTED", record.getString("status"), record.toString());
  }

  @Test
  void anUnsupportedOrMissingContentTypeIs415NamingWhatIsAccepted() throws Exception {
    for (String path : DECISION_PATHS) {
      problem(
          client.postBytes(path, "text/plain", utf8("{}"), false), 415, "'text/plain'", JSON, XML);
      problem(client.postBytes(path, null, utf8("{}"), false), 415, "no Content-Type", JSON, XML);
    }
    problem(
        feeds.postBytes("feeds/consents", "text/plain", utf8("a"), false),
        415,
        "'text/plain'",
        "text/csv",
        JSON);
    problem(
        feeds.postBytes("feeds/splits", XML, utf8("<a/>"), false),
        415,
        "'application/xml'",
        "text/csv",
        JSON);
    problem(feeds.postBytes("feeds/ern", "text/csv", utf8("a"), false), 415, "'text/csv'", XML);
    problem(feeds.postBytes("feeds/ern", null, utf8("<a/>"), false), 415, "no Content-Type", XML);
  }

  @Test
  void invalidUtf8IsA4xxNamingWhere() throws Exception {
    byte[] request =
        utf8("{\"useType\":\"AI_CURATION\",\n\"isrc\":\"USRC1760783\u00e9\",\"territory\":\"SE\"}");
    request[45] = (byte) 0xFE;
    problem(
        client.postBytes("decisions", JSON, request, false),
        400,
        "line 2, column 20 (byte 45)",
        "not valid UTF-8");
    byte[] batch = utf8("{\"requests\":[{\"isrc\":\"\u00e9\"}]}");
    batch[22] = (byte) 0x80; // a continuation byte without its lead
    problem(
        client.postBytes("decisions/batch", JSON, batch, false),
        400,
        "line 1, column 23 (byte 22)",
        "not valid UTF-8");

    byte[] consents =
        utf8(
            "[{\"artist\": \"isni:0000000121032683\", \"useType\": \"AI_TRAINING\", \"choice\": \"OPT_IN\","
                + "\n \"effectiveFrom\": \"2026-01-01\", \"source\": \"x\u00e9 "
                + unique()
                + "\"}]");
    consents[consents.length - 42] = (byte) 0xC0;
    rejectedAndOnRecord(
        feeds.postBytes("feeds/consents", JSON, consents, false),
        "line 2, column ",
        "not valid UTF-8");

    byte[] csv =
        utf8(
            "isrc,useType,party,role,percent\nUSRC17607839,,isni:0000000121032683,ARTIST,100\u00e9\n# "
                + unique()
                + "\n");
    csv[csv.length - 42] = (byte) 0xFF;
    rejectedAndOnRecord(
        feeds.postBytes("feeds/splits", "text/csv", csv, false),
        "line 2, column ",
        "not valid UTF-8",
        "0xFF");
  }

  @Test
  void anXmlDecisionRequestWithAnExternalEntityIsA400AndTheEntityIsNotRead() throws Exception {
    String xxe =
        """
        <?xml version="1.0"?>
        <!DOCTYPE decisionRequest [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <decisionRequest><useType>AI_TRAINING</useType><isrc>&x;</isrc><territory>SE</territory></decisionRequest>""";
    for (String path : DECISION_PATHS) {
      HttpResponse<String> response = client.post(path, XML, XML, xxe);
      problem(response, 400, "DOCTYPE", "line 2, column ");
      assertFalse(response.body().contains("root:"), "the file's content never appears");
    }
    String ernXxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<!-- "
            + unique()
            + " -->\n<ern:NewReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/43\">&x;</ern:NewReleaseMessage>";
    HttpResponse<String> ern = feeds.post("feeds/ern", XML, JSON, ernXxe);
    rejectedAndOnRecord(ern, "DOCTYPE");
    assertFalse(ern.body().contains("root:"), ern.body());
  }

  @Test
  void emptyTruncatedAndWronglyShapedDecisionRequestsAre400NamingTheField() throws Exception {
    for (String path : DECISION_PATHS) {
      problem(client.postBytes(path, JSON, new byte[0], false), 400, "body");
      problem(client.post(path, JSON, JSON, "{\"useType\": "), 400, "line 1, column ");
      problem(client.postBytes(path, XML, new byte[0], false), 400, "body");
      problem(
          client.post(path, XML, XML, "<decisionRequest><useType>AI_TRAINING</useType>"),
          400,
          "line 1");
    }
    JsonObject array =
        problem(
            client.post("decisions", JSON, JSON, "[]"), 400, "must be a JSON object, not an array");
    assertEquals("body", array.getJsonArray("errors").getJsonObject(0).getString("field"));
    JsonObject number =
        problem(
            client.post(
                "decisions",
                JSON,
                JSON,
                """
        {"useType":"AI_TRAINING","isrc":"USRC17607839","territory":"SE","policyVersion":"three"}"""),
            400);
    assertEquals(
        "policyVersion", number.getJsonArray("errors").getJsonObject(0).getString("field"));
    JsonObject nested =
        problem(
            client.post(
                "decisions/batch",
                JSON,
                JSON,
                """
        {"requests":[{"useType":"AI_TRAINING","isrc":"USRC17607839","territory":"SE"},{"isrc":["x"]}]}"""),
            400);
    assertEquals(
        "requests[1].isrc", nested.getJsonArray("errors").getJsonObject(0).getString("field"));
    JsonObject requestsNotArray =
        problem(client.post("decisions/batch", JSON, JSON, "{\"requests\":\"all\"}"), 400);
    assertEquals(
        "requests", requestsNotArray.getJsonArray("errors").getJsonObject(0).getString("field"));
    JsonObject xmlNumber =
        problem(
            client.post(
                "decisions",
                XML,
                XML,
                "<decisionRequest><policyVersion>three</policyVersion></decisionRequest>"),
            400);
    assertEquals(
        "policyVersion", xmlNumber.getJsonArray("errors").getJsonObject(0).getString("field"));
    problem(client.post("decisions", XML, XML, "<batch/>"), 400, "<decisionRequest>");
  }

  @Test
  void emptyTruncatedAndWronglyShapedFeedMessagesAreRejectedAndOnRecord() throws Exception {
    rejectedAndOnRecord(
        feeds.postBytes(
            "feeds/consents", JSON, utf8(" ".repeat(1 + (int) (Math.random() * 1000))), false),
        "empty");
    rejectedAndOnRecord(
        feeds.post(
            "feeds/consents", JSON, JSON, "{\"consents\": [{\"artist\": \"" + unique() + "\""),
        "line 1, column ",
        "not valid JSON");
    rejectedAndOnRecord(
        feeds.post("feeds/splits", JSON, JSON, "\"" + unique() + "\""), "is a JSON string");
    rejectedAndOnRecord(
        feeds.post(
            "feeds/consents", JSON, JSON, "{\"consents\": {\"artist\": \"" + unique() + "\"}}"),
        "consents",
        "must be an array");
    JsonObject percent =
        rejectedAndOnRecord(
            feeds.post(
                "feeds/splits",
                JSON,
                JSON,
                "{\"id\":\""
                    + unique()
                    + "\",\"splitSheets\": [{\"isrc\": \"USRC17607839\", \"shares\": [{\"party\": \"p\", \"role\": \"ARTIST\","
                    + " \"percent\": {\"value\": 100}}]}]}"),
            "splitSheets[0].shares[0].percent");
    assertNotEquals("", percent.getString("detail"));
  }

  @Test
  void badQueryParametersOfTheListingsAre400NamingThemNot404() throws Exception {
    StaveClient auditor = StaveClient.as("auditor");
    problem(auditor.get("decisions?limit=lots"), 400, "limit", "'lots' is not a whole number");
    problem(auditor.get("decisions?offset=%C3%A9"), 400, "offset");
    problem(auditor.get("decisions?from=yesterday"), 400, "from");
    problem(auditor.get("feeds/messages?limit=1e3&status=LOST"), 400, "limit", "status");
    problem(
        feeds.postBytes(
            "feeds/messages/" + unique() + "/replay", "text/plain", new byte[1024], false),
        404,
        "no feed message");
  }

  /** The revenue endpoints (issue 13) read their bodies through the same hardened reader. */
  @Test
  void theRevenueEndpointsAnswerHostileBodiesWithProblemDocuments() throws Exception {
    StaveClient auditor = StaveClient.as("auditor");
    for (var endpoint :
        List.of(
            java.util.Map.entry(client, "usage"),
            java.util.Map.entry(auditor, "revenue/rates"),
            java.util.Map.entry(auditor, "revenue/adjustments"))) {
      StaveClient caller = endpoint.getKey();
      String path = endpoint.getValue();
      String deep = "{\"events\":" + "[".repeat(DEPTH) + "]".repeat(DEPTH) + "}";
      problem(caller.post(path, JSON, JSON, deep), 400, "deeper than 64 levels");
      problem(caller.postBytes(path, "text/plain", utf8("{}"), false), 415, "'text/plain'");
      problem(
          caller.postBytes(path, JSON, new byte[] {'{', '"', (byte) 0xFE, '"', '}'}, false),
          400,
          "UTF-8");
      problem(caller.post(path, JSON, JSON, "[]"), 400, "must be a JSON object");
      problem(caller.post(path, JSON, JSON, "{\"events\":"), 400);
      problem(caller.post(path, JSON, JSON, ""), 400);
      byte[] huge = new byte[(int) DECISION_LIMIT + 1];
      java.util.Arrays.fill(huge, (byte) ' ');
      problem(caller.postBytes(path, JSON, huge, false), 413, "STAVE_API_MAX_REQUEST_BYTES");
    }
    problem(
        client.post("usage", JSON, JSON, "{\"events\":[{\"quantity\":\"lots\"}]}"),
        400,
        "events[0].quantity",
        "events[0].eventId");
  }
}
