package io.stave.rules.policy;

import static io.stave.rules.domain.ConsentChoice.OPT_IN;
import static io.stave.rules.domain.ConsentChoice.OPT_OUT;
import static io.stave.rules.domain.UseType.AI_ANALYSIS;
import static io.stave.rules.domain.UseType.AI_CURATION;
import static io.stave.rules.domain.UseType.AI_DERIVATIVE;
import static io.stave.rules.domain.UseType.AI_TRAINING;
import static io.stave.rules.domain.UseType.AI_VOICEOVER;
import static io.stave.rules.domain.UseType.AI_VOICE_LIKENESS;
import static io.stave.rules.policy.Catalogue.LAST_YEAR;
import static io.stave.rules.policy.Catalogue.NOW;
import static io.stave.rules.policy.Catalogue.SONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.rules.TestLimits;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.ObligationType;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Reason;
import io.stave.rules.domain.ReasonCode;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.domain.Verdict;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.PolicyCompiler;
import io.stave.rules.engine.PolicySource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shipped baseline policy, case by case, as DESIGN.md's "Decisions" section states it. */
class BaselinePolicyTest {
  private static CompiledPolicy policy;
  private Catalogue catalogue;

  @BeforeAll
  static void compileBaselineOnce() throws Exception {
    policy = PolicyCompiler.compile(PolicySource.baseline(7));
    policy.warmUp(); // as the server does before a version decides: first-use compilation is not
    // timed
  }

  @AfterAll
  static void release() {
    policy.close();
  }

  @BeforeEach
  void aRecordingWithOneMainArtistAndASplit() {
    catalogue = new Catalogue().recording(SONG, "artist-a").splitFiftyFifty(SONG);
  }

  private Decision ask(UseType use, String territory, Instant at) {
    return ask(use, SONG, territory, at);
  }

  private Decision ask(UseType use, Isrc isrc, String territory, Instant at) {
    var request =
        new DecisionRequest(
            "req-1", "ai-dj", use, isrc, Territory.listenerCountry(territory), at, Map.of());
    return policy.evaluate(request, catalogue.facts(), TestLimits.UNHURRIED);
  }

  private static void assertPermit(Decision decision) {
    assertEquals(Verdict.PERMIT, decision.verdict(), () -> "reasons: " + decision.reasons());
  }

  private static void assertDeny(ReasonCode expected, Decision decision) {
    assertEquals(Verdict.DENY, decision.verdict(), () -> "reasons: " + decision.reasons());
    assertTrue(
        decision.reasons().stream().anyMatch(r -> r.code() == expected),
        () -> "expected a " + expected + " reason, got " + decision.reasons());
    assertTrue(decision.obligations().isEmpty(), "a DENY carries no obligations");
    assertNull(decision.split(), "a DENY names no split");
  }

  @Nested
  class Licensing {
    @Test
    void noDealMeansDenyNotLicensed() {
      assertDeny(ReasonCode.NOT_LICENSED, ask(AI_CURATION, "SE", NOW));
    }

    @Test
    void aDealNamingTheUseInTheTerritoryPermits() {
      catalogue.deal("D1").in("SE").forUses(AI_VOICEOVER).add();
      Decision decision = ask(AI_VOICEOVER, "SE", NOW);
      assertPermit(decision);
      assertEquals(ReasonCode.LICENSED, decision.reasons().get(0).code());
    }

    @Test
    void theLicensedReasonNamesTheDealAndTheRule() {
      catalogue.deal("DEAL-42").in("SE").forUses(AI_ANALYSIS).add();
      Reason reason = ask(AI_ANALYSIS, "SE", NOW).reasons().get(0);
      assertTrue(reason.message().contains("DEAL-42"), reason.message());
      assertEquals(
          "A deal that names the AI use licenses it in its territories and period", reason.rule());
    }

    @Test
    void aDealForAnotherTerritoryDoesNotCover() {
      catalogue.deal("D1").in("NO", "DK").forUses(AI_CURATION).add();
      assertDeny(ReasonCode.NOT_LICENSED, ask(AI_CURATION, "SE", NOW));
    }

