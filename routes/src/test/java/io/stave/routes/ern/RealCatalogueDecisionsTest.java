package io.stave.routes.ern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.routes.feed.FeedFacts;
import io.stave.routes.feed.Feeds;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.ReasonCode;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.EvaluationLimits;
import io.stave.rules.engine.InMemoryFactStore;
import io.stave.rules.engine.PolicyCompiler;
import io.stave.rules.engine.PolicySource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real label messages carry no split sheet: DDEX's own samples, ingested as they are, under the
 * shipped baseline. Every recording with a streaming deal in a territory gets AI curation there,
 * paying the licensor; elsewhere it is denied; training, which no sample licenses, is denied for
 * want of an AI deal.
 */
class RealCatalogueDecisionsTest {
  /** Countries to look for a territory no streaming deal of a recording covers. */
  private static final List<String> ELSEWHERE =
      List.of("SE", "NZ", "BR", "JP", "ZA", "US", "IS", "AQ");

  private static CompiledPolicy policy;

  @BeforeAll
  static void compileTheShippedBaseline() throws Exception {
    policy = PolicyCompiler.compile(PolicySource.baseline(1));
    policy.warmUp();
  }

  @AfterAll
  static void release() {
    policy.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1-audio.xml",
        "2-video.xml",
        "5-simple-video-single.xml",
        "6-ringtone.xml",
        "8-dj-mix.xml"
      })
  void streamingDealsLicenseAiCurationWhereTheyRunAndPayTheLicensor(String sample) {
    FeedFacts facts = RealCatalogueDecisionsTest.ingest(sample);
    InMemoryFactStore store = store(facts);
    int permits = 0;
    for (Recording recording : facts.recordings()) {
      List<Deal> streaming =
          store.dealsCovering(recording.getIsrc()).stream().filter(Deal::isStreaming).toList();
      for (Deal deal : streaming) {
        Instant at = deal.getValidFrom().plusSeconds(3600);
        for (Territory territory : namedCountries(deal)) {
          Decision curation = decide(UseType.AI_CURATION, recording, territory, at, store);
          assertTrue(curation.isPermit(), () -> sample + ": " + curation);
          Share payee = curation.split().getShares().get(0);
          assertEquals(
              List.of(
                  new Share(
                      recording.licensorUnder(deal).partyId(), payee.role(), Percent.HUNDRED)),
              curation.split().getShares());
          assertTrue(
              curation.reasons().stream()
                  .anyMatch(
                      r ->
                          r.code() == ReasonCode.DEFAULT_SPLIT
                              && r.message().contains(payee.partyId())),
              curation.reasons()::toString);

          Decision training = decide(UseType.AI_TRAINING, recording, territory, at, store);
          assertFalse(training.isPermit(), training::toString);
          assertTrue(
              training.reasons().stream()
                  .anyMatch(
                      r ->
                          r.code() == ReasonCode.NOT_LICENSED
                              && r.message().startsWith("No deal licenses AI_TRAINING")),
              training::toString);
          permits++;
        }
        Territory outside = outside(streaming, at);
        Decision elsewhere = decide(UseType.AI_CURATION, recording, outside, at, store);
        assertFalse(elsewhere.isPermit(), () -> sample + " in " + outside + ": " + elsewhere);
        assertEquals(
            ReasonCode.NOT_LICENSED, elsewhere.reasons().get(0).code(), elsewhere::toString);
      }
    }
    int checked = permits;
    assertTrue(
        checked > 0 || sample.equals("2-video.xml"),
        () -> sample + " has no streaming deal to check");
  }

  @Test
  void theVideoSinglePaysItsLabelInSouthAfrica() {
    FeedFacts facts = ingest("5-simple-video-single.xml");
    Recording video = facts.recordings().get(0);
    Decision decision =
        decide(
            UseType.AI_CURATION,
            video,
            Territory.of("ZA"),
            Instant.parse("2026-11-24T10:00:00Z"),
            store(facts));
    assertEquals(
        List.of(new Share("name:PADPIDA2007050901U:wm south africa", "LABEL", Percent.HUNDRED)),
        decision.split().getShares());
  }

  private static FeedFacts ingest(String sample) {
    return new ErnMapper().map(Feeds.ERN_READER.read(Feeds.sample(sample)));
  }

  private static InMemoryFactStore store(FeedFacts facts) {
    InMemoryFactStore store = new InMemoryFactStore();
    facts.recordings().forEach(store::add);
    facts.releaseDeals().forEach(release -> release.deals().forEach(store::add));
    return store;
  }

  private static Decision decide(
      UseType use, Recording recording, Territory territory, Instant at, InMemoryFactStore store) {
    return policy.evaluate(
        new DecisionRequest("r", "ai-playlist", use, recording.getIsrc(), territory, at, Map.of()),
        store,
        EvaluationLimits.DEFAULT);
  }

  /** The countries a deal names, or for a Worldwide deal a few it does not exclude. */
  private static Set<Territory> namedCountries(Deal deal) {
    Set<Territory> countries = new java.util.LinkedHashSet<>();
    for (Territory territory : deal.getTerritories()) {
      if (territory.equals(Territory.WORLDWIDE)) {
        ELSEWHERE.stream()
            .map(Territory::of)
            .filter(deal::coversTerritory)
            .limit(3)
            .forEach(countries::add);
      } else {
        countries.add(territory);
      }
    }
    return countries;
  }

  private static Territory outside(List<Deal> streaming, Instant at) {
    Set<String> candidates = new TreeSet<>(ELSEWHERE);
    streaming.forEach(d -> d.getExcludedTerritories().forEach(t -> candidates.add(t.code())));
    return candidates.stream()
        .map(Territory::of)
        .filter(t -> streaming.stream().noneMatch(d -> d.validAt(at) && d.coversTerritory(t)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("every candidate country is covered"));
  }
}
