package io.stave.rules.engine;

import java.time.Duration;

/**
 * How much work one decision may take. Tripping either limit is a DENY, never a PERMIT.
 *
 * @param fireLimit the most rule firings one request may cause
 * @param deadline how long one evaluation may run; checked before every rule firing
 */
public record EvaluationLimits(int fireLimit, Duration deadline) {
  public static final EvaluationLimits DEFAULT =
      new EvaluationLimits(1_000, Duration.ofMillis(200));

  public EvaluationLimits {
    if (fireLimit < 1) {
      throw new IllegalArgumentException("fire limit must be at least 1");
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive");
    }
  }
}
