package io.stave.routes.feed;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An ERN {@code PurgeReleaseMessage}: every deal the sender stated for the release stops covering
 * at {@code endsAt} (the message's creation time, or the time it is applied if that is earlier).
 * The deals are kept with that end, so decisions about earlier times still find them. The release
 * is named by each identifier the message gives, since a label may purge by GRid a release it
 * delivered under its ICPN.
 */
public record ReleasePurge(List<String> releaseKeys, Instant endsAt) {
  public ReleasePurge {
    releaseKeys = List.copyOf(releaseKeys);
    if (releaseKeys.isEmpty()) {
      throw new IllegalArgumentException("a purge names at least one release key");
    }
    Objects.requireNonNull(endsAt, "endsAt");
  }

  /** When the deals end: the message's time, but never later than now. */
  public Instant endsAtLatest(Instant now) {
    return endsAt.isAfter(now) ? now : endsAt;
  }
}