    @Test
    void aWorldwideDealCoversAnyCountry() {
      catalogue.deal("D1").in("Worldwide").forUses(AI_VOICEOVER).add();
      assertPermit(ask(AI_VOICEOVER, "JP", NOW));
    }

    @Test
    void aWorldwideDealDoesNotCoverAnExcludedCountry() {
      catalogue.deal("D1").in("Worldwide").excluding("US", "CA").forUses(AI_VOICEOVER).add();
      assertDeny(ReasonCode.NOT_LICENSED, ask(AI_VOICEOVER, "US", NOW));
      assertPermit(ask(AI_VOICEOVER, "MX", NOW));
    }

    @Test
    void anExclusionWinsOverTheSameCountryBeingNamed() {
      catalogue.deal("D1").in("SE", "NO").excluding("SE").forUses(AI_VOICEOVER).add();
      assertDeny(ReasonCode.NOT_LICENSED, ask(AI_VOICEOVER, "SE", NOW));
    }

    @Test
    void aDealIsValidFromTheFirstInstantOfItsStart() {
      Instant start = Instant.parse("2026-01-01T00:00:00Z");
      catalogue.deal("D1").validFrom(start).forUses(AI_ANALYSIS).add();
      assertPermit(ask(AI_ANALYSIS, "SE", start));
      assertDeny(ReasonCode.NOT_LICENSED, ask(AI_ANALYSIS, "SE", start.minusMillis(1)));
    }

    @Test
    void aDealIsNoLongerValidAtTheInstantItEnds() {
      Instant end = Instant.parse("2026-06-30T00:00:00Z");
      catalogue.deal("D1").validUntil(end).forUses(AI_ANALYSIS).add();
      assertPermit(ask(AI_ANALYSIS, "SE", end.minusMillis(1)));
      assertDeny(ReasonCode.NOT_LICENSED, ask(AI_ANALYSIS, "SE", end));
    }

    @Test
    void anExpiredDealDoesNotLicenseTodaysUse() {
      catalogue
          .deal("D1")
          .validFrom(LAST_YEAR)
          .validUntil(LAST_YEAR.plus(Duration.ofDays(30)))
          .forUses(AI_CURATION)
          .add();
      assertDeny(ReasonCode.NOT_LICENSED, ask(AI_CURATION, "SE", NOW));
    }

    @Test
    void aDealForOtherUsesDoesNotCoverThisUse() {
      catalogue.deal("D1").forUses(AI_CURATION, AI_ANALYSIS).add();
      assertDeny(ReasonCode.NOT_LICENSED, ask(AI_VOICEOVER, "SE", NOW));
    }

    @Test
    void aStreamingDealCoversAiCuration() {
      catalogue.deal("D1").withDdexUses("OnDemandStream").add();
      Decision decision = ask(AI_CURATION, "SE", NOW);
      assertPermit(decision);
      assertTrue(
          decision.reasons().get(0).rule().startsWith("A streaming deal covers AI curation"));
    }

    @Test
    void aNonInteractiveStreamDealAlsoCoversAiCuration() {
      catalogue.deal("D1").withDdexUses("NonInteractiveStream").add();
      assertPermit(ask(AI_CURATION, "SE", NOW));
    }

    @Test
    void aStreamingDealDoesNotCoverAnyOtherAiUse() {
      catalogue.deal("D1").withDdexUses("Stream").add();
      for (UseType use : List.of(AI_VOICEOVER, AI_ANALYSIS, AI_DERIVATIVE, AI_TRAINING)) {
        assertDeny(ReasonCode.NOT_LICENSED, ask(use, "SE", NOW));
      }
    }

    @Test
    void aDownloadDealDoesNotCoverAiCuration() {
      catalogue.deal("D1").withDdexUses("PermanentDownload").add();
      assertDeny(ReasonCode.NOT_LICENSED, ask(AI_CURATION, "SE", NOW));
    }

    @Test
    void aDealForAnotherRecordingDoesNotCoverThisOne() {
      Isrc other = Isrc.of("GBAYE0601498");
      catalogue.recording(other, "artist-b").deal("D1").covering(other).forUses(AI_CURATION).add();
      assertDeny(ReasonCode.NOT_LICENSED, ask(AI_CURATION, "SE", NOW));
    }

