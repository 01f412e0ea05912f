package io.stave.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.FactStore;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.ReasonCode;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.domain.Verdict;
import io.stave.rules.engine.EvaluationLimits;
import io.stave.rules.engine.InMemoryFactStore;
import io.stave.rules.engine.PolicySource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decision service fails closed whatever goes wrong under it: a rule that throws, a rule loop
 * that hits the fire limit, a rule slow enough to pass the deadline and facts that cannot be read
 * are each a DENY naming the fault, logged like any decision; a decision the log cannot take, no
 * safe cluster or no active policy is a 503 ({@link ServiceUnavailableException}) and no decision
 * at all. The recording is licensed, so without the fault each request would be a PERMIT.
 */
class DecisionServiceFaultsTest {
  private static final Isrc SONG = Isrc.of("USRC17607839");
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final EvaluationLimits LIMITS = new EvaluationLimits(200, Duration.ofSeconds(1));

  /** The baseline plus authored rules with faults, each only for requests of one feature. */
  private static final String FAULTS =
      """
      package io.stave.policy.faults;
      import io.stave.rules.domain.*;

      rule "A rule with a bug"
      when DecisionRequest( feature == "faulty-rule" )
      then throw new IllegalStateException("author's bug");
      end

      rule "A rule that loops"
      when
          DecisionRequest( feature == "looping-rule" )
          $n : Integer()
      then insert( Integer.valueOf( $n + 1 ) );
      end

      rule "Start the loop"
      when DecisionRequest( feature == "looping-rule" )
      then insert( Integer.valueOf( 0 ) );
      end

      rule "A slow rule"
      when
          DecisionRequest( feature == "slow-rule" )
          $n : Long()
      then
          // The guard refuses System.nanoTime and loops in rules, so each firing builds and hashes a
          // 40 MB string (tens of milliseconds) and fires again: the 1 s deadline passes long before
          // the fire limit of 200.
          int spun = "tick".repeat(10_000_000).hashCode();
          insert( Long.valueOf( $n + 1 ) );
      end

      rule "Start the slow rule"
      when DecisionRequest( feature == "slow-rule" )
      then insert( Long.valueOf( 0 ) );
      end
      """;

  private static PolicyService policies;

  private final InMemoryFactStore licensed =
      new InMemoryFactStore()
          .add(new Recording(SONG, "Song", "Artist", List.of("artist-a"), "label-1", null))
          .add(
              new Deal(
                  "D1",
                  "label-1",
                  Set.of(SONG),
                  Set.of(Territory.WORLDWIDE),
                  Set.of(),
                  NOW.minus(Duration.ofDays(1)),
                  null,
                  Set.of(UseType.AI_CURATION),
                  Set.of(),
                  null,
                  null))
          .add(
              new SplitSheet(
                  "S1", SONG, null, List.of(new Share("label-1", "LABEL", Percent.HUNDRED))));
  private final List<Decision> logged = new ArrayList<>();
  private final DecisionLog log =
      new DecisionLog() {
        @Override
        public void record(List<Decision> decisions, String principal) {
          logged.addAll(decisions);
        }

        @Override
        public Optional<LoggedDecision> find(String decisionId) {
          return Optional.empty();
        }

        @Override
        public DecisionPage list(DecisionQuery query) {
          throw new UnsupportedOperationException();
        }
      };

  @BeforeAll
  static void activatePolicyWithFaults() throws Exception {
    Map<String, String> files = new LinkedHashMap<>(PolicySource.baseline(7).files());
    files.put("faults.drl", FAULTS);
    PolicySource source = new PolicySource(7, files);
    policies =
        new PolicyService(
            new PolicyStore() {
              @Override
              public Optional<PolicySource> findActive() {
                return Optional.of(source);
              }

              @Override
              public Optional<PolicySource> find(long version) {
                return Optional.of(source);
              }

              @Override
              public boolean installShippedBaseline() {
                return false;
              }
            });
    policies.activateStoredPolicy();
  }

  @AfterAll
  static void close() {
    policies.close();
  }

  private static DecisionRequest request(String feature) {
    return new DecisionRequest(
        "r", feature, UseType.AI_CURATION, SONG, Territory.of("SE"), NOW, Map.of());
  }

