package io.stave.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Label messages as real labels send them, through the HTTP feed of the running server: no split
 * sheet and only an {@code Artist} named, UTF-16 with a byte-order mark, and a release purged after
 * it was delivered.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RealCatalogueIT {
  private static final String LABEL = "dpid:PADPIDA2026112401E";
  private static final String DECIDE =
      """
      {"feature":"ai-playlist","useType":"%s","isrc":"%s","territory":"SE"}""";

  @Deployment(testable = false)
  static EnterpriseArchive stave() {
    return StaveDeployment.ear();
  }

  /** The template release under an ISRC registrant, message id and ICPN of its own. */
  /** A random ISNI with its ISO 7064 MOD 11-2 check character. */
  private static String isni() {
    String digits = "0000000" + String.format("%08d", new java.util.Random().nextInt(100_000_000));
    int total = 0;
    for (char c : digits.toCharArray()) {
      total = (total + (c - '0')) * 2;
    }
    int check = (12 - total % 11) % 11;
    return digits + (check == 10 ? "X" : Integer.toString(check));
  }

  private static String release(String registrant) throws Exception {
    try (InputStream in =
        RealCatalogueIT.class.getResourceAsStream("/feeds/release-template.xml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("GBQZS26", "GB" + registrant + "26")
          // its own artist: the template's is the demo artist, whom other tests' feeds opt in
          .replace("<ISNI>0000000500000008</ISNI>", "<ISNI>" + isni() + "</ISNI>")
          .replace("stave-demo-0-1", "real-" + registrant + "-" + System.nanoTime())
          .replace(
              "<ICPN>5060000000009</ICPN>",
              "<ICPN>5060" + (100_000_000L + new Random().nextInt(899_999_999)) + "</ICPN>");
    }
  }

  /** As labels mostly send it: no rights-controller shares, so no split sheet at all. */
  private static String withoutRightsControllers(String release) {
    return release.replaceAll("<ResourceRightsController>.*?</ResourceRightsController>", "");
  }

  private static JsonObject decide(String useType, String isrc) throws Exception {
    HttpResponse<String> response =
        StaveClient.as("client").postJson("decisions", DECIDE.formatted(useType, isrc));
    assertEquals(200, response.statusCode(), response.body());
    return StaveClient.json(response);
  }

  private static JsonObject post(byte[] message) throws Exception {
    HttpResponse<String> response =
        StaveClient.as("feeds").postBytes("feeds/ern", "application/xml", message, false);
    assertEquals(200, response.statusCode(), response.body());
    JsonObject receipt = StaveClient.json(response);
    assertEquals("APPLIED", receipt.getString("status"), receipt.toString());
    return receipt;
  }

  @Test
  void aReleaseWithoutSplitSheetNamingOnlyAnArtistIsCuratedPayingTheLabel() throws Exception {
    String registrant = StaveClient.randomLetters(3);
    String isrc = "GB" + registrant + "2600000";
    post(
        withoutRightsControllers(release(registrant))
            .replace(
                "<DisplayArtistRole>MainArtist</DisplayArtistRole>",
                "<DisplayArtistRole>Artist</DisplayArtistRole>")
            .getBytes(StandardCharsets.UTF_8));

    JsonObject curation = decide("AI_CURATION", isrc);
    assertEquals("PERMIT", curation.getString("decision"), curation.toString());
    JsonObject share = curation.getJsonObject("split").getJsonArray("shares").getJsonObject(0);
    assertEquals(LABEL, share.getString("partyId"), curation.toString());
    assertEquals("100.00", share.getString("percent"), curation.toString());
    assertTrue(
        curation.getJsonArray("reasons").toString().contains("DEFAULT_SPLIT"), curation.toString());

    JsonObject training = decide("AI_TRAINING", isrc);
    assertEquals("DENY", training.getString("decision"), training.toString());
    assertTrue(
        training.getJsonArray("reasons").toString().contains("NO_SPLIT_SHEET"),
        training.toString());
    assertTrue(
        training.getJsonArray("reasons").toString().contains("NO_ARTIST_CONSENT"),
        "the Artist counts as the main artist whose opt-in training needs: " + training);
  }

  @Test
  void aMessageInUtf16WithAByteOrderMarkIsApplied() throws Exception {
    String registrant = StaveClient.randomLetters(3);
    String xml =
        release(registrant)
            .replaceFirst("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")
            .replace("Demo Song 0.1", "D\u00e9mo S\u00f6ng \u6f22");
    ByteBuffer encoded = StandardCharsets.UTF_16LE.encode("\uFEFF" + xml);
    byte[] utf16 = new byte[encoded.remaining()];
    encoded.get(utf16);

    post(utf16);

    String isrc = "GB" + registrant + "2600000";
    assertEquals("PERMIT", decide("AI_CURATION", isrc).getString("decision"));
    JsonObject recording = StaveClient.json(StaveClient.as("auditor").get("recordings/" + isrc));
    assertTrue(recording.toString().contains("D\u00e9mo S\u00f6ng \u6f22"), recording.toString());
  }

  @Test
  void aPurgedReleaseIsDeniedFromThenOnAndBothDecisionsAreLogged() throws Exception {
    String registrant = StaveClient.randomLetters(3);
    String isrc = "GB" + registrant + "2600000";
    String release = release(registrant);
    post(release.getBytes(StandardCharsets.UTF_8));
    JsonObject before = decide("AI_CURATION", isrc);
    assertEquals("PERMIT", before.getString("decision"), before.toString());

    String icpn = release.replaceAll("(?s).*<ICPN>(\\d+)</ICPN>.*", "$1");
    JsonObject purge =
        post(
            purge(icpn, Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .getBytes(StandardCharsets.UTF_8));
    assertTrue(purge.getString("summary").startsWith("purge of release"), purge.toString());

    JsonObject after = decide("AI_CURATION", isrc);
    assertEquals("DENY", after.getString("decision"), after.toString());
    assertTrue(after.getJsonArray("reasons").toString().contains("NOT_LICENSED"), after.toString());
    for (JsonObject decision : new JsonObject[] {before, after}) {
      HttpResponse<String> logged =
          StaveClient.as("auditor").get("decisions/" + decision.getString("decisionId"));
      assertEquals(200, logged.statusCode(), logged.body());
      assertEquals(decision.getString("decision"), StaveClient.json(logged).getString("decision"));
    }
    JsonObject recording = StaveClient.json(StaveClient.as("auditor").get("recordings/" + isrc));
    assertEquals(
        2,
        recording.getJsonArray("deals").size(),
        "the purged deals are kept as history: " + recording);
  }

  private static String purge(String icpn, Instant created) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ern:PurgeReleaseMessage xmlns:ern="http://ddex.net/xml/ern/43" LanguageAndScriptCode="en" AvsVersionId="9">
          <MessageHeader>
            <MessageId>purge-%s</MessageId>
            <MessageSender><PartyId>PADPIDA2026112401E</PartyId><PartyName><FullName>Stave Demo Records</FullName></PartyName></MessageSender>
            <MessageRecipient><PartyId>PADPIDA2009101501Y</PartyId><PartyName><FullName>Stave</FullName></PartyName></MessageRecipient>
            <MessageCreatedDateTime>%s</MessageCreatedDateTime>
          </MessageHeader>
          <PurgedRelease><ReleaseId><ICPN>%s</ICPN></ReleaseId></PurgedRelease>
        </ern:PurgeReleaseMessage>
        """
        .formatted(icpn + "-" + System.nanoTime(), created, icpn);
  }
}
