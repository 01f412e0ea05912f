package io.stave.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A policy author changes a rule through the authoring API of the running server, an approver
 * approves and activates it, decisions follow at once, and a rollback restores the earlier rules.
 * Ends with the version that was active before restored, so other tests see the same rules.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PolicyAuthoringIT {
  private static final String RULE =
      """
      package io.stave.policy.it;

      import io.stave.rules.domain.DecisionRequest;
      import io.stave.rules.domain.Denial;
      import io.stave.rules.domain.ReasonCode;
      import io.stave.rules.domain.UseType;

      rule "Feature %1$s may not curate"
      when
          $request : DecisionRequest( feature == "%1$s", useType == UseType.AI_CURATION )
      then
          insert( new Denial( ReasonCode.POLICY_DENIED, drools.getRule().getName(), "Withheld for %1$s." ) );
      end
      """;

  @Deployment(testable = false)
  static EnterpriseArchive stave() {
    return StaveDeployment.ear();
  }

  private static JsonObject ok(HttpResponse<String> response) {
    assertTrue(
        response.statusCode() / 100 == 2, () -> response.statusCode() + " " + response.body());
    return StaveClient.json(response);
  }

  private static HttpResponse<String> post(String user, String path, JsonObject body)
      throws Exception {
    return StaveClient.as(user).postJson(path, body == null ? "{}" : body.toString());
  }

  private static long activeVersion() throws Exception {
    JsonObject list = ok(StaveClient.as("auditor").get("policies"));
    return list.getJsonArray("versions").getValuesAs(JsonObject.class).stream()
        .filter(v -> v.getString("status").equals("ACTIVE"))
        .findFirst()
        .orElseThrow()
        .getJsonNumber("version")
        .longValue();
  }

  private static JsonObject decide(String feature) throws Exception {
    return ok(
        StaveClient.as("client")
            .postJson(
                "decisions",
                "{\"feature\":\""
                    + feature
                    + "\",\"useType\":\"AI_CURATION\",\"isrc\":\"ZZAAA2612345\",\"territory\":\"SE\"}"));
  }

  private static boolean withheld(JsonObject decision) {
    return decision.getJsonArray("reasons").toString().contains("POLICY_DENIED");
  }

  @Test
  void anAuthorsRuleIsApprovedActivatedDecidedOnAndRolledBack() throws Exception {
    String feature = "it-" + StaveClient.randomLetters(8).toLowerCase();
    long before = activeVersion();
    assertFalse(withheld(decide(feature)));

    JsonObject created =
        ok(
            post(
                "author",
                "policies",
                Json.createObjectBuilder()
                    .add("basedOn", before)
                    .add("description", "withhold " + feature)
                    .add(
                        "files",
                        Json.createObjectBuilder().add("withhold.drl", RULE.formatted(feature)))
                    .build()));
    long version = created.getJsonNumber("version").longValue();
    assertEquals("DRAFT", created.getString("stage"));

    JsonObject validation = ok(post("author", "policies/" + version + "/validate", null));
    assertTrue(validation.getBoolean("compiles"), validation.toString());
    JsonObject test = ok(post("author", "policies/" + version + "/test", null));
    assertEquals(0, test.getInt("failed"), test.toString());
    assertTrue(test.getJsonObject("coverage").getInt("rules") > 0);
    JsonObject diff = ok(StaveClient.as("approver").get("policies/" + before + "/diff/" + version));
    assertTrue(
        diff.toString().contains("\"file\":\"withhold.drl\",\"change\":\"ADDED\""),
        diff.toString());

    assertEquals(
        "SUBMITTED",
        ok(post("author", "policies/" + version + "/submit", null)).getString("stage"));
    assertEquals(
        403,
        post("author", "policies/" + version + "/approve", null).statusCode(),
        "authors do not approve");
    JsonObject approved =
        ok(
            post(
                "approver",
                "policies/" + version + "/approve",
                Json.createObjectBuilder().add("checksum", created.getString("checksum")).build()));
    assertEquals("APPROVED", approved.getString("stage"));

    JsonObject activation = ok(post("approver", "policies/" + version + "/activate", null));
    assertTrue(activation.getBoolean("everyNodeRunsIt"), activation.toString());
    JsonObject decision = decide(feature);
    assertTrue(withheld(decision), decision.toString());
    assertEquals(version, decision.getJsonNumber("policyVersion").longValue());
    assertEquals(
        409,
        post("approver", "policies/" + version + "/activate", null).statusCode(),
        "an active version is no draft");

    JsonObject rollback = ok(post("approver", "policies/" + before + "/rollback", null));
    long restored = rollback.getJsonNumber("version").longValue();
    assertTrue(restored > version, "a rollback is a new version: history only grows");
    assertFalse(withheld(decide(feature)), "the earlier rules decide again");
    assertEquals(restored, activeVersion());

    JsonObject audit = ok(StaveClient.as("auditor").get("policies/audit?version=" + version));
    String actions =
        audit.getJsonArray("entries").getValuesAs(JsonObject.class).stream()
            .map(e -> e.getString("action") + ":" + e.getString("actor"))
            .toList()
            .toString();
    for (String step :
        new String[] {
          "CREATE:author",
          "VALIDATE:author",
          "TEST:author",
          "SUBMIT:author",
          "APPROVE:approver",
          "ACTIVATE:approver"
        }) {
      assertTrue(actions.contains(step), step + " in " + actions);
    }
  }

  @Test
  void ruleSourcesThatReachOutsideTheFactModelAreRefusedWithWhereAndWhat() throws Exception {
    JsonObject created =
        ok(
            post(
                "author",
                "policies",
                Json.createObjectBuilder()
                    .add(
                        "files",
                        Json.createObjectBuilder()
                            .add(
                                "reach.drl",
                                RULE.formatted("x")
                                    .replace(
                                        "insert(", "java.nio.file.Files.delete(null); insert(")))
                    .build()));
    long version = created.getJsonNumber("version").longValue();
    JsonObject validation = ok(post("author", "policies/" + version + "/validate", null));
    assertFalse(validation.getBoolean("compiles"));
    JsonObject problem = validation.getJsonArray("problems").getJsonObject(0);
    assertEquals("reach.drl", problem.getString("file"));
    assertEquals(12, problem.getInt("line"), validation.toString());
    assertTrue(problem.getString("kind").startsWith("file or network access"), problem.toString());
    HttpResponse<String> submit = post("author", "policies/" + version + "/submit", null);
    assertEquals(400, submit.statusCode(), submit.body());
  }

  @Test
  void aDecisionTableGoesOutAndComesBackAsXlsx() throws Exception {
    long active = activeVersion();
    HttpResponse<byte[]> workbook =
        StaveClient.as("author")
            .getBytes(
                "policies/" + active + "/files/consent-defaults.drl.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertEquals(200, workbook.statusCode());
    assertEquals('P', (char) workbook.body()[0], "an XLSX file is a zip");

    JsonObject created =
        ok(
            post(
                "author",
                "policies",
                Json.createObjectBuilder()
                    .add("basedOn", active)
                    .add(
                        "files",
                        Json.createObjectBuilder()
                            .add(
                                "consent-defaults.drl.xlsx",
                                Json.createObjectBuilder()
                                    .add(
                                        "base64",
                                        java.util.Base64.getEncoder()
                                            .encodeToString(workbook.body()))))
                    .build()));
    long version = created.getJsonNumber("version").longValue();
    JsonObject files =
        ok(StaveClient.as("author").get("policies/" + version + "/files")).getJsonObject("files");
    assertTrue(
        files.getString("consent-defaults.drl.csv").contains("AI training needs the opt-in"),
        files.toString());
    assertEquals(
        0,
        ok(post("author", "policies/" + version + "/test", null)).getInt("failed"),
        "the table read back from XLSX decides as the CSV did");
  }

  @Test
  void whoMayDoWhat() throws Exception {
    assertEquals(403, StaveClient.as("client").get("policies").statusCode());
    assertEquals(403, StaveClient.as("feeds").get("policies").statusCode());
    assertEquals(200, StaveClient.as("auditor").get("policies").statusCode());
    assertEquals(403, post("auditor", "policies", JsonValue.EMPTY_JSON_OBJECT).statusCode());
    assertEquals(
        403,
        post("approver", "policies", JsonValue.EMPTY_JSON_OBJECT).statusCode(),
        "approvers do not write");
    assertEquals(401, StaveClient.anonymous().get("policies").statusCode());
    HttpResponse<String> noFiles = post("author", "policies", JsonValue.EMPTY_JSON_OBJECT);
    assertEquals(400, noFiles.statusCode(), noFiles.body());
    assertTrue(noFiles.body().contains("files"), noFiles.body());
  }
}
