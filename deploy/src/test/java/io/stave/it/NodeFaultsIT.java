package io.stave.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Faults an operator meets, on a node started by {@code deploy/run.sh} in its own process (beside
 * the Arquillian server, on shifted ports): the server JVM killed with {@code kill -9} while it
 * answers decisions and applies ERN messages from its inbox, its JMS queue and HTTP posts, then
 * started again; and, on PostgreSQL, the database unreachable (a TCP proxy the test cuts) while
 * decisions run. Nothing answered 200 or APPLIED may be lost; nothing may be answered 200 while the
 * database cannot log it. {@code bench/faults/hard-kill.sh} and {@code feed-kill.sh} are the larger
 * runs of the same checks.
 */
class NodeFaultsIT {
  private static final int RELEASES = 200;
  private static final int QUEUED_RELEASES = 300;
  private static final int POSTED_RELEASES = 150;
  private static final String SENDER = "PADPIDA2026112401E";

  @Test
  void onH2WhatWasAcknowledgedBeforeAKill9IsThereAfterTheRestart() throws Exception {
    try (StaveNode node = new StaveNode("h2-kill", Map.of()).start()) {
      DecisionLoad load = new DecisionLoad(node, 8);
      await("decisions acknowledged")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> load.acknowledged().size() >= 100);
      List<Release> queued = releases(QUEUED_RELEASES);
      sendToQueue(node, queued);
      List<Release> dropped = releases(RELEASES);
      dropIntoInbox(node, dropped);
      List<Release> posted = releases(POSTED_RELEASES);
      CompletableFuture<List<String>> poster =
          CompletableFuture.supplyAsync(() -> postRetryingUntilAnswered(node, posted));
      await("part of each feed applied, with decisions still running")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> applied(node) >= 10 && appliedFromQueue(node) >= 10);
      long pendingAtKill = pending(node);
      int queuedAppliedAtKill = appliedFromQueue(node);
      node.killHard();
      load.awaitEnd();
      assertTrue(
          pendingAtKill > 0,
          "the kill came after the whole inbox was applied; nothing was"
              + " in flight (make the feed larger)");
      assertTrue(
          queuedAppliedAtKill < QUEUED_RELEASES - 10,
          "the kill came after the queue was (nearly) drained: "
              + queuedAppliedAtKill
              + " of "
              + QUEUED_RELEASES
              + " applied (send more)");

