package io.stave.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.rules.TestLimits;
import io.stave.rules.domain.Consent;
import io.stave.rules.domain.ConsentChoice;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.domain.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A policy decided on one rule base per use type decides exactly like the same policy on one base:
 * same verdict, reasons, obligations and split for thousands of random requests, with rules that
 * name one use type, several ({@code in (…)}), none, or name one only inside a wider condition, and
 * a decision table per use type.
 */
class UseTypePartitionsTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final List<String> COUNTRIES = List.of("SE", "DE", "FR", "US", "GB", "JP");
  private static final List<String> FEATURES = List.of("f1", "f2", "f3", "ai-dj");
  private static final int RECORDINGS = 60;

  private static final String AUTHORED =
      """
      package io.stave.policy.authored;
      import io.stave.rules.domain.*;
      import java.util.Map;

      rule "One use type by literal: no AI training in SE"
      when
          $request : DecisionRequest( useType == UseType.AI_TRAINING, territoryCode == "SE" )
      then
          insert( new Denial( ReasonCode.POLICY_DENIED, drools.getRule().getName(), "no." ) );
      end

      rule "Several use types by in: f1 may not curate or analyse R0000000003"
      when
          $request : DecisionRequest( useType in ( UseType.AI_CURATION, UseType.AI_ANALYSIS ),
                                      isrcCode == "ZZRND0000003" )
      then
          insert( new Denial( ReasonCode.POLICY_DENIED, drools.getRule().getName(), "no." ) );
      end

      rule "No use type at all: nothing for f2 in FR"
      when
          $request : DecisionRequest( feature == "f2", territoryCode == "FR" )
      then
          insert( new Denial( ReasonCode.POLICY_DENIED, drools.getRule().getName(), "no." ) );
      end

      rule "A use type inside a wider condition: derivatives, or anything in DE, for f3"
      when
          $request : DecisionRequest( useType == UseType.AI_DERIVATIVE || territoryCode == "DE",
                                      feature == "f3" )
      then
          insert( new Denial( ReasonCode.POLICY_DENIED, drools.getRule().getName(), "no." ) );
      end

      rule "A negated use type: f1 only curates in JP"
      when
          $request : DecisionRequest( useType != UseType.AI_CURATION, feature == "f1",
                                      territoryCode == "JP" )
      then
          insert( new Denial( ReasonCode.POLICY_DENIED, drools.getRule().getName(), "no." ) );
      end

      rule "Voiceover in GB is licensed by any deal that names analysis"
      when
          $request : DecisionRequest( useType == UseType.AI_VOICEOVER, territoryCode == "GB" )
          $deal : Deal( namesUseType( UseType.AI_ANALYSIS ) )
      then
          insert( new Licence( drools.getRule().getName(), $deal ) );
      end

      rule "Curation and analysis for ai-dj are capped at 20 seconds"
      when
          $request : DecisionRequest( useType in ( UseType.AI_CURATION, UseType.AI_ANALYSIS ),
                                      feature == "ai-dj" )
          exists Licence()
      then
          insert( new Obligation( ObligationType.MAX_DURATION_SECONDS,
              Map.of( "seconds", "20" ) ) );
      end

      rule "A bound use type with a use-type literal on another fact"
      when
          $request : DecisionRequest( $use : useType, feature == "f2" )
          Deal( namesUseType( UseType.AI_TRAINING ), namesUseType( $use ) )
      then
          insert( new Denial( ReasonCode.POLICY_DENIED, drools.getRule().getName(), "no." ) );
      end
      """;

  /** A decision table whose rows each name one use type. */
  private static final String TABLE =
      String.join(
          "\n",
          "\"RuleSet\",\"io.stave.policy.authored\"",
          "\"Import\",\"io.stave.rules.domain.*\"",
          "\"\"",
          "\"RuleTable Withheld feature\"",
          "\"NAME\",\"CONDITION\",\"ACTION\"",
          "\"\",\"$request : DecisionRequest\",\"\"",
          "\"\",\"useType == UseType.$1, feature == \"\"$2\"\"\",\"insert( new Denial( ReasonCode.POLICY_DENIED, drools.getRule().getName(), \"\"withheld\"\" ) );\"",
          "\"Rule\",\"AI use type, feature\",\"Deny\"",
          "\"Withheld curation for f3\",\"AI_CURATION, f3\",\"x\"",
          "\"Withheld training for f1\",\"AI_TRAINING, f1\",\"x\"",
          "\"Withheld voice likeness for ai-dj\",\"AI_VOICE_LIKENESS, ai-dj\",\"x\"");

  private static CompiledPolicy whole;
  private static CompiledPolicy partitioned;
  private static InMemoryFactStore facts;

  @BeforeAll
  static void compileBothWays() throws Exception {
    Map<String, String> files = new LinkedHashMap<>(PolicySource.baseline(7).ruleFiles());
    files.put("authored.drl", AUTHORED);
    files.put("withheld.drl.csv", TABLE);
    PolicySource source = new PolicySource(7, files);
    whole = PolicyCompiler.compile(source, false);
    partitioned = PolicyCompiler.compile(source, true);
    facts = randomCatalogue(new SplittableRandom(20261202L));
  }

  @Test
  void rulesThatNameUseTypesLiveOnlyInTheirBases() {
    assertTrue(partitioned.partitioned());
    assertFalse(whole.partitioned());
    for (UseType use : UseType.values()) {
      assertTrue(
          partitioned.ruleCount(use) < whole.ruleCount(),
          use + " base should leave out rules that name other use types");
    }
    // the six consent-default rows and three withheld rows name one use type each; the authored
    // rules name one, two, or none recognisably
    // training leaves out five consent defaults, two withheld rows, three authored rules and the
    // streaming-curation licence
    assertEquals(whole.ruleCount() - 11, partitioned.ruleCount(UseType.AI_TRAINING));
  }

  @Test
  void partitionedDecidesExactlyLikeWhole() {
    SplittableRandom random = new SplittableRandom(11L);
    int permits = 0;
    Set<String> reasonCodes = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      DecisionRequest request = randomRequest(random);
      Decision expected = whole.evaluate(request, facts, TestLimits.UNHURRIED, "d");
      Decision actual = partitioned.evaluate(request, facts, TestLimits.UNHURRIED, "d");
      String what = request.describe() + " for " + request.getFeature();
      assertEquals(expected.verdict(), actual.verdict(), what);
      assertEquals(expected.reasons(), actual.reasons(), what);
      assertEquals(Set.copyOf(expected.obligations()), Set.copyOf(actual.obligations()), what);
      assertEquals(split(expected), split(actual), what);
      assertEquals(expected.mainArtistIds(), actual.mainArtistIds(), what);
      permits += expected.verdict() == Verdict.PERMIT ? 1 : 0;
      expected.reasons().forEach(r -> reasonCodes.add(r.rule()));
    }
    // the comparison is worth something only if the requests reach both verdicts and the
    // authored rules and table fire
    assertTrue(permits > 200, "permits: " + permits);
    assertTrue(permits < 4_800, "permits: " + permits);
    for (String rule :
        List.of(
            "One use type by literal: no AI training in SE",
            "Several use types by in: f1 may not curate or analyse R0000000003",
            "No use type at all: nothing for f2 in FR",
            "A use type inside a wider condition: derivatives, or anything in DE, for f3",
            "A negated use type: f1 only curates in JP",
            "Voiceover in GB is licensed by any deal that names analysis",
            "Withheld curation for f3",
            "Withheld training for f1")) {
      assertTrue(reasonCodes.contains(rule), "never fired: " + rule);
    }
  }

  @Test
  void aBatchDecidesLikeOneRequestAtATime() {
    SplittableRandom random = new SplittableRandom(23L);
    List<DecisionRequest> requests = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      requests.add(randomRequest(random));
    }
    for (CompiledPolicy policy : List.of(whole, partitioned)) {
      List<Decision> batch = policy.evaluateAll(requests, facts, TestLimits.UNHURRIED);
      assertEquals(requests.size(), batch.size());
      for (int i = 0; i < requests.size(); i++) {
        // a traced evaluation adds a listener to its session
        Decision single =
            policy.evaluateTraced(requests.get(i), facts, TestLimits.UNHURRIED, rule -> {});
        Decision pooled = policy.evaluate(requests.get(i), facts, TestLimits.UNHURRIED, "d");
        Decision batched = batch.get(i);
        String what = requests.get(i).describe() + " for " + requests.get(i).getFeature();
        assertEquals(single.verdict(), pooled.verdict(), what);
        assertEquals(single.reasons(), pooled.reasons(), what);
        assertEquals(Set.copyOf(single.obligations()), Set.copyOf(pooled.obligations()), what);
        assertEquals(split(single), split(pooled), what);
        assertEquals(requests.get(i), batched.request(), what);
        assertEquals(single.verdict(), batched.verdict(), what);
        assertEquals(single.reasons(), batched.reasons(), what);
        assertEquals(Set.copyOf(single.obligations()), Set.copyOf(batched.obligations()), what);
        assertEquals(split(single), split(batched), what);
      }
    }
  }

  @Test
  void policiesWhoseRulesCreateRequestsAreNotPartitioned() {
    assertTrue(
        UseTypePartitions.sourcesCreateRequests(
            List.of("then insert( new DecisionRequest( null, null, UseType.AI_TRAINING, ...")));
    assertFalse(UseTypePartitions.sourcesCreateRequests(List.of(AUTHORED, TABLE)));
  }

  /** Split sheets have no value equality; a default split is built per decision. */
  private static String split(Decision decision) {
    SplitSheet sheet = decision.split();
    return sheet == null ? null : sheet.getSplitId() + " " + sheet.getShares();
  }

  private static Isrc isrc(int n) {
    return Isrc.of(String.format("ZZRND%07d", n));
  }

  private static InMemoryFactStore randomCatalogue(SplittableRandom random) {
    InMemoryFactStore store = new InMemoryFactStore();
    for (int n = 0; n < RECORDINGS; n++) {
      List<String> artists = new ArrayList<>();
      for (int a = 0; a < 1 + random.nextInt(2); a++) {
        artists.add("artist-" + random.nextInt(20));
      }
      store.add(new Recording(isrc(n), "Song " + n, "Artists", artists, "label-1", null));
      if (random.nextInt(4) != 0) {
        store.add(
            new SplitSheet(
                "split-" + n,
                isrc(n),
                null,
                List.of(
                    new Share("label-1", "LABEL", Percent.of("50")),
                    new Share(artists.get(0), "MAIN_ARTIST", Percent.of("50")))));
      }
    }
    for (int d = 0; d < 40; d++) {
      Set<Isrc> recordings = new HashSet<>();
      for (int r = 0; r < 4; r++) {
        recordings.add(isrc(random.nextInt(RECORDINGS)));
      }
      Set<UseType> uses = EnumSet.noneOf(UseType.class);
      for (UseType use : UseType.values()) {
        if (random.nextInt(3) == 0) {
          uses.add(use);
        }
      }
      boolean worldwide = random.nextBoolean();
      Set<Territory> territories =
          worldwide
              ? Set.of(Territory.WORLDWIDE)
              : new HashSet<>(List.of(territory(random), territory(random), territory(random)));
      Set<Territory> excluded = worldwide ? Set.of(territory(random)) : Set.of();
      Instant from = NOW.minus(Duration.ofDays(100 + random.nextInt(300)));
      Instant until = random.nextInt(5) == 0 ? NOW.minus(Duration.ofDays(10)) : null;
      store.add(
          new Deal(
              "deal-" + d,
              "label-1",
              recordings,
              territories,
              excluded,
              from,
              until,
              uses,
              random.nextInt(3) == 0 ? Set.of("Stream") : Set.of(),
              null,
              random.nextInt(3) == 0 ? 30 : null));
    }
    for (int c = 0; c < 60; c++) {
      store.add(
          new Consent(
              "consent-" + c,
              "artist-" + random.nextInt(20),
              UseType.values()[random.nextInt(UseType.values().length)],
              random.nextBoolean() ? ConsentChoice.OPT_IN : ConsentChoice.OPT_OUT,
              NOW.minus(Duration.ofDays(random.nextInt(400))),
              "artist portal",
              NOW.minus(Duration.ofDays(400))));
    }
    return store;
  }

  private static Territory territory(SplittableRandom random) {
    return Territory.of(COUNTRIES.get(random.nextInt(COUNTRIES.size())));
  }

  private static DecisionRequest randomRequest(SplittableRandom random) {
    return new DecisionRequest(
        null,
        FEATURES.get(random.nextInt(FEATURES.size())),
        UseType.values()[random.nextInt(UseType.values().length)],
        isrc(random.nextInt(RECORDINGS + 3)), // a few unknown recordings
        territory(random),
        NOW.minus(Duration.ofDays(random.nextInt(30))),
        Map.of());
  }
}
