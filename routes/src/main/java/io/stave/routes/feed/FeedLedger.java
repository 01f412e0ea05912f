package io.stave.routes.feed;

import java.util.List;
import java.util.Optional;

/**
 * Where feed messages and their status records live (the server's database). The ledger is what
 * makes delivery idempotent: a message id is stored once, under a unique key, and a message is
 * applied at most once, in the same transaction as its facts.
 */
public interface FeedLedger {

  /**
   * Stores the message as RECEIVED under its id, with its original bytes. When the id is already
   * known, stores nothing and returns that message's receipt.
   */
  Optional<FeedReceipt> receive(String messageId, FeedMessage message);

  /**
   * Applies the facts and marks the message APPLIED in one transaction, if it is still RECEIVED or
   * REJECTED; otherwise changes nothing and returns the receipt as it stands (as a duplicate).
   * Throws {@link FeedRejectedException} when the facts cannot be applied as they are.
   */
  FeedReceipt apply(String messageId, FeedFacts facts);

  /**
   * Stores a message never seen before and applies its facts in one transaction (RECEIVED with its
   * bytes, then APPLIED, committed together; or superseded): one commit where {@link #receive} and
   * {@link #apply} take two. Empty when this path cannot decide it, with nothing stored: the id is
   * already filed, or the database refuses a fact (the caller then files and decides the message in
   * two steps, which records a refusal with the message's bytes).
   */
  default Optional<FeedReceipt> receiveAndApply(
      String messageId, FeedMessage message, FeedFacts facts) {
    return Optional.empty();
  }

  /** Marks the message REJECTED with its problems (unless it was applied meanwhile). */
  FeedReceipt reject(String messageId, List<FeedProblem> problems);

  /** The stored message and its receipt, for a replay. */
  Optional<StoredMessage> load(String messageId);

  record StoredMessage(FeedMessage message, FeedReceipt receipt) {}
}
