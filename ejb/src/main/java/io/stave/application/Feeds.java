package io.stave.application;

import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedReceipt;
import java.util.Optional;

/** The label feeds' way in, as the API and the JMS listener use it. */
public interface Feeds {

  /** Files and applies one message (idempotently) and answers with its status record. */
  FeedReceipt submit(FeedMessage message);

  /** Reads a stored message again and applies it if it now can be. */
  Optional<FeedReceipt> replay(String messageId);

  long maxMessageBytes();
}
