package io.stave.rules.engine;

import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Obligation;
import io.stave.rules.domain.Reason;
import io.stave.rules.domain.ReasonCode;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Verdict;
import java.time.Instant;
import java.util.List;

/** What one evaluation knows about itself while it builds its decision. */
final class Evaluation {
  private final long version;
  private final String decisionId;
  private final DecisionRequest request;
  private final Instant evaluatedAt = Instant.now();
  final long started = System.nanoTime();
  List<String> mainArtistIds = List.of();

  Evaluation(long version, String decisionId, DecisionRequest request) {
    this.version = version;
    this.decisionId = decisionId;
    this.request = request;
  }

  Decision deny(ReasonCode code, String message) {
    return decide(
        Verdict.DENY,
        List.of(new Reason(code, CompiledPolicy.ENGINE_RULE, message)),
        List.of(),
        null);
  }

  Decision decide(
      Verdict verdict, List<Reason> reasons, List<Obligation> obligations, SplitSheet split) {
    return new Decision(
        decisionId,
        request,
        verdict,
        reasons,
        obligations,
        split,
        mainArtistIds,
        version,
        evaluatedAt,
        System.nanoTime() - started);
  }
}
