package io.stave.rules.engine;

import io.stave.rules.domain.Deal;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A made-up catalogue every use type is decided against before a policy becomes active. */
final class WarmUp {
  private WarmUp() {}

  static void run(CompiledPolicy policy) {
    Isrc isrc = Isrc.of("ZZZZZ0000001");
    Isrc unsplit = Isrc.of("ZZZZZ0000002");
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    InMemoryFactStore facts =
        new InMemoryFactStore()
            .add(new Recording(isrc, "Warm-up", "Warm-up", List.of("warm-up-artist"), null, null))
            .add(new Recording(unsplit, "Warm-up", "Warm-up", List.of(), "warm-up-label", null))
            .add(
                new Deal(
                    "warm-up",
                    "warm-up-sender",
                    Set.of(isrc, unsplit),
                    Set.of(Territory.WORLDWIDE),
                    Set.of(),
                    at,
                    null,
                    Set.of(UseType.values()),
                    Set.of("Stream"),
                    null,
                    30))
            .add(
                new SplitSheet(
                    "warm-up",
                    isrc,
                    null,
                    List.of(new Share("warm-up-artist", "MAIN_ARTIST", Percent.HUNDRED))));
    EvaluationLimits generous = new EvaluationLimits(10_000, java.time.Duration.ofSeconds(30));
    for (int round = 0; round < 40; round++) {
      for (UseType use : UseType.values()) {
        for (Isrc recording : List.of(isrc, unsplit)) {
          policy.evaluate(
              new DecisionRequest(null, null, use, recording, Territory.of("SE"), at, Map.of()),
              facts,
              generous,
              "warm-up");
        }
      }
    }
  }
}
