package io.stave.rules.policy;

import static io.stave.rules.domain.ConsentChoice.OPT_IN;
import static io.stave.rules.policy.Catalogue.LAST_YEAR;
import static io.stave.rules.policy.Catalogue.NOW;
import static io.stave.rules.policy.Catalogue.SONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.rules.TestLimits;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.ReasonCode;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.domain.Verdict;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.PolicyCompiler;
import io.stave.rules.engine.PolicySource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which use types may go ahead without a delivered split sheet is written in the policy's decision
 * table, not in the engine: an author who changes the table changes the decisions.
 */
class SplitFallbackIsPolicyTest {
  private static final String TABLE = "consent-defaults.drl.csv";

  private final Catalogue catalogue = new Catalogue().recording(SONG, "artist-a");

  SplitFallbackIsPolicyTest() {
    catalogue.deal("ALL").forUses(UseType.values()).add();
    for (UseType use : UseType.values()) {
      catalogue.consent("artist-a", use, OPT_IN, LAST_YEAR);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"AI_CURATION", "AI_VOICEOVER", "AI_ANALYSIS"})
  void aPolicyThatRequiresSplitSheetsForEveryUseDeniesWhatTheBaselinePermits(UseType use)
      throws Exception {
    assertEquals(Verdict.PERMIT, decide(baselineWith(table -> table), use).verdict());

    Decision strict =
        decide(baselineWith(table -> table.replace("PAY_LICENSOR", "REQUIRE_SPLIT_SHEET")), use);
    assertEquals(Verdict.DENY, strict.verdict(), () -> strict.reasons().toString());
    assertEquals(ReasonCode.NO_SPLIT_SHEET, strict.reasons().get(0).code());
    assertEquals(
        "A use that needs a delivered split sheet is denied without one",
        strict.reasons().get(0).rule());
  }

  @Test
  void aPolicyThatLetsTrainingFallBackPaysTheLabelForTraining() throws Exception {
    assertEquals(Verdict.DENY, decide(baselineWith(table -> table), UseType.AI_TRAINING).verdict());

    Decision lenient =
        decide(
            baselineWith(
                table ->
                    table.replace(
                        "\"AI_TRAINING\",\"REQUIRES_OPT_IN, false, REQUIRE_SPLIT_SHEET\"",
                        "\"AI_TRAINING\",\"REQUIRES_OPT_IN, false, PAY_LICENSOR\"")),
            UseType.AI_TRAINING);
    assertEquals(Verdict.PERMIT, lenient.verdict(), () -> lenient.reasons().toString());
    assertEquals("label-1", lenient.split().getShares().get(0).partyId());
    assertTrue(lenient.reasons().stream().anyMatch(r -> r.code() == ReasonCode.DEFAULT_SPLIT));
  }

  private Decision decide(PolicySource source, UseType use) throws Exception {
    try (CompiledPolicy policy = PolicyCompiler.compile(source)) {
      policy.warmUp();
      var request =
          new DecisionRequest(
              "req", "ai-dj", use, SONG, Territory.listenerCountry("SE"), NOW, Map.of());
      return policy.evaluate(request, catalogue.facts(), TestLimits.UNHURRIED);
    }
  }

  private static PolicySource baselineWith(UnaryOperator<String> tableEdit) {
    Map<String, String> files = new LinkedHashMap<>(PolicySource.baseline(2).files());
    String edited = tableEdit.apply(files.get(TABLE));
    files.put(TABLE, edited);
    return new PolicySource(2, files);
  }
}
