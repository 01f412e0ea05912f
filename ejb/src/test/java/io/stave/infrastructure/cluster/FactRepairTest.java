package io.stave.infrastructure.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.TestDatabases.TestDatabase;
import io.stave.routes.feed.CatalogueChange;
import io.stave.rules.domain.Consent;
import io.stave.rules.domain.ConsentChoice;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * After a merge or a lost partition the maps may hold the other side's entries or none; the node
 * fails closed and reloads every fact map from the database, so an opt-out that was committed is
 * decided on again. (The merge itself is Hazelcast's; this drives the repair the listener runs.)
 */
class FactRepairTest extends OneMemberTestBase {

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  @SuppressWarnings("unchecked")
  void anOptOutOverwrittenByAMergeIsRestoredFromTheDatabaseBeforeTheNodeDecidesAgain(
      TestDatabase database) {
    CatalogueRepository repository = new CatalogueRepository(database.dataSource());
    member = TestMembers.startAlone(repository);
    ClusterCatalogue catalogue = new ClusterCatalogue(repository, () -> member);
    Isrc isrc = Isrc.of("SEREP2600001");
    catalogue.apply(
        CatalogueChange.of(
            List.of(new Recording(isrc, "Song", "A", List.of("artist-r"), "label-1", null)),
            List.of(
                new Deal(
                    "deal-r",
                    "label-1",
                    Set.of(isrc),
                    Set.of(Territory.WORLDWIDE),
                    Set.of(),
                    NOW.minus(Duration.ofDays(10)),
                    null,
                    Set.of(UseType.AI_VOICEOVER),
                    Set.of(),
                    null,
                    null))));
    catalogue.apply(
        new CatalogueChange(
            List.of(),
            List.of(),
            List.of(
                new Consent(
                    "consent-" + UUID.randomUUID(),
                    "artist-r",
                    UseType.AI_VOICEOVER,
                    ConsentChoice.OPT_OUT,
                    NOW.minus(Duration.ofDays(1)),
                    "portal",
                    NOW)),
            List.of()));
    assertEquals("DENY ARTIST_OPTED_OUT", decide(UseType.AI_VOICEOVER, isrc, "SE"));

    // What a merge can leave behind: the other side's value of the key, without the opt-out.
    member
        .getMap(HazelcastFactStore.CONSENTS)
        .put(
            HazelcastFactStore.consentKey("artist-r", UseType.AI_VOICEOVER),
            new ArrayList<Consent>());
    assertEquals(
        "PERMIT",
        decision(UseType.AI_VOICEOVER, isrc, "SE").verdict().name(),
        "the map lost the opt-out");

    ClusterMember node = new ClusterMember();
    node.repairFacts(member);
    await().atMost(Duration.ofSeconds(30)).until(() -> !node.isRepairing());

    assertEquals(
        "DENY ARTIST_OPTED_OUT",
        decide(UseType.AI_VOICEOVER, isrc, "SE"),
        "the committed opt-out is back in the map");
    assertFalse(node.isRepairing());
  }
}
