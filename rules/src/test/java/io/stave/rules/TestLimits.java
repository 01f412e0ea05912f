package io.stave.rules;

import io.stave.rules.engine.EvaluationLimits;
import java.time.Duration;

/**
 * Limits for tests that assert what a policy decides, not how fast: the production fire limit with
 * a deadline no loaded build machine reaches, so a busy CI never turns a PERMIT into a
 * DEADLINE_EXCEEDED. The deadline itself is tested on its own (EngineGuaranteesTest).
 */
public final class TestLimits {
  public static final EvaluationLimits UNHURRIED =
      new EvaluationLimits(EvaluationLimits.DEFAULT.fireLimit(), Duration.ofSeconds(30));

  private TestLimits() {}
}
