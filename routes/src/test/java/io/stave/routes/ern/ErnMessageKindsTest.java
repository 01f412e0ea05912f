package io.stave.routes.ern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.routes.feed.FeedFacts;
import io.stave.routes.feed.FeedRejectedException;
import io.stave.routes.feed.Feeds;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ERN messages Stave reads besides a NewReleaseMessage, and the encodings it reads them in. */
class ErnMessageKindsTest {
  private static final ErnMapper MAPPER = new ErnMapper();

  static String purge(String namespace, String releaseId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ern:PurgeReleaseMessage xmlns:ern="%s" LanguageAndScriptCode="en" AvsVersionId="9">
           <MessageHeader>
              <MessageId>purge-1</MessageId>
              <MessageSender>
                 <PartyId>PADPIDA2007050901U</PartyId>
                 <PartyName><FullName>Warner Music Group</FullName></PartyName>
              </MessageSender>
              <MessageRecipient>
                 <PartyId>PADPIDA2010121001I</PartyId>
                 <PartyName><FullName>226-24-7 MusicShop LLC</FullName></PartyName>
              </MessageRecipient>
              <MessageCreatedDateTime>2026-06-01T12:00:00Z</MessageCreatedDateTime>
           </MessageHeader>
           <PurgedRelease>%s</PurgedRelease>
        </ern:PurgeReleaseMessage>
        """
        .formatted(namespace, releaseId);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://ddex.net/xml/ern/43", "http://ddex.net/xml/ern/432"})
  void aPurgeNamesEveryIdentifierOfTheReleaseFromItsSender(String namespace) {
    String xml =
        purge(
            namespace,
            "<ReleaseId><GRid>A10302B0003662026S</GRid>"
                + "<ProprietaryId Namespace=\"PADPIDA2007050901U\">ZA34L1600009</ProprietaryId></ReleaseId>");
    ErnMessage message = Feeds.ERN_READER.read(xml.getBytes(StandardCharsets.UTF_8));
    assertInstanceOf(PurgeNotification.class, message);
    FeedFacts facts = MAPPER.map(message);
    assertEquals(
        List.of(
            "PADPIDA2007050901U/grid:A10302B0003662026S",
            "PADPIDA2007050901U/prop:PADPIDA2007050901U:ZA34L1600009"),
        facts.purge().releaseKeys());
    assertEquals(Instant.parse("2026-06-01T12:00:00Z"), facts.purge().endsAt());
    assertEquals("ern:PADPIDA2007050901U:purge-1", ErnMapper.messageKey(message));
    assertTrue(facts.recordings().isEmpty() && facts.releaseDeals().isEmpty());
  }

  @Test
  void aPurgeThatNamesNoReleaseIdIsRejected() {
    ErnMessage message =
        Feeds.ERN_READER.read(
            purge("http://ddex.net/xml/ern/43", "<Title><TitleText>Gone</TitleText></Title>")
                .getBytes(StandardCharsets.UTF_8));
    var rejected = assertThrows(FeedRejectedException.class, () -> MAPPER.map(message));
    assertEquals("PurgedRelease/ReleaseId", rejected.problems().get(0).where());
  }

  @Test
  void aPurgeNeverUsesATimeLaterThanNow() {
    var purge =
        new io.stave.routes.feed.ReleasePurge(
            List.of("x/icpn:1"), Instant.parse("2099-01-01T00:00:00Z"));
    Instant now = Instant.parse("2026-12-02T00:00:00Z");
    assertEquals(now, purge.endsAtLatest(now));
  }

  @Test
  void anErnMessageOtherThanNewReleaseOrPurgeIsRejectedNamingItsRoot() {
    String update =
        "<?xml version=\"1.0\"?><ern:UpdateReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/43\"/>";
    var rejected =
        assertThrows(
            FeedRejectedException.class,
            () -> Feeds.ERN_READER.read(update.getBytes(StandardCharsets.UTF_8)));
    assertTrue(
        rejected.problems().get(0).what().contains("UpdateReleaseMessage"),
        rejected.problems().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16LE", "UTF-16BE"})
  void aMessageInUtf16WithAByteOrderMarkReadsLikeItsUtf8Original(String encoding) {
    String xml =
        Feeds.sampleText("5-simple-video-single.xml")
            .replaceFirst("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")
            .replace("Been Waiting", "Been Waiting \u00e9\u00df\u6f22");
    java.nio.charset.Charset charset = java.nio.charset.Charset.forName(encoding);
    ByteBuffer text = charset.encode("\uFEFF" + xml);
    byte[] utf16 = new byte[text.remaining()];
    text.get(utf16);

    FeedFacts fromUtf16 = MAPPER.map(Feeds.ERN_READER.read(utf16));
    FeedFacts fromUtf8 =
        MAPPER.map(
            Feeds.ERN_READER.read(
                xml.replaceFirst("encoding=\"UTF-16\"", "encoding=\"UTF-8\"")
                    .getBytes(StandardCharsets.UTF_8)));
    assertEquals("Been Waiting \u00e9\u00df\u6f22", fromUtf16.recordings().get(0).getTitle());
    assertEquals(fromUtf8.recordings().get(0).getTitle(), fromUtf16.recordings().get(0).getTitle());
    assertEquals(fromUtf8.dealCount(), fromUtf16.dealCount());
  }

  @Test
  void aUtf8MessageWithAByteOrderMarkIsRead() {
    byte[] body = Feeds.sample("5-simple-video-single.xml");
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    assertEquals(1, MAPPER.map(Feeds.ERN_READER.read(withBom)).recordings().size());
  }
}
