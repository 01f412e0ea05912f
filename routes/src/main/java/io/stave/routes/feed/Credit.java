package io.stave.routes.feed;

import io.stave.rules.domain.Isrc;
import java.io.Serializable;
import java.util.Objects;

/** A party's part in a recording as the feed stated it: MainArtist, Label, RightsController, … */
public record Credit(Isrc isrc, String partyId, String role) implements Serializable {
  public Credit {
    Objects.requireNonNull(isrc, "isrc");
    Objects.requireNonNull(partyId, "partyId");
    Objects.requireNonNull(role, "role");
  }
}
