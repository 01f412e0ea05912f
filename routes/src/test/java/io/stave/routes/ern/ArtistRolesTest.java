package io.stave.routes.ern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.routes.feed.Credit;
import io.stave.routes.feed.FeedFacts;
import io.stave.routes.feed.Feeds;
import io.stave.rules.domain.Recording;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DisplayArtistRole values real senders use, on the DDEX video single: its one resource names Ash
 * (PAsh) as MainArtist; these tests change the role or add Deceptikonz (PDeceptikonz).
 */
class ArtistRolesTest {
  private static final String ASH = "prop:PADPIDA2007050901U:3524";
  private static final String VIDEO_ARTIST =
"""
         <DisplayArtist SequenceNumber="1">
            <ArtistPartyReference>PAsh</ArtistPartyReference>
            <DisplayArtistRole>MainArtist</DisplayArtistRole>
         </DisplayArtist>
""";

  @Test
  void anArtistIsAMainArtistWhenTheResourceNamesNoMainArtist() {
    Recording video = recording(videoArtists(artist("PAsh", "Artist")));
    assertEquals(List.of(ASH), video.getMainArtistIds());
  }

  @Test
  void anArtistBesideAMainArtistIsCreditedButNotMain() {
    FeedFacts facts =
        map(videoArtists(artist("PAsh", "MainArtist") + artist("PDeceptikonz", "Artist")));
    Recording video = facts.recordings().get(0);
    assertEquals(List.of(ASH), video.getMainArtistIds());
    assertTrue(
        facts.credits().stream()
            .anyMatch(c -> c.role().equals("Artist") && !c.partyId().equals(ASH)),
        facts.credits()::toString);
  }

  @Test
  void aFeaturedArtistIsNotAMainArtist() {
    FeedFacts facts =
        map(videoArtists(artist("PAsh", "MainArtist") + artist("PDeceptikonz", "FeaturedArtist")));
    assertEquals(List.of(ASH), facts.recordings().get(0).getMainArtistIds());
    assertTrue(facts.credits().stream().map(Credit::role).anyMatch("FeaturedArtist"::equals));
  }

  @Test
  void aResourceWithoutMainArtistIsAppliedWithAWarningAndItsMainArtistsUnknown() {
    FeedFacts facts = map(videoArtists(artist("PAsh", "FeaturedArtist")));
    Recording video = facts.recordings().get(0);
    assertEquals(List.of(), video.getMainArtistIds());
    assertTrue(!video.isMainArtistKnown());
    assertTrue(
        facts.warnings().stream()
            .anyMatch(
                w ->
                    w.where().endsWith("/DisplayArtist")
                        && w.what().contains("main artists are unknown")),
        facts.warnings()::toString);
  }

  @Test
  void aUserDefinedRoleIsCreditedUnderItsValueNotAsAMainArtist() {
    String userDefined =
"""
         <DisplayArtist SequenceNumber="1">
            <ArtistPartyReference>PAsh</ArtistPartyReference>
            <DisplayArtistRole UserDefinedValue="MainArtist">UserDefined</DisplayArtistRole>
         </DisplayArtist>
""";
    FeedFacts facts = map(videoArtists(userDefined));
    assertEquals(List.of(), facts.recordings().get(0).getMainArtistIds());
    assertTrue(
        facts.credits().stream().map(Credit::role).anyMatch("UserDefined:MainArtist"::equals),
        facts.credits()::toString);
  }

  private static String artist(String reference, String role) {
    return
"""
         <DisplayArtist SequenceNumber="1">
            <ArtistPartyReference>%s</ArtistPartyReference>
            <DisplayArtistRole>%s</DisplayArtistRole>
         </DisplayArtist>
"""
        .formatted(reference, role);
  }

  private static String videoArtists(String displayArtists) {
    String xml = Feeds.sampleText("5-simple-video-single.xml");
    int video = xml.indexOf(VIDEO_ARTIST);
    assertTrue(
        video > 0 && video < xml.indexOf("</Video>"), "the sample's video names Ash as MainArtist");
    return xml.substring(0, video) + displayArtists + xml.substring(video + VIDEO_ARTIST.length());
  }

  private static Recording recording(String xml) {
    return map(xml).recordings().get(0);
  }

  private static FeedFacts map(String xml) {
    return new ErnMapper().map(Feeds.ERN_READER.read(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