    @Test
    void twoCoveringDealsAreBothGivenAsReasons() {
      catalogue.deal("D1").in("SE").forUses(AI_CURATION).add();
      catalogue.deal("D2").withDdexUses("Stream").add();
      Decision decision = ask(AI_CURATION, "SE", NOW);
      assertPermit(decision);
      assertEquals(2, decision.reasons().size());
    }

    @Test
    void anUnknownRecordingIsDeniedWithItsOwnReason() {
      Decision decision = ask(AI_CURATION, Isrc.of("FRZ039800212"), "SE", NOW);
      assertDeny(ReasonCode.UNKNOWN_RECORDING, decision);
      assertTrue(decision.reasons().get(0).message().contains("FRZ039800212"));
    }
  }

  @Nested
  class ConsentDefaults {
    @BeforeEach
    void aWorldwideDealForEveryUse() {
      catalogue.deal("ALL").forUses(UseType.values()).add();
    }

    @ParameterizedTest
    @EnumSource(names = {"AI_CURATION", "AI_VOICEOVER", "AI_ANALYSIS"})
    void curationVoiceoverAndAnalysisAreAllowedWhenTheArtistSaidNothing(UseType use) {
      assertPermit(ask(use, "SE", NOW));
    }

    @ParameterizedTest
    @EnumSource(names = {"AI_CURATION", "AI_VOICEOVER", "AI_ANALYSIS"})
    void curationVoiceoverAndAnalysisAreDeniedAfterAnOptOut(UseType use) {
      catalogue.consent("artist-a", use, OPT_OUT, LAST_YEAR);
      assertDeny(ReasonCode.ARTIST_OPTED_OUT, ask(use, "SE", NOW));
    }

    @ParameterizedTest
    @EnumSource(names = {"AI_DERIVATIVE", "AI_VOICE_LIKENESS", "AI_TRAINING"})
    void generativeLikenessAndTrainingUsesNeedAnOptIn(UseType use) {
      assertDeny(ReasonCode.NO_ARTIST_CONSENT, ask(use, "SE", NOW));
    }

    @ParameterizedTest
    @EnumSource(names = {"AI_DERIVATIVE", "AI_VOICE_LIKENESS", "AI_TRAINING"})
    void generativeLikenessAndTrainingUsesArePermittedAfterAnOptIn(UseType use) {
      catalogue.consent("artist-a", use, OPT_IN, LAST_YEAR);
      assertPermit(ask(use, "SE", NOW));
    }

    @Test
    void anOptInForOneUseIsNoOptInForAnother() {
      catalogue.consent("artist-a", AI_DERIVATIVE, OPT_IN, LAST_YEAR);
      assertDeny(ReasonCode.NO_ARTIST_CONSENT, ask(AI_TRAINING, "SE", NOW));
    }

    @Test
    void anOptOutOfTrainingIsDeniedAsAnOptOutNotAsMissingConsent() {
      catalogue.consent("artist-a", AI_TRAINING, OPT_OUT, LAST_YEAR);
      Decision decision = ask(AI_TRAINING, "SE", NOW);
      assertDeny(ReasonCode.ARTIST_OPTED_OUT, decision);
      assertEquals(1, decision.reasons().size(), () -> decision.reasons().toString());
    }

    @Test
    void theOptOutReasonNamesTheConsentRecord() {
      catalogue.consent("artist-a", AI_VOICEOVER, OPT_OUT, LAST_YEAR);
      String message = ask(AI_VOICEOVER, "SE", NOW).reasons().get(0).message();
      assertTrue(message.contains("consent-") && message.contains("artist-a"), message);
    }

    @Test
    void anOptOutDeniesEvenUnderAValidDeal() {
      catalogue.consent("artist-a", AI_CURATION, OPT_OUT, LAST_YEAR);
      Decision decision = ask(AI_CURATION, "SE", NOW);
      assertDeny(ReasonCode.ARTIST_OPTED_OUT, decision);
      assertFalse(decision.reasons().stream().anyMatch(r -> r.code() == ReasonCode.LICENSED));
    }
  }

