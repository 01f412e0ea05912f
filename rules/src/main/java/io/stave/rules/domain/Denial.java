package io.stave.rules.domain;

/**
 * Asserted by a rule that denies the request, with its reason. Any denial wins over every licence.
 * Rules assert it ({@code insert(new Denial(...))}) rather than call into a shared result object,
 * so a rule needs no pattern beyond its own conditions and costs nothing for requests it cannot
 * match.
 */
public record Denial(ReasonCode code, String rule, String message) {
  public Reason reason() {
    return new Reason(code, rule, message);
  }
}
