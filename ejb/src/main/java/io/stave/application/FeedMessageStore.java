package io.stave.application;

import io.stave.routes.feed.FeedLedger.StoredMessage;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedReceipt;
import java.util.List;
import java.util.Optional;

/**
 * The stored feed messages and their status records. A message id is stored once, so a second
 * delivery of the same message finds the first one's receipt.
 */
public interface FeedMessageStore extends FeedMessages {

  /**
   * Stores the message as RECEIVED under its id, with its original bytes. When the id is already
   * known, stores nothing and returns that message's receipt.
   */
  Optional<FeedReceipt> receive(String messageId, FeedMessage message);

  /** Marks the message REJECTED with its problems (unless it was applied meanwhile). */
  FeedReceipt reject(String messageId, List<FeedProblem> problems);

  /** The stored message and its receipt, for a replay. */
  Optional<StoredMessage> load(String messageId);
}
