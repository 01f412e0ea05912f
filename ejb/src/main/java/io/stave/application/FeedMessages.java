package io.stave.application;

import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedReceipt;
import java.util.List;
import java.util.Optional;

/** The feed messages on record and their status, for integrators and auditors. */
public interface FeedMessages {

  Optional<FeedReceipt> find(String messageId);

  List<FeedReceipt> list(FeedMessageQuery query);

  /** The message as it arrived (empty bytes for one rejected unread for its size). */
  Optional<FeedMessage> content(String messageId);
}
