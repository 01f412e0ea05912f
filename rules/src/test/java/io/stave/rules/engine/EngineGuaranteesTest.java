package io.stave.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.rules.TestLimits;
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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the engine guarantees whatever the authors write: doubt is a DENY, never a PERMIT. */
class EngineGuaranteesTest {
  private static final Isrc SONG = Isrc.of("USRC17607839");
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final String HEADER =
      """
      package io.stave.policy.test;
      import io.stave.rules.domain.*;
      """;

  private static final String LICENSE_EVERYTHING =
      """
      rule "Everything is licensed by every deal"
      when
          $request : DecisionRequest()
          $deal : Deal()
      then
          insert( new Licence( drools.getRule().getName(), $deal ) );
      end
      """;

  private final InMemoryFactStore facts =
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

  private static CompiledPolicy compile(String... rules) throws PolicyCompilationException {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < rules.length; i++) {
      files.put("rules" + i + ".drl", HEADER + rules[i]);
    }
    return PolicyCompiler.compile(new PolicySource(99, files));
  }

  /** Rules that never stop: each firing counts one up, doing {@code work} first. */
  private static String countingForever(String work) {
    return """
        rule "Count forever"
        when
            $request : DecisionRequest()
            $n : Integer()
        then
        %s
            insert( Integer.valueOf( $n + 1 ) );
        end
        rule "Start counting"
        when DecisionRequest()
        then insert( Integer.valueOf( 0 ) );
        end
        """
        .formatted(work);
  }

  private static DecisionRequest request(Isrc isrc) {
    return new DecisionRequest(
        "r", "ai-dj", UseType.AI_CURATION, isrc, Territory.of("SE"), NOW, Map.of());
  }

  @Test
  void aPolicyThatLicensesSomethingPermitsItWithItsSplit() throws Exception {
    try (CompiledPolicy policy = compile(LICENSE_EVERYTHING)) {
      Decision decision = policy.evaluate(request(SONG), facts, TestLimits.UNHURRIED);
      assertEquals(Verdict.PERMIT, decision.verdict());
      assertEquals("S1", decision.split().getSplitId());
    }
  }

  @Test
  void aPolicyThatLicensesNothingDeniesByDefault() throws Exception {
    try (CompiledPolicy policy =
        compile(
            """
        rule "Nothing at all"
        when DecisionRequest( useType == UseType.AI_TRAINING )
        then
        end
        """)) {
      Decision decision = policy.evaluate(request(SONG), facts, TestLimits.UNHURRIED);
      assertEquals(ReasonCode.NOT_LICENSED, decision.reasons().get(0).code());
    }
  }

  @Test
  void anUnknownRecordingIsDeniedEvenIfAnAuthorsRuleLicensesIt() throws Exception {
    Isrc unknown = Isrc.of("FRZ039800212");
    facts.add(
        new Deal(
            "D2",
            "label-1",
            Set.of(unknown),
            Set.of(Territory.WORLDWIDE),
            Set.of(),
            NOW.minus(Duration.ofDays(1)),
            null,
            Set.of(UseType.AI_CURATION),
            Set.of(),
            null,
            null));
    try (CompiledPolicy policy = compile(LICENSE_EVERYTHING)) {
      Decision decision = policy.evaluate(request(unknown), facts, TestLimits.UNHURRIED);
      assertEquals(Verdict.DENY, decision.verdict());
      assertEquals(ReasonCode.UNKNOWN_RECORDING, decision.reasons().get(0).code());
    }
  }

  /**
   * A StackOverflowError is no RuntimeException: it left the engine as a 500, nothing logged. The
   * guard now refuses a function that calls itself, so the engine's own guarantee is tested on a
   * version compiled without it.
   */
  @Test
  void aRuleThatRecursesWithoutEndIsADenyWithRuleError() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("rules0.drl", HEADER + LICENSE_EVERYTHING);
    files.put(
        "rules1.drl",
        HEADER
            + """
        function int deeper(int x) { return deeper(x + 1) + 1; }

        rule "A rule that recurses without end"
        when DecisionRequest()
        then
            int depth = deeper(0);
        end
        """);
    try (CompiledPolicy policy =
        PolicyCompiler.compileWithoutGuard(new PolicySource(99, files), true)) {
      Decision decision = policy.evaluate(request(SONG), facts, TestLimits.UNHURRIED);
      assertEquals(Verdict.DENY, decision.verdict());
      assertEquals(ReasonCode.RULE_ERROR, decision.reasons().get(0).code());
      assertTrue(
          decision.reasons().get(0).message().contains("StackOverflowError"),
          decision.reasons().get(0).message());
    }
  }

  @Test
  void aRuleThatThrowsIsADenyWithRuleError() throws Exception {
    try (CompiledPolicy policy =
        compile(
            LICENSE_EVERYTHING,
            """
        rule "A rule with a bug"
        when DecisionRequest()
        then
            throw new IllegalStateException("division by zero in author's rule");
        end
        """)) {
      Decision decision = policy.evaluate(request(SONG), facts, TestLimits.UNHURRIED);
      assertEquals(Verdict.DENY, decision.verdict());
      assertEquals(ReasonCode.RULE_ERROR, decision.reasons().get(0).code());
      assertTrue(decision.reasons().get(0).message().contains("division by zero"));
    }
  }

  @Test
  void aRuleLoopThatHitsTheFireLimitIsADeny() throws Exception {
    try (CompiledPolicy policy = compile(LICENSE_EVERYTHING, countingForever(""))) {
      Decision decision =
          policy.evaluate(request(SONG), facts, new EvaluationLimits(50, Duration.ofSeconds(10)));
      assertEquals(Verdict.DENY, decision.verdict());
      assertEquals(ReasonCode.FIRE_LIMIT_EXCEEDED, decision.reasons().get(0).code());
    }
  }

  @Test
  void aSlowEvaluationThatPassesTheDeadlineIsADeny() throws Exception {
    // The guard refuses System.nanoTime and loops in rules, so the slow rule builds a long string.
    String spin =
        """
        int spun = "tick".repeat(50000).hashCode();
        """;
    try (CompiledPolicy policy = compile(LICENSE_EVERYTHING, countingForever(spin))) {
      Decision decision =
          policy.evaluate(
              request(SONG), facts, new EvaluationLimits(1_000_000, Duration.ofMillis(20)));
      assertEquals(Verdict.DENY, decision.verdict());
      assertEquals(ReasonCode.DEADLINE_EXCEEDED, decision.reasons().get(0).code());
    }
  }

  @Test
  void aPermitWithoutASplitSheetIsImpossible() throws Exception {
    InMemoryFactStore noSplit =
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
                    null));
    try (CompiledPolicy policy = compile(LICENSE_EVERYTHING)) {
      Decision decision = policy.evaluate(request(SONG), noSplit, TestLimits.UNHURRIED);
      assertEquals(ReasonCode.NO_SPLIT_SHEET, decision.reasons().get(0).code());
    }
  }

  @Test
  void factsThatCannotBeReadAreADeny() throws Exception {
    FactStore broken =
        new FactStore() {
          @Override
          public java.util.Optional<Recording> recording(Isrc isrc) {
            throw new IllegalStateException("cache member unreachable");
          }

          @Override
          public List<Deal> dealsCovering(Isrc isrc) {
            return facts.dealsCovering(isrc);
          }

          @Override
          public List<io.stave.rules.domain.Consent> consents(String artistId, UseType useType) {
            return List.of();
          }

          @Override
          public java.util.Optional<SplitSheet> splitSheet(Isrc isrc, UseType useType) {
            return facts.splitSheet(isrc, useType);
          }
        };
    try (CompiledPolicy policy = compile(LICENSE_EVERYTHING)) {
      Decision decision = policy.evaluate(request(SONG), broken, TestLimits.UNHURRIED);
      assertEquals(Verdict.DENY, decision.verdict());
      assertTrue(decision.reasons().get(0).message().contains("cache member unreachable"));
    }
  }

  @Test
  void aCompileErrorNamesTheFileAndLine() {
    var error =
        assertThrows(
            PolicyCompilationException.class,
            () ->
                compile(
                    """
        rule "Broken"
        when
            DecisionRequest( nonsenseField == 3 )
        then
        end
        """));
    var problem = error.problems().get(0);
    assertEquals("rules0.drl", problem.file());
    assertEquals(5, problem.line(), error.getMessage());
  }

  @Test
  void aRuleThatWouldRunForEveryRequestIsReportedByTheLint() throws Exception {
    try (CompiledPolicy policy =
        compile(
            LICENSE_EVERYTHING,
            """
        rule "Only for training"
        when DecisionRequest( useType == UseType.AI_TRAINING )
        then
        end
        """)) {
      assertEquals(1, policy.warnings().size(), policy.warnings().toString());
      assertEquals("Everything is licensed by every deal", policy.warnings().get(0).rule());
    }
  }

  /**
   * Rules that match no fact a request brings (no pattern at all, only {@code not} or an {@code
   * accumulate}) fire once per session. A session reused for the next request would not fire them
   * again, so every request of a batch, and every request after the first on a pooled session, must
   * still get them.
   */
  @Test
  void aRuleWithoutAFactPatternAppliesToEveryRequestOfABatch() throws Exception {
    for (String when :
        List.of(
            "",
            "not Integer()",
            "Number( longValue == 0 ) from accumulate( Integer(), count() )")) {
      try (CompiledPolicy policy =
          compile(
              LICENSE_EVERYTHING,
              """
          rule "Closed for maintenance"
          when %s
          then
              insert( new Denial( ReasonCode.POLICY_DENIED, drools.getRule().getName(),
                  "Closed for maintenance." ) );
          end
          """
                  .formatted(when))) {
        List<DecisionRequest> requests = List.of(request(SONG), request(SONG), request(SONG));
        for (Decision decision : policy.evaluateAll(requests, facts, TestLimits.UNHURRIED)) {
          assertEquals(Verdict.DENY, decision.verdict(), "when " + when);
          assertEquals(ReasonCode.POLICY_DENIED, decision.reasons().get(0).code(), "when " + when);
        }
        for (int i = 0; i < 3; i++) {
          Decision decision = policy.evaluate(request(SONG), facts, TestLimits.UNHURRIED);
          assertEquals(Verdict.DENY, decision.verdict(), "when " + when);
        }
      }
    }
  }

  @Test
  void aSessionIsReusedOnlyAfterADecisionThatRanToItsEnd() throws Exception {
    try (CompiledPolicy policy = compile(LICENSE_EVERYTHING, countingForever(""))) {
      EvaluationLimits tight = new EvaluationLimits(50, Duration.ofSeconds(10));
      assertEquals(0, policy.idleSessions(UseType.AI_CURATION));
      Decision tripped = policy.evaluate(request(SONG), facts, tight);
      assertEquals(ReasonCode.FIRE_LIMIT_EXCEEDED, tripped.reasons().get(0).code());
      assertEquals(0, policy.idleSessions(UseType.AI_CURATION), "a tripped session is disposed");
    }
    try (CompiledPolicy policy = compile(LICENSE_EVERYTHING)) {
      for (int i = 0; i < CompiledPolicy.SESSION_USES + 5; i++) {
        assertEquals(
            Verdict.PERMIT, policy.evaluate(request(SONG), facts, TestLimits.UNHURRIED).verdict());
        // the session is given back until its last use, which disposes it
        int expected = (i + 1) % CompiledPolicy.SESSION_USES == 0 ? 0 : 1;
        assertEquals(expected, policy.idleSessions(UseType.AI_CURATION), "after decision " + i);
      }
      policy.close();
      assertEquals(0, policy.idleSessions(UseType.AI_CURATION), "a closed policy keeps none");
      assertEquals(
          Verdict.PERMIT, policy.evaluate(request(SONG), facts, TestLimits.UNHURRIED).verdict());
      assertEquals(0, policy.idleSessions(UseType.AI_CURATION), "nor takes any back");
    }
  }

  @Test
  void aPolicyWithARuleThatFiresOncePerSessionNeverPoolsOne() throws Exception {
    try (CompiledPolicy policy =
        compile(
            LICENSE_EVERYTHING,
            """
        rule "Closed for maintenance"
        when
        then
            insert( new Denial( ReasonCode.POLICY_DENIED, drools.getRule().getName(), "Closed." ) );
        end
        """)) {
      policy.evaluate(request(SONG), facts, TestLimits.UNHURRIED);
      assertEquals(0, policy.idleSessions(UseType.AI_CURATION));
    }
  }

  @Test
  void theShippedBaselineDecidesEveryUseTypeOnPooledSessions() throws Exception {
    try (CompiledPolicy baseline = PolicyCompiler.compile(PolicySource.baseline(1))) {
      baseline.warmUp(); // decides every use type a few dozen times
      for (UseType use : UseType.values()) {
        assertTrue(baseline.idleSessions(use) > 0, use + " keeps no emptied session");
      }
    }
  }
}
