package io.stave.routes.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.stave.routes.ern.ErnMapper;
import io.stave.routes.feed.FeedChannel;
import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.FeedKind;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.Feeds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The lane key read before the real parse is the release key the mapper gives the message, for
 * every DDEX sample and Stave's own ERN 4.3.2 one; what it cannot place has no key (a barrier).
 */
class ReleaseKeyPreReadTest {
  private static final ErnMapper MAPPER = new ErnMapper();

  private static FeedMessage ern(byte[] body) {
    return new FeedMessage(FeedKind.ERN, FeedFormat.XML, FeedChannel.HTTP, "test", body);
  }

  @Test
  void every_sample_gets_the_release_key_the_mapper_gives_it() throws IOException {
    for (String sample : Feeds.SAMPLES) {
      byte[] body = Feeds.sample(sample);
      String mapped = MAPPER.map(Feeds.ERN_READER.read(body)).release().releaseKey();
      assertEquals(mapped, ReleaseKeyPreRead.keyOf(ern(body)), sample);
    }
    try (InputStream in = getClass().getResourceAsStream("/stave/ern432-release.xml")) {
      byte[] body = in.readAllBytes();
      String mapped = MAPPER.map(Feeds.ERN_READER.read(body)).release().releaseKey();
      assertNotNull(mapped);
      assertEquals(mapped, ReleaseKeyPreRead.keyOf(ern(body)), "ERN 4.3.2");
    }
  }

  @Test
  void a_utf16_message_gets_the_same_key_as_its_utf8_original() {
    String text = Feeds.sampleText(Feeds.SAMPLES[0]);
    byte[] utf16 =
        text.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"").getBytes(StandardCharsets.UTF_16);
    assertEquals(
        ReleaseKeyPreRead.keyOf(ern(Feeds.sample(Feeds.SAMPLES[0]))),
        ReleaseKeyPreRead.keyOf(ern(utf16)));
  }

  @Test
  void what_names_no_single_release_is_a_barrier() {
    assertNull(
        ReleaseKeyPreRead.keyOf(
            new FeedMessage(
                FeedKind.CONSENTS,
                FeedFormat.CSV,
                FeedChannel.HTTP,
                "c.csv",
                "artist,useType,choice,effectiveFrom,source\n".getBytes(StandardCharsets.UTF_8))),
        "consents name artists, not releases");
    assertNull(
        ReleaseKeyPreRead.keyOf(
            ern(
                ("<ern:PurgeReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/43\">"
                        + "<MessageHeader/></ern:PurgeReleaseMessage>")
                    .getBytes(StandardCharsets.UTF_8))),
        "a purge may name the release by another of its identifiers");
    assertNull(ReleaseKeyPreRead.keyOf(ern("<not xml".getBytes(StandardCharsets.UTF_8))));
    assertNull(
        ReleaseKeyPreRead.keyOf(
            ern("<!DOCTYPE x [<!ENTITY e \"e\">]><x>&e;</x>".getBytes(StandardCharsets.UTF_8))),
        "the pre-read uses the hardened parser: a DOCTYPE is refused");
  }
}