  @Nested
  class ConsentHistoryOverTime {
    @BeforeEach
    void aWorldwideDealForEveryUse() {
      catalogue.deal("ALL").forUses(UseType.values()).add();
    }

    @Test
    void optOutAfterOptInDenies() {
      catalogue.consent("artist-a", AI_DERIVATIVE, OPT_IN, LAST_YEAR);
      catalogue.consent("artist-a", AI_DERIVATIVE, OPT_OUT, NOW.minus(Duration.ofDays(1)));
      assertDeny(ReasonCode.ARTIST_OPTED_OUT, ask(AI_DERIVATIVE, "SE", NOW));
    }

    @Test
    void optInAgainAfterAnOptOutPermitsAgain() {
      catalogue.consent("artist-a", AI_DERIVATIVE, OPT_IN, LAST_YEAR);
      catalogue.consent("artist-a", AI_DERIVATIVE, OPT_OUT, NOW.minus(Duration.ofDays(10)));
      catalogue.consent("artist-a", AI_DERIVATIVE, OPT_IN, NOW.minus(Duration.ofDays(1)));
      assertPermit(ask(AI_DERIVATIVE, "SE", NOW));
    }

    @Test
    void aDecisionAboutThePastUsesTheConsentInForceThen() {
      catalogue.consent("artist-a", AI_DERIVATIVE, OPT_IN, LAST_YEAR);
      catalogue.consent("artist-a", AI_DERIVATIVE, OPT_OUT, NOW.minus(Duration.ofDays(1)));
      assertPermit(ask(AI_DERIVATIVE, "SE", NOW.minus(Duration.ofDays(2))));
    }

    @Test
    void aConsentTakesEffectAtItsEffectiveFromInstant() {
      Instant switchAt = NOW.minus(Duration.ofHours(1));
      catalogue.consent("artist-a", AI_VOICEOVER, OPT_OUT, switchAt);
      assertPermit(ask(AI_VOICEOVER, "SE", switchAt.minusMillis(1)));
      assertDeny(ReasonCode.ARTIST_OPTED_OUT, ask(AI_VOICEOVER, "SE", switchAt));
    }

    @Test
    void aFutureDatedOptOutDoesNotDenyToday() {
      catalogue.consent("artist-a", AI_CURATION, OPT_OUT, NOW.plus(Duration.ofDays(7)));
      assertPermit(ask(AI_CURATION, "SE", NOW));
    }

    @Test
    void forTheSameEffectiveInstantTheLaterRecordedChoiceWins() {
      catalogue.consent("artist-a", AI_TRAINING, OPT_IN, LAST_YEAR, LAST_YEAR);
      catalogue.consent("artist-a", AI_TRAINING, OPT_OUT, LAST_YEAR, NOW.minusSeconds(5));
      assertDeny(ReasonCode.ARTIST_OPTED_OUT, ask(AI_TRAINING, "SE", NOW));
    }
  }

  @Nested
  class MultipleMainArtists {
    @BeforeEach
    void aDuetUnderAWorldwideDeal() {
      catalogue.recording(SONG, "artist-a", "artist-b");
      catalogue.deal("ALL").forUses(UseType.values()).add();
    }

    @Test
    void derivativeUseNeedsOptInOfEveryMainArtist() {
      catalogue.consent("artist-a", AI_DERIVATIVE, OPT_IN, LAST_YEAR);
      Decision decision = ask(AI_DERIVATIVE, "SE", NOW);
      assertDeny(ReasonCode.NO_ARTIST_CONSENT, decision);
      assertTrue(decision.reasons().get(0).message().contains("artist-b"));
    }

    @Test
    void derivativeUseIsPermittedWhenBothOptedIn() {
      catalogue.consent("artist-a", AI_DERIVATIVE, OPT_IN, LAST_YEAR);
      catalogue.consent("artist-b", AI_DERIVATIVE, OPT_IN, LAST_YEAR);
      assertPermit(ask(AI_DERIVATIVE, "SE", NOW));
    }

    @Test
    void oneArtistsOptOutDeniesCurationForBoth() {
      catalogue.consent("artist-b", AI_CURATION, OPT_OUT, LAST_YEAR);
      assertDeny(ReasonCode.ARTIST_OPTED_OUT, ask(AI_CURATION, "SE", NOW));
    }

