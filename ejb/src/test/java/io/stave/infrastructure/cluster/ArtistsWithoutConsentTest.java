package io.stave.infrastructure.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.CountingDataSource;
import io.stave.infrastructure.persistence.TestDatabases.TestDatabase;
import io.stave.routes.feed.CatalogueChange;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.ReasonCode;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Most main artists never answer about most uses, and real catalogues carry no split sheets: "no
 * consent" and "no split sheet" must not cost a trip to the database. A member loads, with the rest
 * of the maps, an empty consent history for every main artist of a recording and every use type and
 * an empty list of split sheets and deals for every recording, so the first decision about such a
 * recording reads the member's memory like any other.
 */
class ArtistsWithoutConsentTest extends OneMemberTestBase {

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void decidingAboutAnArtistWhoNeverAnsweredReadsNoDatabase(TestDatabase database) {
    CatalogueRepository repository = new CatalogueRepository(database.dataSource());
    member = TestMembers.startAlone(repository);
    Isrc isrc = Isrc.of(String.format("SESIL26%05d", new Random().nextInt(100_000)));
    String silent = "artist-silent-" + UUID.randomUUID();
    new ClusterCatalogue(repository, () -> member)
        .apply(
            CatalogueChange.of(
                List.of(new Recording(isrc, "Quiet", "Silent", List.of(silent), "label-1", null)),
                List.of(aStreamingDeal(isrc))));
    member.shutdown();

    CountingDataSource counted = new CountingDataSource(database.dataSource());
    member = TestMembers.startJoining(new CatalogueRepository(counted.dataSource()));
    HazelcastFactStore facts = new HazelcastFactStore(() -> member);
    facts.warmUp();
    long before = counted.statements();
    for (UseType use : UseType.values()) {
      decision(facts, use, isrc, "SE");
    }

    assertEquals(
        0,
        counted.statements() - before,
        "statements run to decide every use of a recording without split sheet whose artist never"
            + " answered");
    assertEquals(
        ReasonCode.NO_ARTIST_CONSENT,
        decision(facts, UseType.AI_VOICE_LIKENESS, isrc, "SE").reasons().get(0).code(),
        "no answer is no consent");
  }

  private static Deal aStreamingDeal(Isrc isrc) {
    return new Deal(
        "deal-" + isrc + "-" + UUID.randomUUID(),
        "label-1",
        Set.of(isrc),
        Set.of(Territory.WORLDWIDE),
        Set.of(),
        NOW.minus(Duration.ofDays(1)),
        null,
        Set.of(UseType.values()),
        Set.of("Stream"),
        null,
        null);
  }
}
