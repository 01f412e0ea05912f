package io.stave.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The feed channels of the running server: an ERN file dropped into its inbox becomes the deal a
 * PERMIT depends on; a broken message posted over HTTP is a 422 problem document with its reason,
 * kept for replay.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FeedInboxIT {
  private static final String DECIDE =
      """
      {"feature":"ai-playlist","useType":"AI_CURATION","isrc":"%s","territory":"SE"}""";

  @Deployment(testable = false)
  static EnterpriseArchive stave() {
    return StaveDeployment.ear();
  }

  /** The template release with an ISRC registrant, message id and ICPN no earlier run used. */
  private static String freshRelease(String registrant, String messageId) throws Exception {
    try (InputStream in = FeedInboxIT.class.getResourceAsStream("/feeds/release-template.xml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("GBQZS26", "GB" + registrant + "26")
          .replace("stave-demo-0-1", messageId);
    }
  }

  @Test
  void anErnFileDroppedIntoTheInboxLicensesWhatItsDealSays() throws Exception {
    String registrant = StaveClient.randomLetters(3);
    String isrc = "GB" + registrant + "2600000";
    String messageId = "it-" + registrant + "-" + System.nanoTime();
    StaveClient client = StaveClient.as("client");
    assertEquals(
        "DENY",
        StaveClient.json(client.postJson("decisions", DECIDE.formatted(isrc)))
            .getString("decision"),
        "before the feed the recording is unknown");

    Path inbox = Path.of(System.getProperty("stave.build.dir"), "it-data", "inbox");
    Files.createDirectories(inbox);
    Path part = inbox.resolve("." + messageId + ".part");
    Files.writeString(part, freshRelease(registrant, messageId));
    Files.move(part, inbox.resolve(messageId + ".xml"));

    JsonObject status = StaveClient.feedMessageOnceDecided("ern:PADPIDA2026112401E:" + messageId);
    assertEquals("APPLIED", status.getString("status"), status.toString());
    Path done = inbox.resolve("done/" + messageId + ".xml");
    await("the file moved to done/").atMost(Duration.ofSeconds(10)).until(() -> Files.exists(done));

    JsonObject decision = StaveClient.json(client.postJson("decisions", DECIDE.formatted(isrc)));
    assertEquals("PERMIT", decision.getString("decision"), decision.toString());
    assertTrue(
        decision.getJsonArray("reasons").toString().contains("PADPIDA2026112401E/icpn:"),
        decision.toString());

    JsonObject recording = StaveClient.json(StaveClient.as("auditor").get("recordings/" + isrc));
    assertTrue(
        recording.getJsonArray("parties").toString().contains("isni:0000000500000008"),
        recording.toString());
    assertEquals(2, recording.getJsonArray("deals").size(), recording.toString());
    assertEquals(
        404,
        StaveClient.as("auditor").get("recordings/GB" + registrant + "2699999").statusCode(),
        "a recording no feed named");
    HttpResponse<String> malformed = StaveClient.as("auditor").get("recordings/not-an-isrc");
    assertEquals(400, malformed.statusCode(), malformed.body());
    assertTrue(malformed.body().contains("isrc"), malformed.body());
  }

  @Test
  void aBrokenMessagePostedOverHttpIs422WithItsReasonAndCanBeReplayed() throws Exception {
    String body =
        "<ern:NewReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/43\"><MessageHeader>"
            + System.nanoTime();
    HttpResponse<String> response =
        StaveClient.as("feeds").post("feeds/ern", "application/xml", "application/json", body);
    assertEquals(422, response.statusCode(), response.body());
    assertTrue(
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"));
    JsonObject receipt = StaveClient.json(response).getJsonObject("receipt");
    assertEquals("REJECTED", receipt.getString("status"));
    assertTrue(
        receipt.getJsonArray("problems").getJsonObject(0).getString("where").startsWith("line 1"),
        receipt.toString());

    String id = URLEncoder.encode(receipt.getString("messageId"), StandardCharsets.UTF_8);
    HttpResponse<String> replay =
        StaveClient.as("feeds")
            .post("feeds/messages/" + id + "/replay", "text/plain", "application/json", "");
    assertEquals(422, replay.statusCode(), "still broken: " + replay.body());

    HttpResponse<String> original =
        StaveClient.as("auditor").get("feeds/messages/" + id + "/content");
    assertEquals(200, original.statusCode());
    assertEquals(body, original.body(), "the original bytes are kept");

    HttpResponse<String> listed =
        StaveClient.as("auditor").get("feeds/messages?status=REJECTED&kind=ern&limit=500");
    assertEquals(200, listed.statusCode(), listed.body());
    assertTrue(listed.body().contains(receipt.getString("messageId")));

    HttpResponse<String> unknownFeed =
        StaveClient.as("feeds").post("feeds/lyrics", "text/csv", "application/json", "a");
    assertEquals(404, unknownFeed.statusCode(), unknownFeed.body());
    HttpResponse<String> unknownFormat =
        StaveClient.as("feeds").post("feeds/consents", "text/plain", "application/json", "a");
    assertEquals(415, unknownFormat.statusCode(), unknownFormat.body());
    assertTrue(unknownFormat.body().contains("Content-Type"), unknownFormat.body());

    HttpResponse<String> asClient =
        StaveClient.as("client").post("feeds/ern", "application/xml", "application/json", body);
    assertEquals(403, asClient.statusCode(), "only feed integrators post feeds");
  }
}