    @Test
    void everyMissingOptInIsGivenAsAReason() {
      Decision decision = ask(AI_VOICE_LIKENESS, "SE", NOW);
      assertEquals(2, decision.reasons().size(), () -> decision.reasons().toString());
    }
  }

  @Nested
  class ObligationsAndSplits {
    @BeforeEach
    void aWorldwideDealForEveryUseAndEveryOptIn() {
      catalogue.deal("ALL").forUses(UseType.values()).add();
      for (UseType use : UseType.values()) {
        catalogue.consent("artist-a", use, OPT_IN, LAST_YEAR);
      }
    }

    @Test
    void aPermitCreditsTheDisplayArtist() {
      Decision decision = ask(AI_VOICEOVER, "SE", NOW);
      assertEquals(
          "The Artists", obligation(decision, ObligationType.ATTRIBUTE).get("displayArtist"));
    }

    @Test
    void aPermitReportsUsageAgainstTheSplitItCarries() {
      Decision decision = ask(AI_CURATION, "SE", NOW);
      assertEquals("split-" + SONG, decision.split().getSplitId());
      assertEquals(
          decision.split().getSplitId(),
          obligation(decision, ObligationType.REPORT_USAGE).get("splitId"));
    }

    @ParameterizedTest
    @EnumSource(names = {"AI_DERIVATIVE", "AI_VOICE_LIKENESS"})
    void generatedOutputMustBeLabelledAsAiGenerated(UseType use) {
      assertNotNull(obligation(ask(use, "SE", NOW), ObligationType.LABEL_AS_AI_GENERATED));
    }

    @ParameterizedTest
    @EnumSource(names = {"AI_CURATION", "AI_VOICEOVER", "AI_ANALYSIS", "AI_TRAINING"})
    void nonGenerativeUsesCarryNoAiLabel(UseType use) {
      Decision decision = ask(use, "SE", NOW);
      assertPermit(decision);
      assertNull(obligation(decision, ObligationType.LABEL_AS_AI_GENERATED));
    }

    @Test
    void aDealsExcerptLimitBecomesAMaximumDuration() {
      Isrc clip = Isrc.of("GBAYE0601498");
      catalogue.recording(clip, "artist-a").splitFiftyFifty(clip);
      catalogue.deal("CLIP").covering(clip).forUses(AI_VOICEOVER).maxExcerptSeconds(30).add();
      var cap = obligation(ask(AI_VOICEOVER, clip, "SE", NOW), ObligationType.MAX_DURATION_SECONDS);
      assertEquals("30", cap.get("seconds"));
      assertEquals("CLIP", cap.get("deal"));
    }

    @Test
    void theTightestExcerptLimitOfTheLicensingDealsApplies() {
      catalogue.deal("SHORT").forUses(AI_VOICEOVER).maxExcerptSeconds(15).add();
      catalogue.deal("LONG").forUses(AI_VOICEOVER).maxExcerptSeconds(90).add();
      var cap = obligation(ask(AI_VOICEOVER, "SE", NOW), ObligationType.MAX_DURATION_SECONDS);
      assertEquals("15", cap.get("seconds"));
    }

    @Test
    void anExcerptLimitOfADealThatDoesNotLicenseTheUseIsIgnored() {
      catalogue.deal("ELSEWHERE").in("US").forUses(AI_VOICEOVER).maxExcerptSeconds(10).add();
      assertNull(obligation(ask(AI_VOICEOVER, "SE", NOW), ObligationType.MAX_DURATION_SECONDS));
    }

    @Test
    void aUseTypeSplitSheetIsPreferredOverTheGeneralOne() {
      catalogue.split(
          new SplitSheet(
              "training-split",
              SONG,
              AI_TRAINING,
              List.of(
                  new Share("label-1", "LABEL", Percent.of("20")),
                  new Share("artist-a", "MAIN_ARTIST", Percent.of("80")))));
      assertEquals("training-split", ask(AI_TRAINING, "SE", NOW).split().getSplitId());
      assertEquals("split-" + SONG, ask(AI_ANALYSIS, "SE", NOW).split().getSplitId());
    }

