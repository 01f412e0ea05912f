package io.stave.rules.domain;

/**
 * A party paid for a use in full when no split sheet names anyone, with its role in the split and a
 * phrase that says why it is the one paid ("the label of USRC17607839").
 */
public record Payee(String partyId, String role, String why) {
  public static final String RIGHTS_CONTROLLER = "RIGHTS_CONTROLLER";
  public static final String LABEL = "LABEL";
  public static final String LICENSOR = "LICENSOR";

  public Payee {
    if (partyId == null || partyId.isBlank()) {
      throw new InvalidValueException("payee", "is required");
    }
  }
}
