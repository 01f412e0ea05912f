package io.stave.infrastructure.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.stave.application.ServiceUnavailableException;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.TestDatabases.TestDatabase;
import io.stave.infrastructure.persistence.WatchedDataSource;
import io.stave.routes.feed.CatalogueChange;
import io.stave.rules.domain.Consent;
import io.stave.rules.domain.ConsentChoice;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Catalogue facts through a real embedded Hazelcast member and a real database: written once,
 * decided on from the maps, and loaded back from the database when a member starts afresh.
 */
class ClusterCatalogueTest extends OneMemberTestBase {

  /** A catalogue over a member of a cluster of its own. */
  private ClusterCatalogue startCatalogue(CatalogueRepository repository) {
    member = TestMembers.startAlone(repository);
    return new ClusterCatalogue(repository, () -> member);
  }

  private static CatalogueChange aLicensedDuetWithOneOptIn(Isrc isrc) {
    Recording recording =
        new Recording(
            isrc,
            "Duet",
            "A & B",
            List.of("artist-a", "artist-b"),
            "label-1",
            "(P) 2026 Label One");
    Deal deal =
        new Deal(
            "deal-" + isrc,
            "label-1",
            Set.of(isrc),
            Set.of(Territory.WORLDWIDE),
            Set.of(Territory.of("US")),
            NOW.minus(Duration.ofDays(30)),
            null,
            Set.of(UseType.AI_DERIVATIVE),
            Set.of("OnDemandStream"),
            "SubscriptionModel",
            45);
    Consent optIn =
        new Consent(
            "consent-" + UUID.randomUUID(),
            "artist-a",
            UseType.AI_DERIVATIVE,
            ConsentChoice.OPT_IN,
            NOW.minus(Duration.ofDays(2)),
            "artist portal",
            NOW);
    SplitSheet split =
        new SplitSheet(
            "split-" + isrc,
            isrc,
            null,
            List.of(
                new Share("label-1", "LABEL", Percent.of("60")),
                new Share("artist-a", "MAIN_ARTIST", Percent.of("20")),
                new Share("artist-b", "MAIN_ARTIST", Percent.of("20"))));
    return new CatalogueChange(List.of(recording), List.of(deal), List.of(optIn), List.of(split));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aRecordingWithoutSplitSheetOrMainArtistIsStoredAndDecidedByThePolicy(TestDatabase database) {
    CatalogueRepository repository = new CatalogueRepository(database.dataSource());
    ClusterCatalogue catalogue = startCatalogue(repository);
    Isrc isrc = Isrc.of("SEXYZ26" + String.format("%05d", new java.util.Random().nextInt(100_000)));
    Recording anonymous =
        new Recording(isrc, "Untitled", "Various", List.of(), "label-1", "controller-9", null);
    Deal deal =
        new Deal(
            "deal-" + isrc,
            "sender-1",
            Set.of(isrc),
            Set.of(Territory.WORLDWIDE),
            Set.of(),
            NOW.minus(Duration.ofDays(30)),
            null,
            Set.of(UseType.AI_TRAINING),
            Set.of("Stream"),
            null,
            null);
    catalogue.apply(CatalogueChange.of(List.of(anonymous), List.of(deal)));

    member.shutdown();
    member = TestMembers.startJoining(repository);
    var curation = decision(UseType.AI_CURATION, isrc, "SE");
    assertEquals("PERMIT", curation.verdict().name(), curation.reasons().toString());
    assertEquals(
        List.of(new Share("controller-9", "RIGHTS_CONTROLLER", Percent.HUNDRED)),
        curation.split().getShares(),
        "the rights controller, read back from the database, is paid");
    var training = decision(UseType.AI_TRAINING, isrc, "SE");
    assertTrue(
        training.reasons().stream()
            .anyMatch(r -> r.code() == io.stave.rules.domain.ReasonCode.NO_MAIN_ARTIST),
        "no main artist survives the round trip as an empty list, not as an error: "
            + training.reasons());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void committedFactsAreDecidedOnAndSurviveAFreshMember(TestDatabase database) {
    CatalogueRepository repository = new CatalogueRepository(database.dataSource());
    ClusterCatalogue catalogue = startCatalogue(repository);
    Isrc isrc = Isrc.of("SEXYZ2600001");
    catalogue.apply(aLicensedDuetWithOneOptIn(isrc));

    assertEquals("PERMIT LICENSED", decide(UseType.AI_CURATION, isrc, "SE"));
    assertEquals("DENY NOT_LICENSED", decide(UseType.AI_CURATION, isrc, "US"));
    assertEquals(
        "DENY NO_ARTIST_CONSENT",
        decide(UseType.AI_DERIVATIVE, isrc, "SE"),
        "artist-b never opted in");

    catalogue.apply(
        new CatalogueChange(
            List.of(),
            List.of(),
            List.of(
                new Consent(
                    "consent-" + UUID.randomUUID(),
                    "artist-b",
                    UseType.AI_DERIVATIVE,
                    ConsentChoice.OPT_IN,
                    NOW.minus(Duration.ofDays(1)),
                    "artist portal",
                    NOW)),
            List.of()));
    assertEquals(
        "PERMIT LICENSED",
        decide(UseType.AI_DERIVATIVE, isrc, "SE"),
        "the second opt-in is seen once committed");

    member.shutdown();
    member = TestMembers.startJoining(repository);
    assertEquals(
        "PERMIT LICENSED",
        decide(UseType.AI_DERIVATIVE, isrc, "SE"),
        "a fresh member loads every fact from the database");
    var decision = decision(UseType.AI_DERIVATIVE, isrc, "SE");
    assertEquals("split-" + isrc, decision.split().getSplitId());
    assertEquals(3, decision.split().getShares().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aChangeThatFailsHalfwayLeavesNothingBehind(TestDatabase database) {
    CatalogueRepository repository = new CatalogueRepository(database.dataSource());
    ClusterCatalogue catalogue = startCatalogue(repository);
    Isrc isrc = Isrc.of("SEXYZ2600002");
    CatalogueChange good = aLicensedDuetWithOneOptIn(isrc);
    Consent duplicate = good.consents().get(0);
    CatalogueChange halfBad =
        new CatalogueChange(
            good.recordings(), good.deals(), List.of(duplicate, duplicate), good.splitSheets());

    assertThrows(ServiceUnavailableException.class, () -> catalogue.apply(halfBad));

    assertEquals("DENY UNKNOWN_RECORDING", decide(UseType.AI_CURATION, isrc, "SE"));
    member.shutdown();
    member = TestMembers.startJoining(repository);
    assertTrue(
        new HazelcastFactStore(() -> member).recording(isrc).isEmpty(),
        "the rolled-back recording is not in the database either");
  }

  /**
   * Two messages naming the same artist party, applied at the same moment (two feed lanes, two
   * channels, or two nodes), each describing it differently: the party row is upserted, so the
   * second waits for the first and then updates it. Both are applied, and neither needed a retry
   * (with delete-then-insert one of them found the key just taken by the other and was tried
   * again).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void messagesNamingOnePartyAppliedAtOnceAreBothApplied(TestDatabase database) throws Exception {
    CatalogueRepository repository = new CatalogueRepository(database.dataSource());
    ClusterCatalogue catalogue = startCatalogue(repository);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 10; round++) {
        String party = "isni:shared-" + UUID.randomUUID();
        List<java.util.concurrent.Future<?>> applied = new java.util.ArrayList<>();
        for (int message = 0; message < 4; message++) {
          String name = "Artist as told by message " + message;
          applied.add(
              pool.submit(
                  () ->
                      catalogue.apply(
                          new CatalogueChange(
                              List.of(),
                              List.of(),
                              List.of(),
                              List.of(),
                              List.of(
                                  new io.stave.routes.feed.IngestedParty(
                                      party, name, java.util.Map.of())),
                              List.of(),
                              List.of(),
                              List.of(),
                              List.of()))));
        }
        for (var future : applied) {
          future.get(); // throws if a message was refused
        }
        assertEquals(0, catalogue.retriedTransactions(), "round " + round + ": no retry needed");
        try (var connection = database.dataSource().getConnection();
            var count =
                connection.prepareStatement("SELECT COUNT(*) FROM party WHERE party_id = ?")) {
          count.setString(1, party);
          try (var rows = count.executeQuery()) {
            rows.next();
            assertEquals(1, rows.getInt(1), "round " + round + ": the party is there once");
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void twoNodesAppendingToOneArtistsConsentsAtOnceLeaveTheMapsAsTheDatabase(TestDatabase database)
      throws Exception {
    CatalogueRepository repository = new CatalogueRepository(database.dataSource());
    ClusterCatalogue first = startCatalogue(repository);
    HazelcastInstance secondMember = TestMembers.startJoining(repository);
    ClusterCatalogue second = new ClusterCatalogue(repository, () -> secondMember);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        String artist = "artist-" + UUID.randomUUID();
        var optIn =
            pool.submit(
                () ->
                    first.apply(
                        new CatalogueChange(
                            List.of(),
                            List.of(),
                            List.of(
                                new Consent(
                                    "in-" + UUID.randomUUID(),
                                    artist,
                                    UseType.AI_TRAINING,
                                    ConsentChoice.OPT_IN,
                                    NOW,
                                    "portal",
                                    NOW)),
                            List.of())));
        var optOut =
            pool.submit(
                () ->
                    second.apply(
                        new CatalogueChange(
                            List.of(),
                            List.of(),
                            List.of(
                                new Consent(
                                    "out-" + UUID.randomUUID(),
                                    artist,
                                    UseType.AI_TRAINING,
                                    ConsentChoice.OPT_OUT,
                                    NOW,
                                    "portal",
                                    NOW)),
                            List.of())));
        optIn.get();
        optOut.get();
        String key = HazelcastFactStore.consentKey(artist, UseType.AI_TRAINING);
        assertEquals(2, repository.consents().histories(List.of(key)).get(key).size());
        assertEquals(
            2,
            secondMember.<String, List<Consent>>getMap(HazelcastFactStore.CONSENTS).get(key).size(),
            "round " + round + ": both consents are in the map, whichever commit came last");
      }
    } finally {
      pool.shutdownNow();
      secondMember.shutdown();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aSheetFromRightsControllersNeverReplacesOneFromTheSplitSheetFeed(TestDatabase database) {
    CatalogueRepository repository = new CatalogueRepository(database.dataSource());
    ClusterCatalogue catalogue = startCatalogue(repository);
    Isrc isrc = Isrc.of("SEXYZ26" + String.format("%05d", new java.util.Random().nextInt(100_000)));
    SplitSheet fromErn =
        new SplitSheet(
            "ern:" + isrc.code(),
            isrc,
            null,
            List.of(new Share("label-1", "RightsController", Percent.HUNDRED)));
    SplitSheet fromSplitFeed =
        new SplitSheet(
            "split:" + isrc.code() + ":*",
            isrc,
            null,
            List.of(
                new Share("label-1", "LABEL", Percent.of("70")),
                new Share("artist-a", "MAIN_ARTIST", Percent.of("30"))));
    CatalogueChange ernMessage =
        new CatalogueChange(
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(fromErn),
            List.of());

    catalogue.apply(ernMessage);
    assertEquals(
        fromErn.getSplitId(),
        new HazelcastFactStore(() -> member).splitSheet(isrc, null).orElseThrow().getSplitId(),
        "with nothing else on record the rights controllers' shares are the sheet");
    catalogue.apply(new CatalogueChange(List.of(), List.of(), List.of(), List.of(fromSplitFeed)));
    catalogue.apply(ernMessage);

    assertEquals(
        fromSplitFeed.getSplitId(),
        new HazelcastFactStore(() -> member).splitSheet(isrc, null).orElseThrow().getSplitId(),
        "an ERN update after the split sheet leaves the split sheet in place");
  }

  /**
   * A change is read back from the database once: one connection for its transaction, then one read
   * per fact map it touched. Writing a map must not read each new key's old value through the
   * loader first (IMap.putAll does, on Hazelcast's threads; setAll does not).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aChangeIsReadBackFromTheDatabaseOncePerMap(TestDatabase database) {
    AtomicInteger connections = new AtomicInteger();
    DataSource counted = countingConnections(database.dataSource(), connections);
    ClusterCatalogue catalogue = startCatalogue(new CatalogueRepository(counted));
    catalogue.apply(aLicensedDuetWithOneOptIn(Isrc.of("SEXYZ2600011")));

    connections.set(0);
    catalogue.apply(aLicensedDuetWithOneOptIn(Isrc.of("SEXYZ2600012")));

    assertEquals(
        1 + 4,
        connections.get(),
        "one transaction, then one read each for recordings, deals, consents and split sheets");
    assertEquals("PERMIT LICENSED", decide(UseType.AI_CURATION, Isrc.of("SEXYZ2600012"), "SE"));
  }

  private static DataSource countingConnections(DataSource target, AtomicInteger connections) {
    return WatchedDataSource.of(target, connection -> connections.incrementAndGet());
  }
}
