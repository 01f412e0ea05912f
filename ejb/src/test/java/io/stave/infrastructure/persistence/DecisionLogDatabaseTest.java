package io.stave.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.stave.application.DecisionQuery;
import io.stave.application.Metrics;
import io.stave.application.ServiceUnavailableException;
import io.stave.infrastructure.persistence.TestDatabases.TestDatabase;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Obligation;
import io.stave.rules.domain.ObligationType;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Reason;
import io.stave.rules.domain.ReasonCode;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.domain.Verdict;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision log on the real databases: nothing acknowledged is lost, everything reads back. */
class DecisionLogDatabaseTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  static List<TestDatabase> databases() throws Exception {
    return TestDatabases.all();
  }

  /** Writers as a node has them by default. */
  private static JdbcDecisionLog log(TestDatabase database) {
    return log(database, 4);
  }

  private static JdbcDecisionLog log(TestDatabase database, int writers) {
    return new JdbcDecisionLog(
        database.dataSource(),
        Executors.defaultThreadFactory(),
        writers,
        1_000,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        Metrics.NONE);
  }

  /** Each database with one writer and with several. */
  static Stream<Arguments> databasesAndWriters() throws Exception {
    return databases().stream().flatMap(db -> Stream.of(arguments(db, 1), arguments(db, 4)));
  }

  private static Decision permit(String feature, String artist) {
    return permit(feature, artist, NOW);
  }

  private static Decision permit(String feature, String artist, Instant at) {
    var request =
        new DecisionRequest(
            "req-" + UUID.randomUUID(),
            feature,
            UseType.AI_VOICEOVER,
            Isrc.of("USRC17607839"),
            Territory.of("SE"),
            at,
            Map.of("tier", "premium"));
    var split =
        new SplitSheet(
            "split-1",
            Isrc.of("USRC17607839"),
            null,
            List.of(
                new Share("label-1", "LABEL", Percent.of("62.5")),
                new Share(artist, "MAIN_ARTIST", Percent.of("37.5"))));
    return new Decision(
        UUID.randomUUID().toString(),
        request,
        Verdict.PERMIT,
        List.of(new Reason(ReasonCode.LICENSED, "A rule", "Deal D1 licenses it.")),
        List.of(new Obligation(ObligationType.ATTRIBUTE, Map.of("displayArtist", "Artist"))),
        split,
        List.of(artist),
        3,
        Instant.now(),
        12_345);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aLoggedDecisionReadsBackExactlyAsItWasDecided(TestDatabase database) {
    try (JdbcDecisionLog log = log(database)) {
      Decision decision = permit("ai-dj", "artist-a");
      log.record(List.of(decision), "client");
      var stored = log.find(decision.decisionId()).orElseThrow();
      assertEquals("client", stored.principal());
      assertEquals(DecisionDocument.write(decision), DecisionDocument.write(stored.decision()));
    }
  }

  @ParameterizedTest(name = "{0}, {1} writers")
  @MethodSource("databasesAndWriters")
  void everyDecisionOfManyConcurrentCallersIsCommittedBeforeItIsAcknowledged(
      TestDatabase database, int writers) throws Exception {
    try (JdbcDecisionLog log = log(database, writers)) {
      ExecutorService callers = Executors.newFixedThreadPool(16);
      List<Future<Decision>> acknowledged = decideAtOnce(callers, log, 400, "ai-playlist");
      for (Future<Decision> ack : acknowledged) {
        String id = ack.get().decisionId();
        assertTrue(log.find(id).isPresent(), "acknowledged decision " + id + " is not in the log");
      }
      callers.shutdown();
    }
  }

  @ParameterizedTest(name = "{0}, {1} writers")
  @MethodSource("databasesAndWriters")
  void closingWhileCallersWaitLosesNoAcknowledgedDecision(TestDatabase database, int writers)
      throws Exception {
    JdbcDecisionLog log = log(database, writers);
    ExecutorService callers = Executors.newFixedThreadPool(16);
    List<Future<Decision>> outcomes = decideAtOnce(callers, log, 2_000, "ai-closing");
    while (outcomes.stream().noneMatch(Future::isDone)) {
      Thread.onSpinWait();
    }
    log.close();
    callers.shutdown();
    int acknowledged = 0;
    int refused = 0;
    try (JdbcDecisionLog reader = log(database, 1)) {
      for (Future<Decision> outcome : outcomes) {
        try {
          String id = outcome.get().decisionId();
          acknowledged++;
          assertTrue(reader.find(id).isPresent(), "acknowledged decision " + id + " is lost");
        } catch (ExecutionException e) {
          assertTrue(
              e.getCause() instanceof ServiceUnavailableException,
              "a caller the closing log could not serve hears 503, not " + e.getCause());
          refused++;
        }
      }
    }
    assertTrue(acknowledged > 0, "some decisions were acknowledged before the close");
    assertEquals(outcomes.size(), acknowledged + refused);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theWriterKeepsItsConnectionAndReplacesOneThatDied(TestDatabase database) throws Exception {
    List<Connection> handedOut = new CopyOnWriteArrayList<>();
    DataSource watched = WatchedDataSource.of(database.dataSource(), handedOut::add);
    try (JdbcDecisionLog log =
        new JdbcDecisionLog(
            watched,
            Executors.defaultThreadFactory(),
            1_000,
            Duration.ofSeconds(2),
            Duration.ofSeconds(10))) {
      for (int i = 0; i < 3; i++) {
        log.record(List.of(permit("ai-dj", "artist-a")), "client");
      }
      assertEquals(1, handedOut.size(), "three commits, one connection");

      handedOut.get(0).close(); // as a restarted database or a dropped idle connection would
      Decision afterwards = permit("ai-dj", "artist-b");
      log.record(List.of(afterwards), "client");
      assertEquals(2, handedOut.size(), "the dead connection was replaced");
      assertTrue(log.find(afterwards.decisionId()).isPresent());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anAuditorFiltersByFeatureArtistAndVerdictNewestFirst(TestDatabase database) {
    try (JdbcDecisionLog log = log(database)) {
      String feature = "feature-" + UUID.randomUUID();
      Decision first = permit(feature, "artist-x");
      Decision second = permit(feature, "artist-y");
      log.record(List.of(first), "client");
      log.record(List.of(second), "client");

      var byFeature = log.list(new DecisionQuery(feature, null, null, null, null, null, 10, 0));
      assertEquals(2, byFeature.decisions().size());
      assertFalse(byFeature.more());
      var byArtist =
          log.list(new DecisionQuery(null, null, "artist-y", Verdict.PERMIT, null, null, 10, 0));
      assertEquals(
          List.of(second.decisionId()),
          byArtist.decisions().stream().map(d -> d.decision().decisionId()).toList());
      var firstPage = log.list(new DecisionQuery(feature, null, null, null, null, null, 1, 0));
      assertTrue(firstPage.more());
      var denies =
          log.list(new DecisionQuery(feature, null, null, Verdict.DENY, null, null, 10, 0));
      assertTrue(denies.decisions().isEmpty());
    }
  }

  /**
   * The API accepts request times in the years 0001 to 9999 (the web module's RequestTimes); the
   * log must hold both ends, or an accepted request would still fail its write (a 503).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void decisionsAtTheFirstAndLastInstantsTheApiAcceptsAreLoggedAndFound(TestDatabase database) {
    try (JdbcDecisionLog log = log(database)) {
      String feature = "edges-" + UUID.randomUUID();
      for (Instant at :
          List.of(
              Instant.parse("0001-01-01T00:00:00Z"),
              Instant.parse("9999-12-31T23:59:59.999999999Z"))) {
        Decision decision = permit(feature, "artist-a", at);
        log.record(List.of(decision), "client");
        assertEquals(
            at, log.find(decision.decisionId()).orElseThrow().decision().request().getAt());
      }
      var query =
          new DecisionQuery(
              feature,
              null,
              null,
              null,
              Instant.parse("0001-01-01T00:00:00Z"),
              Instant.parse("9999-12-31T23:59:59.999999999Z"),
              10,
              0);
      assertEquals(2, log.list(query).decisions().size());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aWriteTheDatabaseRefusesIsNotAcknowledged(TestDatabase database) {
    try (JdbcDecisionLog log = log(database)) {
      Decision decision = permit("ai-dj", "artist-a");
      log.record(List.of(decision), "client");
      // The same id again violates the primary key: the caller must hear about it.
      assertThrows(
          ServiceUnavailableException.class, () -> log.record(List.of(decision), "client"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aBatchSpanningSeveralStatementsIsLoggedWholeWithEveryArtist(TestDatabase database) {
    try (JdbcDecisionLog log = log(database)) {
      String feature = "feature-" + UUID.randomUUID();
      String artist = "artist-" + UUID.randomUUID();
      List<Decision> batch = new ArrayList<>();
      // More decisions than one statement carries, each with three artists: more artist rows
      // than one statement carries too, and neither a multiple of its statement's rows.
      int size = 2 * JdbcDecisionLog.DECISIONS_PER_STATEMENT + 37;
      for (int i = 0; i < size; i++) {
        batch.add(withArtists(permit(feature, artist), artist, "other-" + i, "third-" + i));
      }
      assertTrue(3 * size > JdbcDecisionLog.ARTISTS_PER_STATEMENT);
      log.record(batch, "client");

      for (Decision decision : batch) {
        var stored = log.find(decision.decisionId()).orElseThrow();
        assertEquals(DecisionDocument.write(decision), DecisionDocument.write(stored.decision()));
      }
      var byArtist = log.list(new DecisionQuery(feature, null, artist, null, null, null, 500, 0));
      assertEquals(size, byArtist.decisions().size());
      var byLastArtist =
          log.list(new DecisionQuery(null, null, "third-" + (size - 1), null, null, null, 10, 0));
      assertEquals(
          List.of(batch.get(size - 1).decisionId()),
          byLastArtist.decisions().stream().map(d -> d.decision().decisionId()).toList());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aDecisionNamingAnArtistTwiceIsListedOnceForThatArtist(TestDatabase database) {
    try (JdbcDecisionLog log = log(database)) {
      String artist = "artist-" + UUID.randomUUID();
      Decision decision = withArtists(permit("ai-dj", artist), artist, artist);
      log.record(List.of(decision), "client");
      var byArtist = log.list(new DecisionQuery(null, null, artist, null, null, null, 10, 0));
      assertEquals(
          List.of(decision.decisionId()),
          byArtist.decisions().stream().map(d -> d.decision().decisionId()).toList());
    }
  }

  /**
   * {@code count} callers' decisions for {@code feature}, each logged by one of {@code callers}.
   */
  private static List<Future<Decision>> decideAtOnce(
      ExecutorService callers, JdbcDecisionLog log, int count, String feature) {
    List<Future<Decision>> outcomes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      outcomes.add(
          callers.submit(
              () -> {
                Decision decision = permit(feature, "artist-" + UUID.randomUUID());
                log.record(List.of(decision), "client");
                return decision;
              }));
    }
    return outcomes;
  }

  private static Decision withArtists(Decision decision, String... artists) {
    return new Decision(
        decision.decisionId(),
        decision.request(),
        decision.verdict(),
        decision.reasons(),
        decision.obligations(),
        decision.split(),
        List.of(artists),
        decision.policyVersion(),
        decision.evaluatedAt(),
        decision.evaluationNanos());
  }
}
