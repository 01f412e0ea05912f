package io.stave.application;

import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedReceipt;
import java.util.List;
import java.util.Optional;

/** The label feeds as the API and the JMS listener use them. */
public interface Feeds {

  /** Files and applies one message (idempotently) and answers with its status record. */
  FeedReceipt submit(FeedMessage message);

  /** Reads a stored message again and applies it if it now can be. */
  Optional<FeedReceipt> replay(String messageId);

  Optional<FeedReceipt> find(String messageId);

  /** The message as it arrived (empty bytes for one rejected unread for its size). */
  Optional<FeedMessage> content(String messageId);

  List<FeedReceipt> list(FeedMessageQuery query);

  /** What was ingested for a recording, read from the system of record. */
  Optional<RecordingDetails> recording(String isrc);

  long maxMessageBytes();
}
