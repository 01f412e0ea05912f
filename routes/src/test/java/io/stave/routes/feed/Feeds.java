package io.stave.routes.feed;

import io.stave.routes.ern.ErnReader;
import io.stave.routes.intake.FeedIntake;
import io.stave.routes.intake.FeedParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Test material: the DDEX samples, and intakes over an in-memory ledger. */
public final class Feeds {
  public static final ErnReader ERN_READER = new ErnReader();
  public static final String[] SAMPLES = {
    "1-audio.xml", "2-video.xml", "5-simple-video-single.xml", "6-ringtone.xml", "8-dj-mix.xml"
  };

  private Feeds() {}

  public static byte[] sample(String name) {
    try (InputStream in = Feeds.class.getResourceAsStream("/ddex/samples/ern43/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sampleText(String name) {
    return new String(sample(name), StandardCharsets.UTF_8);
  }

  public static FeedIntake intake(FeedLedger ledger, long maxBytes) {
    return new FeedIntake(new FeedParser(ERN_READER, Clock.systemUTC()), ledger, maxBytes);
  }

  public static FeedMessage http(FeedKind kind, FeedFormat format, String body) {
    return new FeedMessage(
        kind, format, FeedChannel.HTTP, "test", body.getBytes(StandardCharsets.UTF_8));
  }
}
