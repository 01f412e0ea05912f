package io.stave.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may call what: every endpoint as anonymous and as each of the six development users (README,
 * "Who may call what"). One row per endpoint; a new endpoint is one more line in {@link #TABLE}.
 * The whole table is compared at once, so a failure shows every cell that differs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoleTableIT {
  /** Columns, in this order: no credentials, then the users (password = user name). */
  private static final List<String> CALLERS =
      List.of("anonymous", "client", "feeds", "author", "approver", "auditor", "holder");

  private record Row(
      String method, String path, String contentType, String body, List<Integer> expected) {
    String name() {
      return method
          + " "
          + path
          + (body != null && body.contains("policyVersion") ? " (dry run)" : "");
    }
  }

  /**
   * Six statuses (anonymous to auditor): the rights holder ({@code holder}) then gets 403, or 200
   * on the management port; seven name the rights holder's too.
   */
  private static Row row(
      String method, String path, String contentType, String body, Integer... expected) {
    List<Integer> statuses = new java.util.ArrayList<>(List.of(expected));
    if (statuses.size() == CALLERS.size() - 1) {
      statuses.add(path.startsWith("http") ? 200 : 403);
    }
    return new Row(method, path, contentType, body, statuses);
  }

  private static final String JSON = "application/json";
  private static final String LIVE =
      """
      {"feature":"roles","useType":"AI_CURATION","isrc":"{isrc}","territory":"SE"}""";
  private static final String DRY_RUN =
      """
      {"feature":"roles","useType":"AI_CURATION","isrc":"{isrc}","territory":"SE","policyVersion":{version}}""";

  /** An artist of its own: an opt-out of a shared artist would change other tests' decisions. */
  private static final String CONSENT =
      "artist,useType,choice,effectiveFrom,source\n"
          + "role-table-artist-{nonce},AI_TRAINING,OPT_OUT,2026-01-01,role table\n";

  /** A usage event for the table's decision, with an id of its own per caller. */
  private static final String USAGE =
      """
      {"eventId":"roles-{nonce}","decisionId":"{decision}","feature":"roles","useType":"AI_CURATION","isrc":"{isrc}","unit":"PLAYS","quantity":1,"from":"{usageFrom}"}""";

  private static final String RATES =
      """
      {"rates":[{"from":"JPY","to":"EUR","rate":"0.0062","validFrom":"2000-01-01"}]}""";
  private static final String ADJUSTMENT =
      """
      {"partyId":"role-table","amount":"0.00","currency":"EUR","reason":"role table"}""";

  /** {placeholders} are filled in from what {@link #createTheThingsToRead} made. */
  static final List<Row> TABLE =
      List.of(
          //
          // anon client feeds author approver auditor
          row("POST", "api/v1/decisions", JSON, LIVE, 401, 200, 403, 403, 403, 403),
          row("POST", "api/v1/decisions", JSON, DRY_RUN, 401, 200, 403, 200, 200, 403),
          row(
              "POST",
              "api/v1/decisions/batch",
              JSON,
              "{\"requests\":[" + LIVE + "]}",
              401,
              200,
              403,
              403,
              403,
              403),
          row(
              "POST",
              "api/v1/decisions/batch",
              JSON,
              "{\"policyVersion\":{version},\"requests\":[" + LIVE + "]}",
              401,
              200,
              403,
              200,
              200,
              403),
          row("GET", "api/v1/decisions/{decision}", null, null, 401, 200, 403, 200, 403, 200),
          row("GET", "api/v1/decisions?limit=1", null, null, 401, 403, 403, 403, 403, 200),
          row("POST", "api/v1/feeds/consents", "text/csv", CONSENT, 401, 403, 200, 403, 403, 403),
          row("GET", "api/v1/feeds/messages?limit=1", null, null, 401, 403, 200, 200, 403, 200),
          row("GET", "api/v1/feeds/messages/{message}", null, null, 401, 403, 200, 200, 403, 200),
          row(
              "GET",
              "api/v1/feeds/messages/{message}/content",
              null,
              null,
              401,
              403,
              200,
              403,
              403,
              200),
          row(
              "POST",
              "api/v1/feeds/messages/{message}/replay",
              "text/plain",
              "",
              401,
              403,
              200,
              403,
              403,
              403),
          row("GET", "api/v1/recordings/{isrc}", null, null, 401, 200, 200, 200, 200, 200),
          row("GET", "api/v1/console/session", null, null, 401, 200, 200, 200, 200, 200, 200),
          row("GET", "api/v1/console/fact-model", null, null, 401, 403, 403, 200, 200, 200, 403),
          row("GET", "api/v1/policies", null, null, 401, 403, 403, 200, 200, 200),
          row("GET", "api/v1/policies/1", null, null, 401, 403, 403, 200, 200, 200),
          row("GET", "api/v1/policies/1/files", null, null, 401, 403, 403, 200, 200, 200),
          row("GET", "api/v1/policies/1/diff/1", null, null, 401, 403, 403, 200, 200, 200),
          row("GET", "api/v1/policies/audit?limit=1", null, null, 401, 403, 403, 200, 200, 200),
          row("GET", "api/v1/policies/nodes", null, null, 401, 403, 403, 200, 200, 200),
          row(
              "POST",
              "api/v1/policies",
              JSON,
              "{\"files\":{\"empty.drl\":\"package io.stave.policy.role;\"}}",
              401,
              403,
              403,
              201,
              403,
              403),
          row("POST", "api/v1/policies/1/validate", JSON, "{}", 401, 403, 403, 200, 200, 403),
          row("POST", "api/v1/policies/1/test", JSON, "{}", 401, 403, 403, 200, 200, 403),
          // Version 1 (the shipped baseline) is no draft: the role may call it, the state refuses
          // (409).
          row("POST", "api/v1/policies/1/submit", JSON, "{}", 401, 403, 403, 409, 403, 403),
          row("POST", "api/v1/policies/1/approve", JSON, "{}", 401, 403, 403, 403, 409, 403),
          row("POST", "api/v1/policies/1/activate", JSON, "{}", 401, 403, 403, 403, 409, 403),
          // Revenue (issue 13); the last column is the rights holder.
          row("POST", "api/v1/usage", JSON, USAGE, 401, 200, 403, 403, 403, 403, 403),
          row("GET", "api/v1/revenue/periods", null, null, 401, 403, 403, 403, 403, 200, 403),
          row(
              "GET",
              "api/v1/revenue/periods/{period}",
              null,
              null,
              401,
              403,
              403,
              403,
              403,
              200,
              403),
          row(
              "POST",
              "api/v1/revenue/periods/{period}/close",
              JSON,
              "",
              401,
              403,
              403,
              403,
              403,
              409,
              403),
          row("POST", "api/v1/revenue/rates", JSON, RATES, 401, 403, 403, 403, 403, 200, 403),
          row(
              "POST",
              "api/v1/revenue/adjustments",
              JSON,
              ADJUSTMENT,
              401,
              403,
              403,
              403,
              403,
              200,
              403),
          row("GET", "api/v1/statements/{period}", null, null, 401, 403, 403, 403, 403, 200, 403),
          row(
              "GET",
              "api/v1/statements/{period}/export.csv",
              null,
              null,
              401,
              403,
              403,
              403,
              403,
              200,
              403),
          row(
              "GET",
              "api/v1/statements/{period}/export.dsr",
              null,
              null,
              401,
              403,
              403,
              403,
              403,
              200,
              403),
          row(
              "GET",
              "api/v1/statements/{period}/parties/{holderParty}",
              null,
              null,
              401,
              403,
              403,
              403,
              403,
              200,
              200),
          row(
              "GET",
              "api/v1/statements/{period}/parties/{holderParty}/export.csv",
              null,
              null,
              401,
              403,
              403,
              403,
              403,
              200,
              200),
          row(
              "GET",
              "api/v1/statements/{period}/parties/{labelParty}",
              null,
              null,
              401,
              403,
              403,
              403,
              403,
              200,
              403),
          row(
              "GET",
              "http://127.0.0.1:9990/health/ready",
              null,
              null,
              200,
              200,
              200,
              200,
              200,
              200));

  private static final Map<String, String> VALUES = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Deployment(testable = false)
  static EnterpriseArchive stave() {
    return StaveDeployment.ear();
  }

  /** A recording (an ERN release posted as feeds), its feed message, a logged decision on it. */
  @BeforeAll
  static void createTheThingsToRead() throws Exception {
    String registrant = StaveClient.randomLetters(3);
    String messageId = "roles-" + registrant + "-" + System.nanoTime();
    String release;
    try (InputStream in = RoleTableIT.class.getResourceAsStream("/feeds/release-template.xml")) {
      release =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("GBQZS26", "GB" + registrant + "26")
              .replace("stave-demo-0-1", messageId);
    }
    var posted = StaveClient.as("feeds").post("feeds/ern", "application/xml", JSON, release);
    assertEquals(200, posted.statusCode(), posted.body());
    VALUES.put(
        "message",
        URLEncoder.encode(StaveClient.json(posted).getString("messageId"), StandardCharsets.UTF_8));
    VALUES.put("isrc", "GB" + registrant + "2600000");
    var decided =
        StaveClient.as("client").postJson("decisions", LIVE.replace("{isrc}", VALUES.get("isrc")));
    assertEquals(200, decided.statusCode(), decided.body());
    VALUES.put("decision", StaveClient.json(decided).getString("decisionId"));
    VALUES.put("version", StaveClient.json(decided).getJsonNumber("policyVersion").toString());
    VALUES.put("usageFrom", java.time.Instant.now().plusSeconds(1).toString());
    VALUES.put("period", RevenueFixture.closedPeriodWithStatements().toString());
    VALUES.put(
        "holderParty", URLEncoder.encode(RevenueFixture.HOLDER_PARTY, StandardCharsets.UTF_8));
    VALUES.put("labelParty", URLEncoder.encode(RevenueFixture.LABEL_PARTY, StandardCharsets.UTF_8));
  }

  @Test
  void everyEndpointAnswersEachRoleAsTheTableSays() throws Exception {
    StringBuilder expected = new StringBuilder();
    StringBuilder actual = new StringBuilder();
    for (Row row : TABLE) {
      expected.append(line(row.name(), row.expected()));
      List<Integer> statuses = new java.util.ArrayList<>();
      for (String caller : CALLERS) {
        statuses.add(call(row, caller));
      }
      actual.append(line(row.name(), statuses));
    }
    assertEquals(
        expected.toString(),
        actual.toString(),
        "status per caller (" + String.join(", ", CALLERS) + ")");
  }

  private static String line(String name, List<Integer> statuses) {
    return String.format("%-50s %s%n", name, statuses);
  }

  private int call(Row row, String caller) throws Exception {
    String path = fill(row.path(), caller);
    URI uri =
        path.startsWith("http")
            ? URI.create(path)
            : URI.create("http://127.0.0.1:8080/").resolve(path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json, */*");
    if (!caller.equals("anonymous")) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((caller + ":" + caller).getBytes(StandardCharsets.UTF_8)));
    }
    if (row.method().equals("GET")) {
      request.GET();
    } else {
      request
          .header("Content-Type", row.contentType())
          .method(row.method(), HttpRequest.BodyPublishers.ofString(fill(row.body(), caller)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String fill(String text, String caller) {
    String filled = text.replace("{nonce}", caller + "-" + System.nanoTime());
    for (var value : VALUES.entrySet()) {
      filled = filled.replace("{" + value.getKey() + "}", value.getValue());
    }
    return filled;
  }
}
