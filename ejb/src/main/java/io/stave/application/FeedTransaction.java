package io.stave.application;

import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedReceipt;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The feed ledger's records inside the transaction that applies a message's facts, so the message's
 * status, its release's version and the facts commit or roll back together.
 */
public interface FeedTransaction {

  /** The ids among {@code partyIds} that no feed has named yet, in order. */
  Set<String> unknownParties(Collection<String> partyIds);

  /** The ISRCs among {@code isrcs} that no feed has delivered as a recording yet, in order. */
  Set<String> unknownRecordings(Collection<String> isrcs);

  /** The releases known under any of these identifiers. */
  Set<String> releaseKeys(Collection<String> releaseIdentifiers);

  /** Records every identifier a release was delivered under. */
  void saveReleaseAliases(String releaseKey, Collection<String> aliases);

  /**
   * The id of a message that set this release and was made after {@code createdAt}; otherwise
   * records this message as the release's latest (locking it until the transaction ends).
   */
  Optional<String> newerMessageFor(String releaseKey, Instant createdAt, String messageId);

  /**
   * Stores the message as RECEIVED with its bytes, in this transaction; false (and nothing stored,
   * the transaction still usable) when its id is already filed.
   */
  boolean file(String messageId, FeedMessage message);

  /** Marks the message APPLIED if nothing else decided it; false when something did. */
  boolean claim(String messageId, String summary, List<FeedProblem> warnings);

  /** Sets the message's summary and warnings. */
  void describe(String messageId, String summary, List<FeedProblem> warnings);

  /** The message's status record as this transaction has left it so far. */
  FeedReceipt receipt(String messageId);
}
