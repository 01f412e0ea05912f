package io.stave.rules.domain;

import java.math.BigDecimal;

/**
 * Asserted by a pool rule: the use takes part in the pool named {@code pool} with {@code weight}
 * (its plays, its seconds, or its quantity weighted by attribution). A pool is shared pro rata by
 * weight among the recordings (and split sheets) of the uses that take part.
 */
public record PoolShare(String pool, String rule, UsageLine line, BigDecimal weight) {
  public PoolShare {
    if (pool == null || pool.isBlank()) {
      throw new InvalidValueException("pool", "a share names its pool (rule " + rule + ")");
    }
    if (weight == null || weight.signum() < 0) {
      throw new InvalidValueException("weight", "a pool share weighs ≥ 0 (rule " + rule + ")");
    }
  }

  /** For rules: the use's quantity (plays, seconds, items) is its weight. */
  public static PoolShare byQuantity(String pool, String rule, UsageLine line) {
    return new PoolShare(pool, rule, line, BigDecimal.valueOf(line.getQuantity()));
  }

  /** For rules: quantity × attribution score is the weight. */
  public static PoolShare byAttribution(String pool, String rule, UsageLine line) {
    return new PoolShare(pool, rule, line, line.getAttributedQuantity());
  }
}
