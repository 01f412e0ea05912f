package io.stave.rules.domain;

import java.io.Serializable;

/** One party's part of a split sheet. */
public record Share(String partyId, String role, Percent percent) implements Serializable {
  public Share {
    if (partyId == null || partyId.isBlank()) {
      throw new InvalidValueException("party", "is required");
    }
    if (role == null || role.isBlank()) {
      throw new InvalidValueException("role", "is required for party " + partyId);
    }
    if (percent == null) {
      throw new InvalidValueException("percent", "is required for party " + partyId);
    }
  }
}
