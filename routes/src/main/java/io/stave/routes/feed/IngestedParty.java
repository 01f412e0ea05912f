package io.stave.routes.feed;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A party (artist, label, rights controller) as a feed described it, under its stable id (see
 * {@link io.stave.routes.ern.PartyIds}), with every identifier the feed gave for it.
 */
public record IngestedParty(String partyId, String name, Map<String, String> identifiers)
    implements Serializable {
  public IngestedParty {
    Objects.requireNonNull(partyId, "partyId");
    identifiers = Map.copyOf(new TreeMap<>(identifiers));
  }
}
