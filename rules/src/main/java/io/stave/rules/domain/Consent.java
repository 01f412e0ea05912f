package io.stave.rules.domain;

import java.io.Serializable;
import java.time.Instant;

/**
 * One consent record. Records are never changed: a new choice is a new record, and the one in force
 * at a time is the latest whose effective-from is not after it.
 */
public record Consent(
    String consentId,
    String artistId,
    UseType useType,
    ConsentChoice choice,
    Instant effectiveFrom,
    String source,
    Instant recordedAt)
    implements Serializable {

  public Consent {
    if (consentId == null || consentId.isBlank()) {
      throw new InvalidValueException("consentId", "is required");
    }
    if (artistId == null || artistId.isBlank()) {
      throw new InvalidValueException("artist", "is required");
    }
    if (useType == null) {
      throw new InvalidValueException("useType", "is required");
    }
    if (choice == null) {
      throw new InvalidValueException("choice", "is required (OPT_IN or OPT_OUT)");
    }
    if (effectiveFrom == null) {
      throw new InvalidValueException("effectiveFrom", "is required");
    }
    if (recordedAt == null) {
      throw new InvalidValueException("recordedAt", "is required");
    }
  }

  public boolean inForceBy(Instant at) {
    return !effectiveFrom.isAfter(at);
  }

  public String describe() {
    return "consent "
        + consentId
        + " ("
        + choice
        + " of "
        + useType
        + " by "
        + artistId
        + ", effective "
        + effectiveFrom
        + ", from "
        + source
        + ")";
  }
}
