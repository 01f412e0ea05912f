package io.stave.application;

import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Verdict;
import java.time.Instant;

/**
 * An auditor's filter over the decision log; every criterion is optional. Pages are ordered newest
 * first (by evaluation time, then id) and addressed by offset and limit.
 */
public record DecisionQuery(
    String feature,
    Isrc isrc,
    String artistId,
    Verdict verdict,
    Instant from,
    Instant to,
    int limit,
    int offset) {
  public static final int MAX_LIMIT = 500;

  public DecisionQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new io.stave.rules.domain.InvalidValueException(
          "limit", "must be between 1 and " + MAX_LIMIT);
    }
    if (offset < 0) {
      throw new io.stave.rules.domain.InvalidValueException("offset", "must not be negative");
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw new io.stave.rules.domain.InvalidValueException("to", "is before from");
    }
  }
}
