package io.stave.routes.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.routes.feed.FeedFormat;
import io.stave.routes.rights.ConsentFeedReader;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Consent and split-sheet feeds in the encodings labels' tools write: UTF-8, and UTF-16 with its
 * mark.
 */
class TextEncodingsTest {
  private static final String CSV =
      "artist,useType,choice,effectiveFrom,source\n"
          + "isni:0000000500000008,AI_TRAINING,OPT_OUT,2026-12-01,Bj\u00f6rk's portal \u6f22\n";

  private static byte[] encode(String text, String charset) {
    ByteBuffer bytes = Charset.forName(charset).encode(text);
    byte[] out = new byte[bytes.remaining()];
    bytes.get(out);
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16LE", "UTF-16BE"})
  void aConsentCsvInUtf16WithItsByteOrderMarkReadsLikeUtf8(String charset) {
    var fromUtf16 =
        new ConsentFeedReader()
            .read(FeedFormat.CSV, encode("\uFEFF" + CSV, charset), "m", Instant.EPOCH);
    var fromUtf8 =
        new ConsentFeedReader()
            .read(FeedFormat.CSV, CSV.getBytes(StandardCharsets.UTF_8), "m", Instant.EPOCH);
    assertEquals(fromUtf8.consents().get(0).source(), fromUtf16.consents().get(0).source());
    assertEquals("Bj\u00f6rk's portal \u6f22", fromUtf16.consents().get(0).source());
  }

  @Test
  void aJsonDocumentInUtf16IsRead() {
    String json =
        "{\"consents\":[{\"artist\":\"isni:0000000500000008\",\"useType\":\"AI_TRAINING\","
            + "\"choice\":\"OPT_IN\",\"effectiveFrom\":\"2026-12-01\",\"source\":\"portal\"}]}";
    var consents =
        new ConsentFeedReader()
            .read(FeedFormat.JSON, encode("\uFEFF" + json, "UTF-16LE"), "m", Instant.EPOCH);
    assertEquals(1, consents.consents().size());
  }

  @Test
  void aBrokenUtf16SequenceIsRefusedNamingWhere() {
    byte[] bytes = encode("\uFEFFab", "UTF-16LE");
    byte[] broken = java.util.Arrays.copyOf(bytes, bytes.length + 2);
    broken[bytes.length] = 0x00;
    broken[bytes.length + 1] = (byte) 0xDC; // a lone low surrogate
    var refused = assertThrows(MalformedTextException.class, () -> StrictUtf8.decode(broken));
    assertTrue(
        refused.what().contains("UTF-16") && refused.where().startsWith("line 1"),
        refused.where() + ": " + refused.what());
  }
}
