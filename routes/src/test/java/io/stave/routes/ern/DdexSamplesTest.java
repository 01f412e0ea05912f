package io.stave.routes.ern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.routes.feed.FeedFacts;
import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.Feeds;
import io.stave.routes.rights.SplitSheetFeedReader;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.EvaluationLimits;
import io.stave.rules.engine.InMemoryFactStore;
import io.stave.rules.engine.PolicyCompiler;
import io.stave.rules.engine.PolicySource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every DDEX ERN 4.3 sample ingests, with the counts read from each file by hand. */
class DdexSamplesTest {
  private static final ErnMapper MAPPER = new ErnMapper();

  static FeedFacts facts(String sample) {
    return MAPPER.map(Feeds.ERN_READER.read(Feeds.sample(sample)));
  }

  @ParameterizedTest(name = "{0}: {1} recordings, {2} deals, {3} territory codes")
  @CsvSource({
    // file, sound recordings and videos with an ISRC on a release, Deal elements, TerritoryCode
    // elements
    "1-audio.xml,               21,   3,   3",
    "2-video.xml,                2,   1,   3",
    "5-simple-video-single.xml,  1,   3,   3",
    "6-ringtone.xml,             1, 140, 140",
    "8-dj-mix.xml,               1,   1,  12",
  })
  void each_sample_yields_the_recordings_deals_and_territories_it_states(
      String sample, int recordings, int deals, int territoryCodes) {
    FeedFacts facts = facts(sample);
    assertEquals(recordings, facts.recordings().size(), "recordings");
    assertEquals(deals, facts.dealCount(), "deals");
    assertEquals(
        territoryCodes,
        facts.releaseDeals().get(0).deals().stream().mapToInt(d -> d.getTerritories().size()).sum(),
        "territory codes");
    assertEquals(ErnVersion.ERN_43, Feeds.ERN_READER.read(Feeds.sample(sample)).version());
  }

  @Test
  void the_audio_album_names_its_recordings_parties_and_release() {
    FeedFacts facts = facts("1-audio.xml");
    var first = facts.recordings().get(0);
    assertEquals("JPTO09404900", first.getIsrc().code());
    assertEquals("Yume no Lullaby", first.getTitle());
    assertEquals("Saeko Shu", first.getDisplayArtist());
    assertEquals("(P) 1994 EMI Music Japan Inc.", first.getPLine());
    assertEquals("name:PADPIDA2013042401U:saeko shu", first.getMainArtistIds().get(0));
    assertEquals("name:PADPIDA2013042401U:emi music japan inc.", first.getLabelId());
    assertEquals(
        "PADPIDA2013042401U/icpn:00094631432057", facts.releaseDeals().get(0).releaseKey());
    assertEquals(
        "ern:PADPIDA2013042401U:Test1.1",
        ErnMapper.messageKey(Feeds.ERN_READER.read(Feeds.sample("1-audio.xml"))));
  }

  @Test
  void the_release_version_is_the_release_key_and_when_the_sender_made_the_message() {
    assertEquals(
        new FeedFacts.ReleaseVersion(
            "PADPIDA2007050901U/grid:A10302B0003662026S",
            Instant.parse("2017-04-24T15:00:16.772Z"),
            java.util.List.of(
                "PADPIDA2007050901U/grid:A10302B0003662026S",
                "PADPIDA2007050901U/prop:PADPIDA2007050901U:ZA34L1600009")),
        facts("5-simple-video-single.xml").release());
    assertEquals(
        Instant.parse("2015-07-09T07:39:00Z"),
        facts("8-dj-mix.xml").release().createdAt(),
        "a time without a zone is read as UTC");
  }

  @Test
  void a_sample_with_a_bad_check_digit_ingests_with_a_warning() {
    FeedFacts facts = facts("8-dj-mix.xml");
    assertTrue(
        facts.warnings().stream()
            .anyMatch(w -> w.what().contains("ICPN '123123123123' has check digit 3")),
        facts.warnings().toString());
  }

