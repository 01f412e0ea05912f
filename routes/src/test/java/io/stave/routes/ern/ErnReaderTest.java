package io.stave.routes.ern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.routes.feed.FeedRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ErnReaderTest {
  static final ErnReader READER = new ErnReader();

  static byte[] sample(String name) {
    try (InputStream in = ErnReaderTest.class.getResourceAsStream("/ddex/samples/ern43/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1-audio.xml", "2-video.xml", "5-simple-video-single.xml", "6-ringtone.xml", "8-dj-mix.xml"})
  void every_ddex_sample_reads_as_ern_43(String name) {
    ReleaseNotification document = READER.read(sample(name));
    assertEquals(ErnVersion.ERN_43, document.version());
  }

  @Test
  void the_same_message_in_the_432_namespace_reads_as_432() {
    String xml = new String(sample("1-audio.xml"), StandardCharsets.UTF_8)
        .replace("http://ddex.net/xml/ern/43\"", "http://ddex.net/xml/ern/432\"");
    assertEquals(ErnVersion.ERN_432, READER.read(xml.getBytes(StandardCharsets.UTF_8)).version());
  }

  @Test
  void an_external_entity_is_refused_before_anything_is_read() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<ern:NewReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/43\">&x;</ern:NewReleaseMessage>";
    FeedRejectedException e = assertThrows(FeedRejectedException.class, () -> READER.read(xxe.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
  }
}
