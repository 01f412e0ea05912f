package io.stave.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The decision API of a real WildFly with the real EAR, called over HTTP like an AI feature. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DecisionApiIT {
  private static final String UNKNOWN_RECORDING =
      """
      {"requestId":"%s","feature":"ai-dj","useType":"AI_CURATION","isrc":"USRC17607839",
       "territory":"SE","context":{"tier":"premium"}}""";

  @Deployment(testable = false)
  static EnterpriseArchive stave() {
    return StaveDeployment.ear();
  }

  @Test
  void aDecisionWithoutAnyLicenceIsADenyThatIsLoggedAndReadableById() throws Exception {
    String requestId = UUID.randomUUID().toString();
    HttpResponse<String> response =
        StaveClient.as("client").postJson("decisions", UNKNOWN_RECORDING.formatted(requestId));
    assertEquals(200, response.statusCode(), response.body());
    JsonObject decision = StaveClient.json(response);
    assertEquals("DENY", decision.getString("decision"));
    assertEquals(requestId, decision.getString("requestId"));
    assertTrue(decision.getJsonNumber("policyVersion").longValue() >= 1);
    assertFalse(decision.getJsonArray("reasons").isEmpty());

    HttpResponse<String> readBack =
        StaveClient.as("auditor").get("decisions/" + decision.getString("decisionId"));
    assertEquals(200, readBack.statusCode(), readBack.body());
    JsonObject logged = StaveClient.json(readBack);
    assertEquals(decision.getString("decisionId"), logged.getString("decisionId"));
    assertEquals(decision.getJsonArray("reasons"), logged.getJsonArray("reasons"));
    assertEquals("client", logged.getString("principal"));
    assertEquals(
        "premium", logged.getJsonObject("request").getJsonObject("context").getString("tier"));
  }

  @Test
  void withoutCredentialsTheApiAnswers401() throws Exception {
    var response = StaveClient.anonymous().postJson("decisions", UNKNOWN_RECORDING.formatted("x"));
    assertEquals(401, response.statusCode());
  }

  @Test
  void aFeedIntegratorMayNotAskForDecisions() throws Exception {
    var response = StaveClient.as("feeds").postJson("decisions", UNKNOWN_RECORDING.formatted("x"));
    assertEquals(403, response.statusCode());
  }

  @Test
  void aWrongPasswordIs401() throws Exception {
    var response = StaveClient.as("nobody").postJson("decisions", UNKNOWN_RECORDING.formatted("x"));
    assertEquals(401, response.statusCode());
  }

  @Test
  void xmlRequestsGetXmlDecisions() throws Exception {
    String xml =
        """
        <decisionRequest>
          <requestId>xml-1</requestId>
          <feature>ai-playlist</feature>
          <useType>AI_TRAINING</useType>
          <isrc>GB-AYE-06-01498</isrc>
          <territory>DE</territory>
          <at>2026-11-24T10:00:00Z</at>
          <context><entry key="tier">free</entry></context>
        </decisionRequest>""";
    var response =
        StaveClient.as("client").post("decisions", "application/xml", "application/xml", xml);
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
    assertTrue(response.body().contains("<decision>DENY</decision>"), response.body());
    assertTrue(response.body().contains("<requestId>xml-1</requestId>"), response.body());
  }

  @Test
  void aBatchIsAnsweredInRequestOrder() throws Exception {
    StringBuilder body = new StringBuilder("{\"requests\":[");
    List<String> ids = List.of("b-0", "b-1", "b-2", "b-3", "b-4");
    List<String> territories = List.of("SE", "NO", "US", "JP", "BR");
    for (int i = 0; i < ids.size(); i++) {
      body.append(i == 0 ? "" : ",")
          .append(
              """
          {"requestId":"%s","useType":"AI_ANALYSIS","isrc":"USRC17607839","territory":"%s"}"""
                  .formatted(ids.get(i), territories.get(i)));
    }
    body.append("]}");
    var response = StaveClient.as("client").postJson("decisions/batch", body.toString());
    assertEquals(200, response.statusCode(), response.body());
    var results = StaveClient.json(response).getJsonArray("results");
    assertEquals(ids.size(), results.size());
    for (int i = 0; i < ids.size(); i++) {
      assertEquals(ids.get(i), results.getJsonObject(i).getString("requestId"));
    }
  }

  @Test
  void aBadRequestIsAProblemNamingEveryBadField() throws Exception {
    var response =
        StaveClient.as("client")
            .postJson(
                "decisions",
                """
        {"useType":"AI_KARAOKE","isrc":"not-an-isrc","at":"yesterday"}""");
    assertEquals(400, response.statusCode(), response.body());
    assertTrue(
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"));
    JsonObject problem = StaveClient.json(response);
    assertEquals(400, problem.getInt("status"));
    List<String> fields =
        problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
            .map(e -> e.getString("field"))
            .toList();
    assertEquals(List.of("useType", "isrc", "territory", "at"), fields);
  }

  @Test
  void malformedJsonIsAProblemNotAStackTrace() throws Exception {
    var response = StaveClient.as("client").postJson("decisions", "{\"useType\": ");
    assertEquals(400, response.statusCode(), response.body());
    assertFalse(response.body().contains("Exception"), response.body());
    assertFalse(response.body().contains("\tat "), response.body());
  }

  @Test
  void anOversizedBatchIsRefusedNamingTheLimit() throws Exception {
    StringBuilder body = new StringBuilder("{\"requests\":[");
    for (int i = 0; i < 1001; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"useType\":\"AI_ANALYSIS\",\"isrc\":\"USRC17607839\",\"territory\":\"SE\"}");
    }
    body.append("]}");
    var response = StaveClient.as("client").postJson("decisions/batch", body.toString());
    assertEquals(400, response.statusCode(), response.body());
    assertTrue(response.body().contains("at most 1000"), response.body());
  }

  @Test
  void anUnknownDecisionIdIs404() throws Exception {
    var response = StaveClient.as("auditor").get("decisions/" + UUID.randomUUID());
    assertEquals(404, response.statusCode(), response.body());
  }

  @Test
  void auditorsListDecisionsByFeatureAndOnlyAuditorsMay() throws Exception {
    String feature = "feature-" + UUID.randomUUID();
    var asked =
        StaveClient.as("client")
            .postJson(
                "decisions",
                """
        {"feature":"%s","useType":"AI_VOICEOVER","isrc":"USRC17607839","territory":"SE"}"""
                    .formatted(feature));
    assertEquals(200, asked.statusCode(), asked.body());
    var page = StaveClient.as("auditor").get("decisions?feature=" + feature);
    assertEquals(200, page.statusCode(), page.body());
    var decisions = StaveClient.json(page).getJsonArray("decisions");
    assertEquals(1, decisions.size());
    assertEquals(
        StaveClient.json(asked).getString("decisionId"),
        decisions.getJsonObject(0).getString("decisionId"));
    assertEquals(403, StaveClient.as("client").get("decisions?feature=" + feature).statusCode());
  }

  @Test
  void aDryRunAgainstAStoredVersionIsAnsweredButNotLogged() throws Exception {
    long active =
        StaveClient.json(
                StaveClient.as("client")
                    .postJson("decisions", UNKNOWN_RECORDING.formatted("find-the-active-version")))
            .getJsonNumber("policyVersion")
            .longValue();
    var response =
        StaveClient.as("author")
            .postJson(
                "decisions",
                """
        {"useType":"AI_TRAINING","isrc":"USRC17607839","territory":"SE","policyVersion":%d}"""
                    .formatted(active));
    assertEquals(200, response.statusCode(), response.body());
    JsonObject decision = StaveClient.json(response);
    assertTrue(decision.getBoolean("dryRun"));
    assertEquals(active, decision.getJsonNumber("policyVersion").longValue());
    assertEquals(
        404,
        StaveClient.as("auditor").get("decisions/" + decision.getString("decisionId")).statusCode(),
        "a dry run is not a live decision and is not in the log");
  }

  @Test
  void aDryRunAgainstAVersionThatDoesNotExistIs404() throws Exception {
    var response =
        StaveClient.as("author")
            .postJson(
                "decisions",
                """
        {"useType":"AI_TRAINING","isrc":"USRC17607839","territory":"SE","policyVersion":999}""");
    assertEquals(404, response.statusCode(), response.body());
    assertTrue(response.body().contains("policy version 999"), response.body());
  }

  @Test
  void theNodeIsReadyOnlyWithDatabaseClusterCamelAndPolicyUp() throws Exception {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:9990/health/ready"))
                    .GET()
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    JsonObject health = StaveClient.json(response);
    List<String> upChecks =
        health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
            .filter(check -> check.getString("status").equals("UP"))
            .map(check -> check.getString("name"))
            .toList();
    assertTrue(
        upChecks.containsAll(
            List.of("stave-database", "stave-cluster", "stave-camel", "stave-policy")),
        upChecks.toString());
  }
}
