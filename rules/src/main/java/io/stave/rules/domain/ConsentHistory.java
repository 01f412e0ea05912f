package io.stave.rules.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** All consent records of one artist for one use type, oldest first. */
public final class ConsentHistory {
  /** Later effective-from wins; for the same effective-from, the later recording wins. */
  private static final Comparator<Consent> ORDER =
      Comparator.comparing(Consent::effectiveFrom)
          .thenComparing(Consent::recordedAt)
          .thenComparing(Consent::consentId);

  private final List<Consent> records;

  public ConsentHistory(Collection<Consent> records) {
    this.records = records.stream().sorted(ORDER).toList();
  }

  /** The record in force at {@code at}: the latest whose effective-from is not after it. */
  public Optional<Consent> effectiveAt(Instant at) {
    Consent inForce = null;
    for (Consent consent : records) {
      if (consent.inForceBy(at)) {
        inForce = consent;
      } else {
        break;
      }
    }
    return Optional.ofNullable(inForce);
  }

  public List<Consent> records() {
    return records;
  }
}
