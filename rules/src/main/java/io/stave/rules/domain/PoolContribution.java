package io.stave.rules.domain;

import java.math.BigDecimal;

/**
 * Asserted by a pool rule: {@code percent} of the money the use reported goes into the pool named
 * {@code pool} for the period. What no rule puts into a pool stays with the service (retained).
 */
public record PoolContribution(String pool, String rule, UsageLine line, Percent percent) {
  public PoolContribution {
    if (pool == null || pool.isBlank()) {
      throw new InvalidValueException("pool", "a contribution names its pool (rule " + rule + ")");
    }
    if (line == null || !line.isReportsAmount()) {
      throw new InvalidValueException(
          "amount", "only a use that reported money can fund a pool (rule " + rule + ")");
    }
  }

  /** For rules: {@code PoolContribution.of("ai-dj", rule, $line, "50")}. */
  public static PoolContribution of(String pool, String rule, UsageLine line, String percent) {
    return new PoolContribution(pool, rule, line, Percent.of(percent));
  }

  /** The contribution in minor units of the line's currency, exact (may have a fraction). */
  public BigDecimal exactMinorUnits() {
    return BigDecimal.valueOf(line.getAmount().minorUnits())
        .multiply(BigDecimal.valueOf(percent.basisPoints()))
        .movePointLeft(4);
  }
}
