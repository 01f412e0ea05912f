package io.stave.routes.feed;

import io.stave.rules.domain.Deal;
import java.util.List;
import java.util.Objects;

/**
 * The deals a message states for one release. They replace every deal an earlier message stated for
 * the same release (same sender, same release id); a takedown states deals that have ended.
 */
public record ReleaseDeals(String releaseKey, List<Deal> deals) {
  public ReleaseDeals {
    Objects.requireNonNull(releaseKey, "releaseKey");
    deals = List.copyOf(deals);
  }
}
