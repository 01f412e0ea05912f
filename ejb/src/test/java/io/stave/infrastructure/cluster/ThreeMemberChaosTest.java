package io.stave.infrastructure.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.SplitSheetRepository.SheetSource;
import io.stave.infrastructure.persistence.TestDatabases;
import io.stave.rules.domain.Consent;
import io.stave.rules.domain.ConsentChoice;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.FactStore;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.EvaluationLimits;
import io.stave.rules.engine.InMemoryFactStore;
import io.stave.rules.engine.PolicyCompiler;
import io.stave.rules.engine.PolicySource;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three real members holding more than 100,000 fact entries; one member is killed (terminated, no
 * graceful hand-over) while 10,000 decisions run on another. Every decision must equal a
 * single-node oracle deciding from the same facts in memory, and afterwards the maps must equal the
 * database (entry counts and a digest of every entry).
 */
class ThreeMemberChaosTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final int RECORDINGS = 30_000;
  private static final int ARTISTS = 10_000;
  private static final List<String> COUNTRIES = List.of("SE", "NO", "DE", "US", "JP", "BR");
  private final List<HazelcastInstance> members = new ArrayList<>();

  @AfterEach
  void stop() {
    members.forEach(m -> m.getLifecycleService().terminate());
    TestMembers.forget();
  }

  private static Isrc isrc(int i) {
    return Isrc.of(String.format("CHSYN26%05d", i));
  }

  /**
   * A seeded catalogue written to the database and kept in the oracle: recordings, deals, consents,
   * sheets.
   */
  private static InMemoryFactStore seed(DataSource dataSource, CatalogueRepository repository)
      throws Exception {
    Random random = new Random(42);
    InMemoryFactStore oracle = new InMemoryFactStore();
    List<Recording> recordings = new ArrayList<>();
    for (int i = 0; i < RECORDINGS; i++) {
      List<String> artists = new ArrayList<>(List.of("artist-" + random.nextInt(ARTISTS)));
      if (random.nextInt(4) == 0) {
        artists.add("artist-" + random.nextInt(ARTISTS));
      }
      recordings.add(
          new Recording(
              isrc(i),
              "Track " + i,
              "Artist " + i,
              List.copyOf(new LinkedHashSet<>(artists)),
              "label-" + (i % 50),
              i % 7 == 0 ? "controller-" + (i % 11) : null,
              null));
    }
    List<Deal> deals = new ArrayList<>();
    for (int d = 0; d < RECORDINGS / 10; d++) {
      Set<Isrc> covered = new LinkedHashSet<>();
      for (int r = 0; r < 10; r++) {
        covered.add(isrc(d * 10 + r));
      }
      Set<Territory> territories =
          random.nextInt(3) == 0
              ? Set.of(Territory.WORLDWIDE)
              : Set.of(Territory.of(COUNTRIES.get(random.nextInt(COUNTRIES.size()))));
      Set<UseType> uses = EnumSet.noneOf(UseType.class);
      for (UseType use : UseType.values()) {
        if (random.nextInt(3) == 0) {
          uses.add(use);
        }
      }
      Instant from = NOW.minus(Duration.ofDays(30 + random.nextInt(300)));
      Instant until =
          random.nextInt(5) == 0 ? NOW.minus(Duration.ofDays(1 + random.nextInt(20))) : null;
      deals.add(
          new Deal(
              "deal-" + d,
              "label-" + (d % 50),
              covered,
              territories,
              Set.of(),
              from,
              until,
              uses,
              random.nextBoolean() ? Set.of("OnDemandStream") : Set.of(),
              null,
              null));
    }
    List<Consent> consents = new ArrayList<>();
    for (int c = 0; c < 45_000; c++) {
      consents.add(
          new Consent(
              "consent-" + c,
              "artist-" + random.nextInt(ARTISTS),
              UseType.values()[random.nextInt(UseType.values().length)],
              random.nextBoolean() ? ConsentChoice.OPT_IN : ConsentChoice.OPT_OUT,
              NOW.minus(Duration.ofDays(random.nextInt(400))),
              "portal",
              NOW.minus(Duration.ofDays(1))));
    }
    List<SplitSheet> sheets = new ArrayList<>();
    for (int i = 0; i < RECORDINGS; i += 3) {
      sheets.add(
          new SplitSheet(
              "split-" + i,
              isrc(i),
              null,
              List.of(
                  new Share("label-" + (i % 50), "LABEL", Percent.of("60")),
                  new Share(
                      recordings.get(i).getMainArtistIds().get(0),
                      "MAIN_ARTIST",
                      Percent.of("40")))));
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      for (int i = 0; i < recordings.size(); i += 5_000) {
        repository
            .recordings()
            .save(connection, recordings.subList(i, Math.min(recordings.size(), i + 5_000)));
      }
      for (int i = 0; i < deals.size(); i += 1_000) {
        repository.deals().save(connection, deals.subList(i, Math.min(deals.size(), i + 1_000)));
      }
      for (int i = 0; i < consents.size(); i += 5_000) {
        repository
            .consents()
            .append(connection, consents.subList(i, Math.min(consents.size(), i + 5_000)));
      }
      repository.splitSheets().save(connection, sheets, SheetSource.SPLIT_FEED);
      connection.commit();
    }
    recordings.forEach(oracle::add);
    deals.forEach(oracle::add);
    consents.forEach(oracle::add);
    sheets.forEach(oracle::add);
    return oracle;
  }

  @Test
  void killingAMemberDuringTenThousandDecisionsChangesNoDecisionAndTheMapsStillEqualTheDatabase()
      throws Exception {
    DataSource dataSource = TestDatabases.all().get(0).dataSource();
    CatalogueRepository repository = new CatalogueRepository(dataSource);
    InMemoryFactStore oracle = seed(dataSource, repository);
    System.setProperty("stave.cluster.port", "6731");
    System.setProperty("stave.cluster.members", "127.0.0.1:6731,127.0.0.1:6732,127.0.0.1:6733");
    members.add(TestMembers.startAlone(repository));
    members.add(TestMembers.startJoining(repository));
    members.add(TestMembers.startJoining(repository));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> members.get(0).getCluster().getMembers().size() == 3);
    long entries =
        HazelcastFactStore.FACT_MAPS.stream()
            .mapToLong(name -> members.get(0).getMap(name).size())
            .sum();
    assertTrue(entries >= 100_000, entries + " fact entries");

    FactStore cluster = new HazelcastFactStore(() -> members.get(0));
    EvaluationLimits patient = new EvaluationLimits(1_000, Duration.ofSeconds(10));
    Random random = new Random(7);
    int differing = 0;
    List<String> examples = new ArrayList<>();
    try (CompiledPolicy policy = PolicyCompiler.compile(PolicySource.baseline(1))) {
      policy.warmUp();
      for (int n = 0; n < 10_000; n++) {
        if (n == 3_000) {
          members.get(2).getLifecycleService().terminate(); // a hard kill, not a graceful shutdown
        }
        int index = random.nextInt(RECORDINGS + RECORDINGS / 20); // about 5% unknown recordings
        DecisionRequest request =
            new DecisionRequest(
                null,
                "chaos",
                UseType.values()[random.nextInt(6)],
                index < RECORDINGS
                    ? isrc(index)
                    : Isrc.of(String.format("CHUNK26%05d", index - RECORDINGS)),
                Territory.of(COUNTRIES.get(random.nextInt(COUNTRIES.size()))),
                NOW,
                Map.of());
        String clustered = outcome(policy.evaluate(request, cluster, patient));
        String alone = outcome(policy.evaluate(request, oracle, patient));
        if (!clustered.equals(alone)) {
          differing++;
          if (examples.size() < 5) {
            examples.add(request.describe() + ": cluster " + clustered + ", oracle " + alone);
          }
        }
      }
    }
    assertEquals(0, differing, () -> "decisions differing from the oracle, e.g. " + examples);
    assertEquals(2, members.get(0).getCluster().getMembers().size());

    HazelcastInstance survivor = members.get(0);
    assertMapEqualsDatabase(
        survivor,
        HazelcastFactStore.RECORDINGS,
        repository.recordings().keys(),
        keys -> unchecked(() -> repository.recordings().find(keys)));
    assertMapEqualsDatabase(
        survivor,
        HazelcastFactStore.RECORDING_DEALS,
        repository.deals().recordingKeys(),
        keys -> unchecked(() -> repository.deals().byRecording(keys)));
    assertMapEqualsDatabase(
        survivor,
        HazelcastFactStore.CONSENTS,
        repository.consents().keys(),
        keys -> unchecked(() -> repository.consents().histories(keys)));
    assertMapEqualsDatabase(
        survivor,
        HazelcastFactStore.SPLIT_SHEETS,
        repository.splitSheets().keys(),
        keys -> unchecked(() -> repository.splitSheets().byRecording(keys)));
  }

  private static String outcome(Decision decision) {
    return decision.verdict()
        + " "
        + decision.reasons().stream().map(r -> r.code().name()).sorted().toList()
        + (decision.split() == null
            ? ""
            : " " + decision.split().getSplitId() + decision.split().getShares());
  }

  /**
   * Every key the database holds is in the map with the same value (a digest over canonical
   * entries).
   */
  private static void assertMapEqualsDatabase(
      HazelcastInstance member,
      String name,
      Set<String> keys,
      Function<Set<String>, Map<String, ?>> database)
      throws Exception {
    Map<String, Object> inMap = new TreeMap<>(member.<String, Object>getMap(name).getAll(keys));
    Map<String, Object> inDatabase = new TreeMap<>(database.apply(keys));
    assertEquals(inDatabase.size(), inMap.size(), name + ": entries");
    String firstDifference =
        inDatabase.keySet().stream()
            .filter(key -> !canonical(inDatabase.get(key)).equals(canonical(inMap.get(key))))
            .findFirst()
            .map(
                key ->
                    key
                        + ": database "
                        + canonical(inDatabase.get(key))
                        + ", map "
                        + canonical(inMap.get(key)))
            .orElse("none");
    assertEquals(
        digest(inDatabase),
        digest(inMap),
        name + ": digest of every entry; first difference " + firstDifference);
  }

  private static String digest(Map<String, Object> entries) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Map.Entry<String, Object> entry : entries.entrySet()) {
      sha.update(
          (entry.getKey() + "=" + canonical(entry.getValue()) + "\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String canonical(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(ThreeMemberChaosTest::canonical).sorted().toList().toString();
    }
    if (value instanceof Recording r) {
      return r.getIsrc()
          + "|"
          + r.getTitle()
          + "|"
          + r.getDisplayArtist()
          + "|"
          + r.getMainArtistIds()
          + "|"
          + r.getLabelId()
          + "|"
          + r.getRightsControllerId();
    }
    if (value instanceof Deal d) {
      return d.getDealId()
          + "|"
          + d.getLicensorId()
          + "|"
          + sorted(d.getRecordings())
          + "|"
          + sorted(d.getTerritories())
          + "|"
          + sorted(d.getExcludedTerritories())
          + "|"
          + d.getValidFrom()
          + "|"
          + d.getValidUntil()
          + "|"
          + sorted(d.getAiUseTypes())
          + "|"
          + sorted(d.getDdexUseTypes());
    }
    if (value instanceof Consent c) {
      return c.consentId()
          + "|"
          + c.artistId()
          + "|"
          + c.useType()
          + "|"
          + c.choice()
          + "|"
          + c.effectiveFrom();
    }
    if (value instanceof SplitSheet s) {
      return s.getSplitId() + "|" + s.getUseType() + "|" + s.getShares();
    }
    return String.valueOf(value);
  }

  /**
   * A set's members in a fixed order: an immutable set iterates in an order of its own after a
   * round trip.
   */
  private static String sorted(java.util.Collection<?> values) {
    return values.stream().map(String::valueOf).sorted().toList().toString();
  }

  private interface Sql<T> {
    T run() throws Exception;
  }

  private static <T> T unchecked(Sql<T> query) {
    try {
      return query.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
