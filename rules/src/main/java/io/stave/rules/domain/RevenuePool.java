package io.stave.rules.domain;

/**
 * Asserted by a rule for the period: a pool, what it is for, and the pool its money goes to when no
 * use shares in it ({@code orElse}, e.g. the attribution part of a generative pool falls back to
 * the part shared by plain usage when no output reported an attribution score). A pool without a
 * sharer and without a fallback keeps its money unallocated, and the period says so.
 */
public record RevenuePool(String name, String rule, String description, String orElse) {
  public RevenuePool {
    if (name == null || name.isBlank()) {
      throw new InvalidValueException("pool", "a pool needs a name (rule " + rule + ")");
    }
    if (name.equals(orElse)) {
      throw new InvalidValueException("orElse", "pool " + name + " cannot fall back to itself");
    }
  }
}
