package io.stave.routes.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger contract in memory, for testing the routes without a server. The server's ledger is
 * the database one (ejb), tested against H2 and PostgreSQL and through the running server.
 */
public final class InMemoryFeedLedger implements FeedLedger {
  private final Map<String, FeedMessage> messages = new LinkedHashMap<>();
  private final Map<String, FeedReceipt> receipts = new LinkedHashMap<>();
  public final List<FeedFacts> applied = new ArrayList<>();
  private RuntimeException firstApplyFailure;

  /** The next apply throws this instead of applying, as a database would once. */
  public InMemoryFeedLedger failingFirstApplyWith(RuntimeException failure) {
    this.firstApplyFailure = failure;
    return this;
  }

  @Override
  public synchronized Optional<FeedReceipt> receive(String messageId, FeedMessage message) {
    if (receipts.containsKey(messageId)) {
      return Optional.of(receipts.get(messageId));
    }
    messages.put(messageId, message);
    receipts.put(messageId, receipt(messageId, FeedStatus.RECEIVED, null, List.of(), List.of()));
    return Optional.empty();
  }

  @Override
  public synchronized FeedReceipt apply(String messageId, FeedFacts facts) {
    if (firstApplyFailure != null) {
      RuntimeException failure = firstApplyFailure;
      firstApplyFailure = null;
      throw failure;
    }
    FeedReceipt current = receipts.get(messageId);
    if (current.status() == FeedStatus.APPLIED) {
      return current.asDuplicate();
    }
    applied.add(facts);
    FeedReceipt receipt =
        receipt(messageId, FeedStatus.APPLIED, facts.summary(), List.of(), facts.warnings());
    receipts.put(messageId, receipt);
    return receipt;
  }

  @Override
  public synchronized FeedReceipt reject(String messageId, List<FeedProblem> problems) {
    FeedReceipt receipt = receipt(messageId, FeedStatus.REJECTED, null, problems, List.of());
    receipts.put(messageId, receipt);
    return receipt;
  }

  @Override
  public synchronized Optional<StoredMessage> load(String messageId) {
    return Optional.ofNullable(messages.get(messageId))
        .map(m -> new StoredMessage(m, receipts.get(messageId)));
  }

  public synchronized List<FeedReceipt> receipts() {
    return List.copyOf(receipts.values());
  }

  private FeedReceipt receipt(
      String id,
      FeedStatus status,
      String summary,
      List<FeedProblem> problems,
      List<FeedProblem> warnings) {
    FeedMessage message = messages.get(id);
    return new FeedReceipt(
        id,
        message.kind(),
        message.format(),
        message.channel(),
        message.sourceName(),
        status,
        false,
        summary,
        problems,
        warnings,
        Instant.now(),
        status == FeedStatus.RECEIVED ? null : Instant.now());
  }
}