    @Test
    void everyDecisionNamesThePolicyVersionThatMadeIt() {
      assertEquals(7, ask(AI_CURATION, "SE", NOW).policyVersion());
    }

    private Map<String, String> obligation(Decision decision, ObligationType type) {
      return decision.obligations().stream()
          .filter(o -> o.type() == type)
          .findFirst()
          .map(o -> o.attributes())
          .orElse(null);
    }
  }

  /** DESIGN, "Who is paid": real label feeds rarely carry split sheets. */
  @Nested
  class WithoutASplitSheet {
    private final Isrc unsplit = Isrc.of("GBAYE0601498");

    @BeforeEach
    void aRecordingWithoutSplitSheetUnderAStreamingDealInSwedenAndAnAiDealEverywhere() {
      catalogue.recording(unsplit, "artist-a", "label-7", null);
      catalogue
          .deal("STREAM-SE")
          .covering(unsplit)
          .in("SE")
          .withDdexUses("Stream")
          .from("sender-9")
          .add();
      catalogue.deal("AI-ALL").covering(unsplit).forUses(UseType.values()).from("sender-9").add();
      for (UseType use : UseType.values()) {
        catalogue.consent("artist-a", use, OPT_IN, LAST_YEAR);
      }
    }

    @ParameterizedTest
    @EnumSource(names = {"AI_CURATION", "AI_VOICEOVER", "AI_ANALYSIS"})
    void curationVoiceoverAndAnalysisPayTheLabelInFull(UseType use) {
      Decision decision = ask(use, unsplit, "SE", NOW);
      assertPermit(decision);
      assertEquals(
          List.of(new Share("label-7", "LABEL", Percent.HUNDRED)), decision.split().getShares());
      Reason reason = reason(decision, ReasonCode.DEFAULT_SPLIT);
      assertTrue(
          reason.message().contains("label-7") && reason.message().contains("No split sheet"),
          reason.message());
      assertEquals(
          "Without a delivered split sheet, the licensor under the licensing deal is paid in full",
          reason.rule());
    }

    @ParameterizedTest
    @EnumSource(names = {"AI_DERIVATIVE", "AI_VOICE_LIKENESS", "AI_TRAINING"})
    void generativeUsesAndTrainingNeedADeliveredSplitSheet(UseType use) {
      Decision decision = ask(use, unsplit, "SE", NOW);
      assertDeny(ReasonCode.NO_SPLIT_SHEET, decision);
      assertEquals(
          "A use that needs a delivered split sheet is denied without one",
          reason(decision, ReasonCode.NO_SPLIT_SHEET).rule());
    }

    @Test
    void aDeliveredSplitSheetIsPaidRatherThanTheLicensor() {
      catalogue.splitFiftyFifty(unsplit);
      Decision decision = ask(AI_TRAINING, unsplit, "SE", NOW);
      assertPermit(decision);
      assertEquals("split-" + unsplit, decision.split().getSplitId());
      assertTrue(decision.reasons().stream().noneMatch(r -> r.code() == ReasonCode.DEFAULT_SPLIT));
    }

    @Test
    void theRightsControllerIsPaidBeforeTheLabel() {
      Isrc controlled = Isrc.of("GBAYE0601499");
      catalogue.recording(controlled, "artist-a", "label-7", "controller-3");
      catalogue.deal("C").covering(controlled).forUses(AI_ANALYSIS).from("sender-9").add();
      assertEquals(
          "controller-3",
          ask(AI_ANALYSIS, controlled, "SE", NOW).split().getShares().get(0).partyId());
    }

    @Test
    void theSenderOfTheDealIsPaidWhenNoLabelOrRightsControllerIsNamed() {
      Isrc bare = Isrc.of("GBAYE0601500");
      catalogue.recording(bare, "artist-a", null, null);
      catalogue.deal("B").covering(bare).forUses(AI_ANALYSIS).from("sender-9").add();
      Share share = ask(AI_ANALYSIS, bare, "SE", NOW).split().getShares().get(0);
      assertEquals(new Share("sender-9", "LICENSOR", Percent.HUNDRED), share);
    }

