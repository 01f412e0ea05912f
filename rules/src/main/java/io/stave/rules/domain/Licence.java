package io.stave.rules.domain;

/**
 * Asserted by a licensing rule when a deal covers the request. The engine permits only when at
 * least one licence exists and nothing denies; later rules join on it (e.g. the deal's excerpt
 * limit).
 */
public final class Licence {
  private final String rule;
  private final Deal deal;

  public Licence(String rule, Deal deal) {
    this.rule = rule;
    this.deal = deal;
  }

  public String getRule() {
    return rule;
  }

  public Deal getDeal() {
    return deal;
  }
}
