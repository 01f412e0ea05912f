package io.stave.infrastructure.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.HazelcastInstance;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.CountingDataSource;
import io.stave.infrastructure.persistence.TestDatabases.TestDatabase;
import io.stave.routes.feed.CatalogueChange;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decisions for recordings the catalogue does not know (a client's typo, or a flood of made-up
 * ISRCs): the first question is one primary-key lookup and leaves nothing in the fact maps;
 * "unknown" is then cached (each member's near cache keeps the miss), so asking again does not read
 * the database, and a feed that adds the recording reaches every member's decisions.
 */
class UnknownRecordingsTest extends OneMemberTestBase {
  private static final int UNKNOWN = 500;
  private static final int ROUNDS = 10;

  private static List<Isrc> madeUp(String registrant) {
    List<Isrc> isrcs = new ArrayList<>();
    int start = new Random().nextInt(50_000);
    for (int i = 0; i < UNKNOWN; i++) {
      isrcs.add(Isrc.of("ZZ" + registrant + "26" + String.format("%05d", start + i)));
    }
    return isrcs;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void askingAgainAboutAnUnknownRecordingDoesNotReadTheDatabase(TestDatabase database) {
    CountingDataSource counted = new CountingDataSource(database.dataSource());
    CatalogueRepository repository = new CatalogueRepository(counted.dataSource());
    member = TestMembers.startAlone(repository);
    HazelcastFactStore facts = new HazelcastFactStore(() -> member);
    List<Isrc> unknown = madeUp("FLD");

    int dealEntries = member.getMap(HazelcastFactStore.RECORDING_DEALS).size();
    int splitEntries = member.getMap(HazelcastFactStore.SPLIT_SHEETS).size();
    long beforeFirst = counted.statements();
    long firstStarted = System.nanoTime();
    for (Isrc isrc : unknown) {
      assertEquals("DENY UNKNOWN_RECORDING", verdict(facts, isrc));
    }
    double firstSeconds = (System.nanoTime() - firstStarted) / 1e9;
    long firstAsked = counted.statements() - beforeFirst;

    long before = counted.statements();
    long started = System.nanoTime();
    for (int round = 0; round < ROUNDS; round++) {
      for (Isrc isrc : unknown) {
        assertEquals("DENY UNKNOWN_RECORDING", verdict(facts, isrc));
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long askedAgain = counted.statements() - before;
    System.out.printf(
        "%s: unknown recordings asked for the first time: %.2f queries per decision,"
            + " %.0f decisions/s; asked again: %.2f queries per decision, %.0f decisions/s%n",
        database,
        (double) firstAsked / UNKNOWN,
        UNKNOWN / firstSeconds,
        (double) askedAgain / (UNKNOWN * ROUNDS),
        UNKNOWN * ROUNDS / seconds);
    assertEquals(0, askedAgain, "queries for recordings already known to be unknown");
    assertEquals(UNKNOWN, firstAsked, "one query per recording the catalogue does not know");
    assertEquals(
        dealEntries,
        member.getMap(HazelcastFactStore.RECORDING_DEALS).size(),
        "no \"no deals\" entry is kept for a made-up ISRC");
    assertEquals(
        splitEntries,
        member.getMap(HazelcastFactStore.SPLIT_SHEETS).size(),
        "no \"no split sheet\" entry is kept for a made-up ISRC");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aFeedThatAddsAnUnknownRecordingIsDecidedOnEveryMember(TestDatabase database) {
    CatalogueRepository repository = new CatalogueRepository(database.dataSource());
    member = TestMembers.startAlone(repository);
    HazelcastInstance second = TestMembers.startJoining(repository);
    try {
      HazelcastFactStore onFirst = new HazelcastFactStore(() -> member);
      HazelcastFactStore onSecond = new HazelcastFactStore(() -> second);
      Isrc isrc = madeUp("NEW").get(0);
      assertEquals("DENY UNKNOWN_RECORDING", verdict(onFirst, isrc));
      assertEquals(
          "DENY UNKNOWN_RECORDING", verdict(onSecond, isrc), "now cached as unknown on both");

      Recording recording =
          new Recording(
              isrc, "Late", "Artist", List.of("artist-late"), "label-1", "(P) 2026 Label One");
      Deal deal =
          new Deal(
              "deal-" + isrc,
              "label-1",
              Set.of(isrc),
              Set.of(Territory.WORLDWIDE),
              Set.of(),
              NOW.minus(Duration.ofDays(1)),
              null,
              Set.of(),
              Set.of("Stream"),
              null,
              null);
      new ClusterCatalogue(repository, () -> second)
          .apply(CatalogueChange.of(List.of(recording), List.of(deal)));

      for (HazelcastFactStore facts : List.of(onFirst, onSecond)) {
        await("the recording the feed added is decided on")
            .atMost(Duration.ofSeconds(5))
            .until(() -> verdict(facts, isrc), "PERMIT DEFAULT_SPLIT"::equals);
      }
    } finally {
      second.shutdown();
    }
  }

  private static String verdict(HazelcastFactStore facts, Isrc isrc) {
    var decision = decision(facts, UseType.AI_CURATION, isrc, "SE");
    return decision.verdict() + " " + decision.reasons().get(decision.reasons().size() - 1).code();
  }
}