    @Test
    void aUseNobodyCanBePaidForIsDeniedByTheEngine() {
      Isrc nobody = Isrc.of("GBAYE0601501");
      catalogue.recording(nobody, "artist-a", null, null);
      catalogue.deal("N").covering(nobody).forUses(AI_ANALYSIS).from(null).add();
      assertDeny(ReasonCode.NO_SPLIT_SHEET, ask(AI_ANALYSIS, nobody, "SE", NOW));
    }

    @Test
    void theStreamingDealCoversCurationOnlyInItsTerritory() {
      Isrc streamed = Isrc.of("GBAYE0601502");
      catalogue.recording(streamed, "artist-a", "label-7", null);
      catalogue.deal("S").covering(streamed).in("SE").withDdexUses("OnDemandStream").add();
      assertPermit(ask(AI_CURATION, streamed, "SE", NOW));
      assertDeny(ReasonCode.NOT_LICENSED, ask(AI_CURATION, streamed, "NO", NOW));
      Decision training = ask(AI_TRAINING, streamed, "SE", NOW);
      assertDeny(ReasonCode.NOT_LICENSED, training);
      assertTrue(
          training.reasons().stream().noneMatch(r -> r.code() == ReasonCode.NO_SPLIT_SHEET),
          () ->
              "an unlicensed use is denied for want of a licence, not of a split: "
                  + training.reasons());
    }

    @Test
    void usageIsReportedAgainstTheDefaultSplit() {
      Decision decision = ask(AI_VOICEOVER, unsplit, "SE", NOW);
      assertEquals(
          decision.split().getSplitId(),
          decision.obligations().stream()
              .filter(o -> o.type() == ObligationType.REPORT_USAGE)
              .findFirst()
              .orElseThrow()
              .attributes()
              .get("splitId"));
    }

    @Test
    void ofSeveralLicensorsTheChoiceDoesNotDependOnRuleOrder() {
      Isrc twoSenders = Isrc.of("GBAYE0601503");
      catalogue.recording(twoSenders, "artist-a", null, null);
      catalogue.deal("Z-LATER").covering(twoSenders).forUses(AI_ANALYSIS).from("sender-b").add();
      catalogue.deal("A-FIRST").covering(twoSenders).forUses(AI_ANALYSIS).from("sender-a").add();
      Decision decision = ask(AI_ANALYSIS, twoSenders, "SE", NOW);
      assertEquals("sender-a", decision.split().getShares().get(0).partyId());
      assertEquals(
          decision.split().getSplitId(),
          decision.obligations().stream()
              .filter(o -> o.type() == ObligationType.REPORT_USAGE)
              .findFirst()
              .orElseThrow()
              .attributes()
              .get("splitId"));
    }
  }

  /** DDEX lets a label deliver a recording without naming a MainArtist. */
  @Nested
  class MainArtistsUnknown {
    private final Isrc anonymous = Isrc.of("GBAYE0601510");

    @BeforeEach
    void aRecordingWithoutMainArtistUnderADealForEveryUse() {
      catalogue.recordingWithoutMainArtist(anonymous).splitFiftyFifty(anonymous);
      catalogue.deal("ALL").covering(anonymous).forUses(UseType.values()).add();
    }

    @ParameterizedTest
    @EnumSource(names = {"AI_DERIVATIVE", "AI_VOICE_LIKENESS", "AI_TRAINING"})
    void usesThatNeedOptInAreDeniedNamingTheMissingMainArtist(UseType use) {
      Decision decision = ask(use, anonymous, "SE", NOW);
      assertDeny(ReasonCode.NO_MAIN_ARTIST, decision);
      assertTrue(
          reason(decision, ReasonCode.NO_MAIN_ARTIST).message().contains("named no main artist"));
    }

    @ParameterizedTest
    @EnumSource(names = {"AI_CURATION", "AI_VOICEOVER", "AI_ANALYSIS"})
    void usesAllowedUnlessOptedOutStayAllowed(UseType use) {
      assertPermit(ask(use, anonymous, "SE", NOW));
    }
  }

  private static Reason reason(Decision decision, ReasonCode code) {
    return decision.reasons().stream()
        .filter(r -> r.code() == code)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + code + " reason in " + decision.reasons()));
  }
}