      node.start();
      assertEveryAcknowledgedDecisionIsLogged(node, load.acknowledged());
      await("the restarted node applies the rest of the inbox and of the queue")
          .atMost(Duration.ofSeconds(300))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> pending(node) == 0 && appliedFromQueue(node) == QUEUED_RELEASES);
      assertEveryMessageAppliedOnce(node, dropped);
      // A client whose POST got no answer (the node died under it) sends it again, as HTTP
      // clients do; the ledger knows the messages that were applied before the kill.
      List<String> refused = poster.get(300, TimeUnit.SECONDS);
      assertTrue(refused.isEmpty(), "feed messages posted and refused: " + refused);
      assertEveryMessageAppliedOnce(node, posted);
      // Messages the broker held at the kill, including the one being applied (acknowledged only
      // after its facts were committed), are redelivered; the ledger knows those already applied.
      assertEveryMessageAppliedOnce(node, queued);
    }
  }

  @Test
  void onPostgresqlAKill9LosesNothingAndAnOutageIs503UntilTheDatabaseIsBack() throws Exception {
    String postgres = System.getProperty("stave.test.db.url", "");
    assumeTrue(
        postgres.startsWith("jdbc:postgresql:"), "no PostgreSQL given (-Dstave.test.db.url)");
    URI database = URI.create(postgres.substring("jdbc:".length()));
    String schema =
        "stave_faults_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (TcpProxy proxy = new TcpProxy(database.getPort());
        StaveNode node =
            new StaveNode(
                "postgresql-faults",
                Map.of(
                    "STAVE_DB_URL",
                    "jdbc:postgresql://127.0.0.1:"
                        + proxy.port()
                        + database.getPath()
                        + "?currentSchema="
                        + schema,
                    "STAVE_DB_SCHEMA",
                    schema,
                    "STAVE_DB_USER",
                    System.getProperty("stave.test.db.user", "postgres"),
                    "STAVE_DB_PASSWORD",
                    Optional.ofNullable(System.getProperty("stave.test.db.password"))
                        .filter(password -> !password.isBlank() && !password.startsWith("${"))
                        .orElse("postgres")))) {
      node.start();
      DecisionLoad load = new DecisionLoad(node, 8);
      await("decisions acknowledged")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> load.acknowledged().size() >= 100);
      node.killHard();
      load.awaitEnd();
      node.start();
      assertEveryAcknowledgedDecisionIsLogged(node, load.acknowledged());

      proxy.cut();
      JsonObject down =
          await("readiness DOWN naming the database")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(250))
              .until(
                  () -> readiness(node), health -> "DOWN".equals(check(health, "stave-database")));
      assertEquals("UP", check(down, "stave-policy"), "only the database is down: " + down);
      StaveClient client = node.as("client");
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> response = client.postJson("decisions", decision("GBQZS2600001"));
        assertEquals(
            503, response.statusCode(), "a decision that cannot be logged: " + response.body());
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
      }
      HttpResponse<String> batch =
          client.postJson(
              "decisions/batch",
              "{\"requests\":[" + decision("GBQZS2600001") + "," + decision("GBQZS2600002") + "]}");
      assertEquals(503, batch.statusCode(), batch.body());
      String logged = load.acknowledged().get(0);
      assertEquals(
          503,
          node.as("auditor").get("decisions/" + logged).statusCode(),
          "the log cannot be read while the database is away");

      proxy.restore();
      await("readiness UP again, without a restart")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> "UP".equals(check(readiness(node), "stave-database")));
      HttpResponse<String> after =
          await("decisions answered again")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(250))
              .until(
                  () -> client.postJson("decisions", decision("GBQZS2600001")),
                  response -> response.statusCode() == 200);
      String id = StaveClient.json(after).getString("decisionId");
      assertEquals(200, node.as("auditor").get("decisions/" + id).statusCode());
      assertEquals(200, node.as("auditor").get("decisions/" + logged).statusCode());

      // A database that goes silent instead of refusing: connections in use hang, new ones are
      // accepted and never answered. Decisions are 503, never an unlogged 200; when the network
      // heals (the silent connections stay silent) the node recovers by itself: the driver's
      // timeouts (deploy/src/main/postgresql) drop the dead connections.
      proxy.blackHole();
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> response = client.postJson("decisions", decision("GBQZS2600001"));
        assertEquals(
            503, response.statusCode(), "a decision the silent database cannot log: " + response);
      }
      await("readiness DOWN naming the silent database")
          .atMost(Duration.ofSeconds(120))
          .ignoreExceptions()
          .pollInterval(Duration.ofMillis(500))
          .until(() -> "DOWN".equals(check(readiness(node), "stave-database")));
      proxy.heal();
      HttpResponse<String> healed =
          await("decisions answered again after the network healed, without a restart")
              .atMost(Duration.ofSeconds(180))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> client.postJson("decisions", decision("GBQZS2600001")),
                  response -> response.statusCode() == 200);
      assertEquals(
          200,
          node.as("auditor")
              .get("decisions/" + StaveClient.json(healed).getString("decisionId"))
              .statusCode());
      await("readiness UP after the network healed")
          .atMost(Duration.ofSeconds(120))
          .ignoreExceptions()
          .pollInterval(Duration.ofMillis(500))
          .until(() -> "UP".equals(check(readiness(node), "stave-database")));
    }
  }

  private static String decision(String isrc) {
    return "{\"feature\":\"fault-check\",\"useType\":\"AI_CURATION\",\"isrc\":\""
        + isrc
        + "\",\"territory\":\"SE\"}";
  }

  private static void assertEveryAcknowledgedDecisionIsLogged(
      StaveNode node, List<String> acknowledged) throws Exception {
    StaveClient auditor = node.as("auditor");
    List<String> missing = new ArrayList<>();
    for (String id : acknowledged) {
      int status = auditor.get("decisions/" + id).statusCode();
      if (status != 200) {
        missing.add(id + " (" + status + ")");
      }
    }
    assertTrue(
        missing.isEmpty(),
        missing.size()
            + " of "
            + acknowledged.size()
            + " decisions answered 200 before kill -9 are not in the log after the restart: "
            + missing.subList(0, Math.min(5, missing.size())));
  }

  /** One ERN release from the IT template: three recordings, a streaming deal and an AI deal. */
  private record Release(String messageId, List<String> isrcs, String xml) {}

  private static List<Release> releases(int count) throws IOException {
    String template;
    try (InputStream in = NodeFaultsIT.class.getResourceAsStream("/feeds/release-template.xml")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String registrant = StaveClient.randomLetters(3);
    long icpnBase = 506_000_000_000L + new Random().nextInt(900_000) * 1_000L;
    List<Release> releases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String designation = "GB" + registrant + "26" + String.format("%03d", i);
      String messageId = "faults-" + registrant + "-" + i;
      String xml =
          template
              .replace("GBQZS26000", designation)
              .replace("stave-demo-0-1", messageId)
              .replace("5060000000009", icpn(icpnBase + i));
      releases.add(
          new Release(
              messageId, List.of(designation + "00", designation + "01", designation + "02"), xml));
    }
    return releases;
  }

  private static void dropIntoInbox(StaveNode node, List<Release> releases) throws IOException {
    Path inbox = Files.createDirectories(node.inbox());
    for (Release release : releases) {
      Path part = inbox.resolve("." + release.messageId() + ".part");
      Files.writeString(part, release.xml());
      Files.move(part, inbox.resolve(release.messageId() + ".xml"));
    }
  }

  /** As a label's integration sends: persistent JMS messages to the node's stave.feeds queue. */
  private static void sendToQueue(StaveNode node, List<Release> releases) {
    try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(node.broker());
        JMSContext context = factory.createContext("feeds", "feeds")) {
      Queue queue = context.createQueue("stave.feeds");
      for (Release release : releases) {
        context
            .createProducer()
            .setDeliveryMode(DeliveryMode.PERSISTENT)
            .setProperty("kind", "ern")
            .setProperty("format", "xml")
            .send(queue, release.xml());
      }
    }
  }

  /**
   * Posts each release over HTTP, one after another, sending it again after no answer or a 503 (the
   * node is down or restarting) until it is answered; returns the refusals (anything but 200).
   */
  private static List<String> postRetryingUntilAnswered(StaveNode node, List<Release> releases) {
    StaveClient feeds = node.as("feeds");
    List<String> refused = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
    for (Release release : releases) {
      Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
      try {
        // A client's back-off: send again every 250 ms until the node answers.
        await("an answer to " + release.messageId())
            .atMost(left)
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(250))
            .until(() -> answered(feeds, release, refused));
      } catch (ConditionTimeoutException never) {
        refused.add(release.messageId() + ": never answered");
      }
    }
    return refused;
  }

  /** True when the node answered the post: 200, or a refusal (noted); false: send it again. */
  private static boolean answered(StaveClient feeds, Release release, List<String> refused)
      throws InterruptedException {
    try {
      HttpResponse<String> answer =
          feeds.postBytes(
              "feeds/ern", "application/xml", release.xml().getBytes(StandardCharsets.UTF_8));
      if (answer.statusCode() == 503 || answer.statusCode() == 404) {
        return false; // the node is starting, or its application is not deployed yet
      }
      if (answer.statusCode() != 200) {
        refused.add(release.messageId() + ": " + answer.statusCode() + " " + answer.body());
      }
      return true;
    } catch (IOException noAnswer) {
      return false; // the node is gone or not yet back
    }
  }

  private static int appliedFromQueue(StaveNode node) throws Exception {
    HttpResponse<String> page =
        node.as("feeds").get("feeds/messages?channel=JMS&status=APPLIED&limit=1000");
    return StaveClient.json(page).getJsonArray("messages").size();
  }

  /** A 13-digit ICPN (EAN-13) with its check digit. */
  private static String icpn(long twelveDigits) {
    String digits = String.format("%012d", twelveDigits);
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return digits + (10 - sum % 10) % 10;
  }

  private static long pending(StaveNode node) throws IOException {
    try (Stream<Path> files = Files.list(node.inbox())) {
      return files.filter(file -> file.getFileName().toString().endsWith(".xml")).count();
    }
  }

  private static long applied(StaveNode node) throws IOException {
    Path done = node.inbox().resolve("done");
    if (!Files.isDirectory(done)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(done)) {
      return files.count();
    }
  }

  /**
   * Every message APPLIED (none left RECEIVED or REJECTED), and its facts there once: each
   * recording with exactly the two deals of its release.
   */
  private static void assertEveryMessageAppliedOnce(StaveNode node, List<Release> releases)
      throws Exception {
    StaveClient feeds = node.as("feeds");
    StaveClient auditor = node.as("auditor");
    List<String> wrong = new ArrayList<>();
    for (Release release : releases) {
      String id =
          URLEncoder.encode("ern:" + SENDER + ":" + release.messageId(), StandardCharsets.UTF_8);
      HttpResponse<String> status = feeds.get("feeds/messages/" + id);
      if (status.statusCode() != 200
          || !"APPLIED".equals(StaveClient.json(status).getString("status"))) {
        wrong.add(release.messageId() + ": " + status.body());
        continue;
      }
      for (String isrc : release.isrcs()) {
        JsonObject recording = StaveClient.json(auditor.get("recordings/" + isrc));
        if (recording.getJsonArray("deals").size() != 2) {
          wrong.add(isrc + " has " + recording.getJsonArray("deals").size() + " deals, not 2");
        }
      }
    }
    assertTrue(
        wrong.isEmpty(),
        wrong.size()
            + " problems after the kill mid-feed, e.g. "
            + wrong.subList(0, Math.min(5, wrong.size())));
  }

  private static JsonObject readiness(StaveNode node) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(node.readiness())
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return StaveClient.json(response);
  }

  private static String check(JsonObject health, String name) {
    return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(check -> name.equals(check.getString("name")))
        .map(check -> check.getString("status"))
        .findFirst()
        .orElse("MISSING");
  }
}
