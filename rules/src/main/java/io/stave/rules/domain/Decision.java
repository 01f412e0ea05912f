package io.stave.rules.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The answer to one request, with everything needed to explain it later: the reasons, the policy
 * version that produced them, the main artists of the recording at the time (so auditors can find
 * decisions by artist), and for a PERMIT the obligations and the split that pays for the use.
 */
public record Decision(
    String decisionId,
    DecisionRequest request,
    Verdict verdict,
    List<Reason> reasons,
    List<Obligation> obligations,
    SplitSheet split,
    List<String> mainArtistIds,
    long policyVersion,
    Instant evaluatedAt,
    long evaluationNanos)
    implements Serializable {

  public Decision {
    reasons = List.copyOf(reasons);
    obligations = List.copyOf(obligations);
    mainArtistIds = List.copyOf(mainArtistIds);
    if (verdict == Verdict.PERMIT && split == null) {
      throw new IllegalStateException("a PERMIT must name the split that pays for it");
    }
  }

  public boolean isPermit() {
    return verdict == Verdict.PERMIT;
  }
}