  private DecisionService service(FactStore facts, DecisionLog log, boolean clusterSafe) {
    return new DecisionService(policies, facts, log, () -> clusterSafe, LIMITS);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "ai-dj, LICENSED",
    "faulty-rule, RULE_ERROR",
    "looping-rule, FIRE_LIMIT_EXCEEDED",
    "slow-rule, DEADLINE_EXCEEDED"
  })
  void aFaultInTheRulesIsALoggedDenyNamingIt(String feature, ReasonCode expected) {
    Decision decision = service(licensed, log, true).decide(request(feature), "client");
    if (expected == ReasonCode.LICENSED) {
      assertEquals(Verdict.PERMIT, decision.verdict(), "without a fault the request is permitted");
    } else {
      assertEquals(Verdict.DENY, decision.verdict(), decision.reasons().toString());
    }
    assertEquals(expected, decision.reasons().get(0).code(), decision.reasons().toString());
    assertEquals(List.of(decision), logged, "the answer is the logged decision");
  }

  /**
   * A batch's requests take turns on the policy's pooled rule sessions, emptied after each: a fault
   * is the one request's DENY, and every other request, before or after it or after another like
   * it, is decided as if alone.
   */
  @Test
  void aFaultInABatchIsOnlyItsOwnRequestsDeny() {
    List<String> features =
        List.of(
            "ai-dj",
            "faulty-rule",
            "ai-dj",
            "looping-rule",
            "ai-dj",
            "slow-rule",
            "ai-dj",
            "ai-dj");
    List<Decision> decisions =
        service(licensed, log, true)
            .decideAll(features.stream().map(DecisionServiceFaultsTest::request).toList(), "c");

    List<ReasonCode> firstReasons =
        decisions.stream().map(decision -> decision.reasons().get(0).code()).toList();
    assertEquals(
        List.of(
            ReasonCode.LICENSED,
            ReasonCode.RULE_ERROR,
            ReasonCode.LICENSED,
            ReasonCode.FIRE_LIMIT_EXCEEDED,
            ReasonCode.LICENSED,
            ReasonCode.DEADLINE_EXCEEDED,
            ReasonCode.LICENSED,
            ReasonCode.LICENSED),
        firstReasons);
    Decision alone = service(licensed, log, true).decide(request("ai-dj"), "c");
    for (int i = 0; i < decisions.size(); i++) {
      if (!features.get(i).equals("ai-dj")) {
        continue;
      }
      assertEquals(alone.reasons(), decisions.get(i).reasons(), "request " + i);
      assertEquals(alone.split(), decisions.get(i).split(), "request " + i);
      assertEquals(alone.obligations(), decisions.get(i).obligations(), "request " + i);
    }
    assertEquals(decisions, logged.subList(0, decisions.size()), "logged in one write, in order");
  }

  @Test
  void factsThatCannotBeReadAreALoggedDeny() {
    FactStore unreachable =
        new FactStore() {
          @Override
          public Optional<Recording> recording(Isrc isrc) {
            throw new IllegalStateException(
                "the recordings map cannot be loaded from the database");
          }

          @Override
          public List<Deal> dealsCovering(Isrc isrc) {
            return licensed.dealsCovering(isrc);
          }

          @Override
          public List<io.stave.rules.domain.Consent> consents(String artistId, UseType useType) {
            return List.of();
          }

          @Override
          public Optional<SplitSheet> splitSheet(Isrc isrc, UseType useType) {
            return licensed.splitSheet(isrc, useType);
          }
        };
    Decision decision = service(unreachable, log, true).decide(request("ai-dj"), "client");
    assertEquals(Verdict.DENY, decision.verdict());
    assertEquals(ReasonCode.RULE_ERROR, decision.reasons().get(0).code());
    assertTrue(decision.reasons().get(0).message().contains("cannot be loaded from the database"));
    assertEquals(List.of(decision), logged);
  }

  @Test
  void aDecisionTheLogCannotTakeIsA503NotAnAnswer() {
    DecisionLog databaseDown =
        new DecisionLog() {
          @Override
          public void record(List<Decision> decisions, String principal) {
            throw new ServiceUnavailableException(
                "the decision log could not write the decision: Connection refused");
          }

          @Override
          public Optional<LoggedDecision> find(String decisionId) {
            throw new ServiceUnavailableException("the decision log cannot be read");
          }

          @Override
          public DecisionPage list(DecisionQuery query) {
            throw new ServiceUnavailableException("the decision log cannot be read");
          }
        };
    DecisionService service = service(licensed, databaseDown, true);
    assertThrows(
        ServiceUnavailableException.class, () -> service.decide(request("ai-dj"), "client"));
    assertThrows(
        ServiceUnavailableException.class,
        () -> service.decideAll(List.of(request("ai-dj"), request("faulty-rule")), "client"));
  }

  @Test
  void withoutASafeClusterNothingIsDecided() {
    assertThrows(
        ServiceUnavailableException.class,
        () -> service(licensed, log, false).decide(request("ai-dj"), "client"));
    assertTrue(logged.isEmpty());
  }

  @Test
  void withoutAnActivePolicyNothingIsDecided() {
    PolicyService none = new PolicyService(null);
    DecisionService service = new DecisionService(none, licensed, log, () -> true, LIMITS);
    assertThrows(
        ServiceUnavailableException.class, () -> service.decide(request("ai-dj"), "client"));
    assertTrue(logged.isEmpty());
  }
}
