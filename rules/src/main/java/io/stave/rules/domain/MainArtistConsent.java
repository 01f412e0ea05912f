package io.stave.rules.domain;

import java.util.Optional;

/**
 * One main artist of the requested recording and the consent record of theirs that is in force for
 * the requested use at the requested time (none when they never said anything).
 */
public final class MainArtistConsent {
  private final String artistId;
  private final Consent inForce;

  public MainArtistConsent(String artistId, Consent inForce) {
    this.artistId = artistId;
    this.inForce = inForce;
  }

  public String getArtistId() {
    return artistId;
  }

  public Optional<Consent> getInForce() {
    return Optional.ofNullable(inForce);
  }

  public boolean isOptedIn() {
    return inForce != null && inForce.choice() == ConsentChoice.OPT_IN;
  }

  public boolean isOptedOut() {
    return inForce != null && inForce.choice() == ConsentChoice.OPT_OUT;
  }

  public String describe() {
    return inForce == null ? "no consent record of " + artistId : inForce.describe();
  }
}
