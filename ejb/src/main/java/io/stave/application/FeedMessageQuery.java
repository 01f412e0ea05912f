package io.stave.application;

import io.stave.routes.feed.FeedChannel;
import io.stave.routes.feed.FeedKind;
import io.stave.routes.feed.FeedStatus;
import java.time.Instant;
import java.util.Optional;

/** Which feed messages to list: every filter optional, newest first, paged. */
public record FeedMessageQuery(
    Optional<FeedStatus> status,
    Optional<FeedKind> kind,
    Optional<FeedChannel> channel,
    Optional<Instant> since,
    Optional<Instant> until,
    int limit,
    int offset) {
  public static final int MAX_LIMIT = 500;

  public FeedMessageQuery {
    limit = Math.max(1, Math.min(limit, MAX_LIMIT));
    offset = Math.max(0, offset);
  }
}