  @Test
  void a_decision_after_ingesting_the_video_single_follows_its_streaming_deal() throws Exception {
    FeedFacts facts = facts("5-simple-video-single.xml");
    InMemoryFactStore store = new InMemoryFactStore();
    facts.recordings().forEach(store::add);
    facts.releaseDeals().forEach(r -> r.deals().forEach(store::add));
    new SplitSheetFeedReader()
        .read(
            FeedFormat.CSV,
            ("isrc,useType,party,role,percent\n"
                    + "ZA34L1600009,,name:PADPIDA2007050901U:wm south africa,LABEL,60\n"
                    + "ZA34L1600009,,prop:PADPIDA2007050901U:3524,ARTIST,40\n")
                .getBytes(StandardCharsets.UTF_8))
        .splitSheets()
        .forEach(store::add);
    try (CompiledPolicy policy = PolicyCompiler.compile(PolicySource.baseline(1))) {
      Isrc isrc = Isrc.of("ZA34L1600009");
      Instant at = Instant.parse("2026-11-24T10:00:00Z");
      Decision inSouthAfrica =
          policy.evaluate(
              new DecisionRequest(
                  "r1", "ai-dj", UseType.AI_CURATION, isrc, Territory.of("ZA"), at, Map.of()),
              store,
              EvaluationLimits.DEFAULT);
      Decision inSweden =
          policy.evaluate(
              new DecisionRequest(
                  "r2", "ai-dj", UseType.AI_CURATION, isrc, Territory.of("SE"), at, Map.of()),
              store,
              EvaluationLimits.DEFAULT);
      assertTrue(inSouthAfrica.isPermit(), inSouthAfrica.toString());
      assertTrue(
          inSouthAfrica.toString().contains("A10302B0003662026S#1.1"), inSouthAfrica.toString());
      assertEquals(false, inSweden.isPermit(), "the deal names ZA only: " + inSweden);
    }
  }

  @Test
  void ddex_ai_use_types_and_user_defined_values_map_to_the_rules_vocabulary() {
    String xml =
        Feeds.sampleText("5-simple-video-single.xml")
            .replaceFirst(
                "<UseType>PermanentDownload</UseType>",
                "<UseType>UseForTrainingGenerativeAI</UseType><UseType>UseForDataMining</UseType>"
                    + "<UseType UserDefinedValue=\"AI_VOICEOVER\">UserDefined</UseType>"
                    + "<UseType UserDefinedValue=\"AiDerivative\">UserDefined</UseType>"
                    + "<UseType UserDefinedValue=\"KaraokeBooth\">UserDefined</UseType>");
    ErnMessage notification = Feeds.ERN_READER.read(xml.getBytes(StandardCharsets.UTF_8));
    FeedFacts facts = MAPPER.map(notification);
    Deal deal =
        facts.releaseDeals().get(0).deals().stream()
            .filter(d -> !d.getAiUseTypes().isEmpty())
            .findFirst()
            .orElseThrow();
    assertEquals(
        java.util.Set.of(
            UseType.AI_TRAINING, UseType.AI_ANALYSIS, UseType.AI_VOICEOVER, UseType.AI_DERIVATIVE),
        deal.getAiUseTypes());
    assertTrue(
        deal.getDdexUseTypes().contains("UserDefined:KaraokeBooth"),
        deal.getDdexUseTypes().toString());
    assertTrue(
        facts.warnings().stream().anyMatch(w -> w.what().contains("KaraokeBooth")),
        facts.warnings().stream().map(Object::toString).collect(Collectors.joining("; ")));
  }

  @Test
  void an_ern_432_message_reads_through_its_own_classes() throws Exception {
    // Made by Stave's LabelFeedGenerator (not a DDEX sample): ERN 4.3.2 namespace and DisplayGenre.
    byte[] xml;
    try (var in = DdexSamplesTest.class.getResourceAsStream("/stave/ern432-release.xml")) {
      xml = in.readAllBytes();
    }
    ErnMessage notification = Feeds.ERN_READER.read(xml);
    FeedFacts facts = MAPPER.map(notification);

    assertEquals(ErnVersion.ERN_432, notification.version());
    assertEquals(3, facts.recordings().size());
    assertEquals("isni:0000000500000032", facts.recordings().get(0).getMainArtistIds().get(0));
    Deal ai = facts.releaseDeals().get(0).deals().get(1);
    assertEquals(java.util.Set.of(UseType.AI_DERIVATIVE), ai.getAiUseTypes());
  }

  @Test
  void a_territory_code_that_is_no_iso_country_is_left_out_with_a_warning() {
    String xml =
        Feeds.sampleText("2-video.xml")
            .replaceFirst(
                "<TerritoryCode>CH</TerritoryCode>",
                "<TerritoryCode>CH</TerritoryCode><TerritoryCode>XK</TerritoryCode>");
    FeedFacts facts = MAPPER.map(Feeds.ERN_READER.read(xml.getBytes(StandardCharsets.UTF_8)));
    Deal deal = facts.releaseDeals().get(0).deals().get(0);
    assertEquals(
        java.util.Set.of(Territory.of("CH"), Territory.of("DE"), Territory.of("AT")),
        deal.getTerritories());
    assertTrue(facts.warnings().toString().contains("'XK'"), facts.warnings().toString());
  }
}
