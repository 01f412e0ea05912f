package io.stave.bench.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.routes.ern.ErnMapper;
import io.stave.routes.ern.ErnReader;
import io.stave.routes.ern.ErnVersion;
import io.stave.routes.feed.FeedFacts;
import io.stave.routes.feed.FeedFormat;
import io.stave.routes.rights.ConsentFeedReader;
import io.stave.routes.rights.SplitSheetFeedReader;
import io.stave.rules.domain.UseType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The generated feed is what a label would send: valid ERN 4.3, consents and split sheets that
 * read.
 */
class LabelFeedGeneratorTest {
  @Test
  void generated_releases_are_valid_ern_with_the_ai_deals_they_claim() {
    ErnReader reader = new ErnReader();
    for (int r = 0; r < 10; r++) {
      FeedFacts facts =
          new ErnMapper()
              .map(reader.read(LabelFeedGenerator.release(r).getBytes(StandardCharsets.UTF_8)));
      assertEquals(LabelFeedGenerator.TRACKS_PER_RELEASE, facts.recordings().size());
      assertEquals(2, facts.dealCount());
      assertTrue(facts.warnings().isEmpty(), facts.warnings().toString());
      assertEquals(
          "isni:" + LabelFeedGenerator.artistIsni(r),
          facts.recordings().get(0).getMainArtistIds().get(0));
      assertEquals(
          LabelFeedGenerator.isErn432(r) ? ErnVersion.ERN_432 : ErnVersion.ERN_43,
          reader.read(LabelFeedGenerator.release(r).getBytes(StandardCharsets.UTF_8)).version());
    }
    FeedFacts training =
        new ErnMapper()
            .map(reader.read(LabelFeedGenerator.release(0).getBytes(StandardCharsets.UTF_8)));
    assertTrue(training.releaseDeals().get(0).deals().get(1).namesUseType(UseType.AI_TRAINING));
  }

  @Test
  void generated_consents_and_split_sheets_read() {
    assertEquals(
        3 + 1,
        new ConsentFeedReader()
            .read(
                FeedFormat.CSV,
                LabelFeedGenerator.consents(1).getBytes(StandardCharsets.UTF_8),
                "m",
                Instant.now())
            .consents()
            .size());
    assertEquals(
        2 * LabelFeedGenerator.TRACKS_PER_RELEASE,
        new SplitSheetFeedReader()
            .read(FeedFormat.CSV, LabelFeedGenerator.splits(1).getBytes(StandardCharsets.UTF_8))
            .splitSheets()
            .size());
  }
}
