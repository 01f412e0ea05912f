package io.stave.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real WildFly nodes started by {@code deploy/cluster.sh 2}, on shifted ports and a cluster of
 * their own, against one database (PostgreSQL when the build is given one, else one H2 file in
 * server mode): facts and opt-outs applied through node A are decided on by node B, and a version
 * activated through A is the version B answers with, with no request failing across the switch.
 */
class TwoNodeClusterIT {
  private static final Path REPO = Path.of(System.getProperty("stave.repo.root"));
  private static final int OFFSET = 400;
  private static final int NODE_A = 8080 + OFFSET;
  private static final int NODE_B = 8180 + OFFSET;
  private static final String ARTIST = "isni:0000000500000008";
  private static Process cluster;
  private static Path output;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    Path dir =
        Path.of(System.getProperty("stave.build.dir"), "cluster-it", UUID.randomUUID().toString());
    Files.createDirectories(dir);
    output = dir.resolve("cluster.log");
    ProcessBuilder start =
        new ProcessBuilder(REPO.resolve("deploy/cluster.sh").toString(), "--no-build", "2")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    Map<String, String> env = start.environment();
    env.put("STAVE_CLUSTER_DIR", dir.toString());
    env.put("STAVE_CLUSTER_NAME", "cluster-it-" + UUID.randomUUID());
    env.put("STAVE_CLUSTER_BASE_OFFSET", Integer.toString(OFFSET));
    env.put("STAVE_CLUSTER_BASE_PORT", "5921");
    env.put("STAVE_DEMO", "0");
    env.put("STAVE_READY_TIMEOUT", "240");
    String postgres = System.getProperty("stave.test.db.url", "");
    if (postgres.startsWith("jdbc:postgresql:")) {
      String schema =
          "stave_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      env.put("STAVE_DB_URL", postgres + "?currentSchema=" + schema);
      env.put("STAVE_DB_SCHEMA", schema);
      env.put("STAVE_DB_USER", System.getProperty("stave.test.db.user", "postgres"));
      env.put("STAVE_DB_PASSWORD", System.getProperty("stave.test.db.password", "postgres"));
    }
    cluster = start.start();
    await("both nodes ready")
        .atMost(Duration.ofSeconds(300))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              String log = Files.readString(output);
              if (!cluster.isAlive()) {
                throw new AssertionError("cluster.sh stopped: " + log);
              }
              return log.contains("is ready (members");
            });
  }

  @AfterAll
  static void stopTwoNodes() throws Exception {
    if (cluster != null) {
      cluster.toHandle().destroy(); // SIGTERM: cluster.sh stops every node
      if (!cluster.waitFor(120, TimeUnit.SECONDS)) {
        cluster.descendants().forEach(ProcessHandle::destroyForcibly);
        cluster.destroyForcibly();
      }
    }
  }

  private static JsonObject decide(int node, String feature, String isrc) throws Exception {
    HttpResponse<String> response =
        StaveClient.as("client", node)
            .postJson(
                "decisions",
                "{\"feature\":\""
                    + feature
                    + "\",\"useType\":\"AI_CURATION\",\"isrc\":\""
                    + isrc
                    + "\",\"territory\":\"SE\"}");
    assertEquals(200, response.statusCode(), response.body());
    return StaveClient.json(response);
  }

  private static JsonObject ok(HttpResponse<String> response) {
    assertTrue(
        response.statusCode() / 100 == 2, () -> response.statusCode() + " " + response.body());
    return StaveClient.json(response);
  }

  private static String release(String registrant) throws Exception {
    try (InputStream in =
        TwoNodeClusterIT.class.getResourceAsStream("/feeds/release-template.xml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("GBQZS26", "GB" + registrant + "26")
          .replace("stave-demo-0-1", "cluster-" + registrant);
    }
  }

  @Test
  void anOptOutAppliedOnNodeAChangesNodeBsDecisionAtOnce() throws Exception {
    String registrant = StaveClient.randomLetters(3);
    String isrc = "GB" + registrant + "2600000";
    ok(
        StaveClient.as("feeds", NODE_A)
            .post("feeds/ern", "application/xml", "application/json", release(registrant)));
    assertEquals(
        "PERMIT",
        decide(NODE_B, "ai-playlist", isrc).getString("decision"),
        "node B decides on the release node A took in");

    ok(
        StaveClient.as("feeds", NODE_A)
            .post(
                "feeds/consents",
                "text/csv",
                "application/json",
                "artist,useType,choice,effectiveFrom,source\n"
                    + ARTIST
                    + ",AI_CURATION,OPT_OUT,2026-01-01,cluster test\n"));
    long applied = System.nanoTime();
    await("node B sees the opt-out")
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> decide(NODE_B, "ai-playlist", isrc).getString("decision").equals("DENY"));
    System.out.printf(
        "opt-out on A seen by B after %d ms%n", (System.nanoTime() - applied) / 1_000_000);
    assertTrue(
        decide(NODE_B, "ai-playlist", isrc)
            .getJsonArray("reasons")
            .toString()
            .contains("ARTIST_OPTED_OUT"));
  }

  @Test
  void aVersionActivatedOnNodeAIsTheVersionNodeBAnswersWithAndNoRequestFailsAcrossTheSwitch()
      throws Exception {
    String feature = "cluster-" + StaveClient.randomLetters(6).toLowerCase();
    JsonObject list = ok(StaveClient.as("author", NODE_A).get("policies"));
    long before =
        list.getJsonArray("versions").getValuesAs(JsonObject.class).stream()
            .filter(v -> v.getString("status").equals("ACTIVE"))
            .findFirst()
            .orElseThrow()
            .getJsonNumber("version")
            .longValue();
    String rule =
        """
        package io.stave.policy.cluster;
        import io.stave.rules.domain.DecisionRequest;
        import io.stave.rules.domain.Denial;
        import io.stave.rules.domain.ReasonCode;
        rule "Feature %1$s is withheld"
        when
            $request : DecisionRequest( feature == "%1$s" )
        then
            insert( new Denial( ReasonCode.POLICY_DENIED, drools.getRule().getName(), "Withheld." ) );
        end
        """
            .formatted(feature);
    JsonObject draft =
        ok(
            StaveClient.as("author", NODE_A)
                .postJson(
                    "policies",
                    Json.createObjectBuilder()
                        .add("basedOn", before)
                        .add("files", Json.createObjectBuilder().add("cluster.drl", rule))
                        .build()
                        .toString()));
    long version = draft.getJsonNumber("version").longValue();
    ok(StaveClient.as("author", NODE_A).postJson("policies/" + version + "/submit", "{}"));
    ok(
        StaveClient.as("approver", NODE_A)
            .postJson(
                "policies/" + version + "/approve",
                "{\"checksum\":\"" + draft.getString("checksum") + "\"}"));

    ExecutorService load = Executors.newFixedThreadPool(4);
    List<Future<JsonObject>> answers = new ArrayList<>();
    Future<JsonObject> activation = null;
    try {
      for (int i = 0; i < 1_000; i++) {
        int node = i % 2 == 0 ? NODE_A : NODE_B;
        answers.add(load.submit(() -> decide(node, feature, "ZZAAA2600001")));
        if (i == 200) {
          activation =
              load.submit(
                  () ->
                      ok(
                          StaveClient.as("approver", NODE_A)
                              .postJson("policies/" + version + "/activate", "{}")));
        }
      }
      int old = 0;
      int next = 0;
      for (Future<JsonObject> answer : answers) {
        JsonObject decision = answer.get(120, TimeUnit.SECONDS); // a failed request fails here
        long madeBy = decision.getJsonNumber("policyVersion").longValue();
        boolean withheld = decision.getJsonArray("reasons").toString().contains("POLICY_DENIED");
        assertTrue(
            madeBy == before && !withheld || madeBy == version && withheld,
            "each answer is wholly one version's: " + decision);
        if (madeBy == before) {
          old++;
        } else {
          next++;
        }
      }
      assertTrue(activation.get(120, TimeUnit.SECONDS).getBoolean("everyNodeRunsIt"));
      System.out.printf(
          "1,000 decisions across the switch: %d by version %d, %d by version %d%n",
          old, before, next, version);
    } finally {
      load.shutdownNow();
    }
    await("both nodes run the new version")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonObject nodes = ok(StaveClient.as("auditor", NODE_B).get("policies/nodes"));
              return nodes.getJsonArray("nodes").size() == 2
                  && nodes.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                      .allMatch(
                          n ->
                              n.containsKey("version")
                                  && n.getJsonNumber("version").longValue() == version);
            });
    assertEquals(
        version,
        decide(NODE_B, feature, "ZZAAA2600001").getJsonNumber("policyVersion").longValue());
  }
}
