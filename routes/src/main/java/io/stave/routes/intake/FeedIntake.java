package io.stave.routes.intake;

import io.stave.routes.feed.FeedFacts;
import io.stave.routes.feed.FeedLedger;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedReceipt;
import io.stave.routes.feed.FeedRejectedException;
import io.stave.routes.feed.FeedStatus;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every channel's way in: files a message under its id (RECEIVED, bytes kept), then applies its
 * facts all-or-nothing (APPLIED) or records why not (REJECTED). A message whose id is already filed
 * and decided changes nothing. Infrastructure failures propagate, so the channel redelivers; the
 * RECEIVED record and its bytes are already safe by then, and the redelivery applies it.
 */
public final class FeedIntake {
  private static final Logger LOG = Logger.getLogger(FeedIntake.class.getName());

  private final FeedParser parser;
  private final FeedLedger ledger;
  private final long maxMessageBytes;

  public FeedIntake(FeedParser parser, FeedLedger ledger, long maxMessageBytes) {
    this.parser = parser;
    this.ledger = ledger;
    this.maxMessageBytes = maxMessageBytes;
  }

  public long maxMessageBytes() {
    return maxMessageBytes;
  }

  public FeedReceipt ingest(FeedMessage message) {
    if (message.body().length > maxMessageBytes) {
      return tooLarge(message);
    }
    String messageId;
    FeedFacts facts = null;
    List<FeedProblem> problems = List.of();
    try {
      FeedParser.Parsed parsed = parse(message);
      messageId = parsed.messageId();
      facts = parsed.facts();
    } catch (FeedRejectedException e) {
      messageId = FeedParser.contentId(message);
      problems = e.problems();
    }
    if (facts != null) {
      // The common case, a new message that applies, takes one commit.
      Optional<FeedReceipt> applied = ledger.receiveAndApply(messageId, message, facts);
      if (applied.isPresent()) {
        FeedFacts logged = facts;
        String id = messageId;
        LOG.info(
            () -> "feed message " + id + " " + applied.get().status() + ": " + logged.summary());
        return applied.get();
      }
    }
    Optional<FeedReceipt> known = ledger.receive(messageId, message);
    if (known.isPresent() && known.get().status() != FeedStatus.RECEIVED) {
      LOG.fine(() -> "duplicate delivery of " + message + ": already " + known.get().status());
      return known.get().asDuplicate();
    }
    // New, or filed but never decided (the last attempt failed for an infrastructure reason or the
    // node stopped): decide now. The ledger applies a message at most once, so a concurrent
    // delivery of the same message gets the other's receipt as a duplicate.
    return decide(messageId, facts, problems);
  }

  /** Reads a stored message again and applies it if it now can be; an applied one is left alone. */
  public Optional<FeedReceipt> replay(String messageId) {
    return ledger
        .load(messageId)
        .map(
            stored -> {
              if (stored.receipt().status() == FeedStatus.APPLIED) {
                return stored.receipt().asDuplicate();
              }
              try {
                return decide(messageId, parse(stored.message()).facts(), List.of());
              } catch (FeedRejectedException e) {
                return decide(messageId, null, e.problems());
              }
            });
  }

  /**
   * Reading is pure computation on the bytes, so anything a reader throws besides a rejection is a
   * defect in the reader, not an infrastructure failure a redelivery could cure: the message is
   * rejected (and can be replayed once the reader is fixed) and the cause is logged, rather than
   * failing the channel with a 500 or a redelivery loop.
   */
  private FeedParser.Parsed parse(FeedMessage message) {
    try {
      return parser.parse(message);
    } catch (FeedRejectedException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      LOG.log(Level.SEVERE, "the reader failed on " + message + "; the message is rejected", e);
      throw new FeedRejectedException(
          new FeedProblem(
              "message",
              "could not be read ("
                  + e.getClass().getSimpleName()
                  + "); the operators have the details in the server log"));
    }
  }

  private FeedReceipt decide(String messageId, FeedFacts facts, List<FeedProblem> problems) {
    if (facts == null) {
      LOG.info(
          () ->
              "feed message "
                  + messageId
                  + " REJECTED: "
                  + problems.get(0)
                  + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
      return ledger.reject(messageId, problems);
    }
    try {
      FeedReceipt receipt = ledger.apply(messageId, facts);
      LOG.info(() -> "feed message " + messageId + " " + receipt.status() + ": " + facts.summary());
      return receipt;
    } catch (FeedRejectedException e) {
      return ledger.reject(messageId, e.problems());
    }
  }

  private FeedReceipt tooLarge(FeedMessage message) {
    FeedProblem problem =
        new FeedProblem(
            "message",
            "is "
                + message.body().length
                + " bytes; the limit is "
                + maxMessageBytes
                + " (stave.feeds.max-message-bytes)");
    FeedMessage withoutBody =
        new FeedMessage(
            message.kind(), message.format(), message.channel(), message.sourceName(), new byte[0]);
    String messageId = FeedParser.contentId(message);
    Optional<FeedReceipt> known = ledger.receive(messageId, withoutBody);
    return known
        .map(FeedReceipt::asDuplicate)
        .orElseGet(() -> ledger.reject(messageId, List.of(problem)));
  }
}
