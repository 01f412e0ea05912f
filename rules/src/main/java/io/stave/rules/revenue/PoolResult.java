package io.stave.rules.revenue;

import io.stave.rules.domain.Money;

/**
 * One pool's money in one currency for a period: what the uses put in, what it received from or
 * passed to its fallback pool, what was paid out to recordings, and what no use shared in.
 */
public record PoolResult(
    String pool, Money funded, Money fromFallback, Money passedOn, Money paid, Money unallocated) {}
