package io.stave.rules.revenue;

import io.stave.rules.domain.PayoutTerms;
import io.stave.rules.domain.PoolContribution;
import io.stave.rules.domain.PoolShare;
import io.stave.rules.domain.RateCharge;
import io.stave.rules.domain.RevenuePeriod;
import io.stave.rules.domain.RevenuePool;
import io.stave.rules.domain.UsageLine;
import io.stave.rules.engine.CompiledPolicy;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The revenue models of one policy version, as its rules say: the pools and payout terms of a
 * period, and what each usage line earns (rate charges, pool contributions, pool shares).
 */
public final class RevenueRules {
  private static final int FIRINGS_PER_LINE = 32;

  private final CompiledPolicy policy;
  private final Consumer<String> firedRules;

  public RevenueRules(CompiledPolicy policy) {
    this(policy, null);
  }

  /**
   * Revenue rules that tell {@code firedRules} the name of each rule that fires (scenarios and
   * coverage); null for none.
   */
  public RevenueRules(CompiledPolicy policy, Consumer<String> firedRules) {
    this.policy = policy;
    this.firedRules = firedRules;
  }

  public long version() {
    return policy.version();
  }

  /** What the rules declare for a period: its pools and the payout terms. */
  public record PeriodTerms(Map<String, RevenuePool> pools, PayoutTerms payoutTerms) {}

  public PeriodTerms terms(YearMonth period) {
    Map<String, RevenuePool> pools = new LinkedHashMap<>();
    List<PayoutTerms> terms = new ArrayList<>();
    for (Object fact :
        policy.run(
            List.of(new RevenuePeriod(period)),
            o -> o instanceof RevenuePool || o instanceof PayoutTerms,
            1_000,
            firedRules)) {
      if (fact instanceof RevenuePool pool) {
        RevenuePool other = pools.put(pool.name(), pool);
        if (other != null && !other.equals(pool)) {
          throw new IllegalStateException(
              "pool "
                  + pool.name()
                  + " is declared twice: by '"
                  + other.rule()
                  + "' and '"
                  + pool.rule()
                  + "'");
        }
      } else {
        terms.add((PayoutTerms) fact);
      }
    }
    if (terms.size() != 1) {
      throw new IllegalStateException(
          "policy version "
              + policy.version()
              + " must assert exactly one PayoutTerms for a period, and asserts "
              + terms.size());
    }
    return new PeriodTerms(pools, terms.get(0));
  }

  /** Runs a batch of usage lines through the rules; the results name their lines. */
  public List<Object> evaluate(List<UsageLine> lines) {
    return policy.run(
        lines,
        o -> o instanceof RateCharge || o instanceof PoolContribution || o instanceof PoolShare,
        Math.max(1_000, lines.size() * FIRINGS_PER_LINE),
        firedRules);
  }
}
