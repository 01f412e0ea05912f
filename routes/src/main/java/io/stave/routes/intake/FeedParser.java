package io.stave.routes.intake;

import io.stave.routes.ern.ErnMapper;
import io.stave.routes.ern.ErnMessage;
import io.stave.routes.ern.ErnReader;
import io.stave.routes.feed.FeedFacts;
import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedRejectedException;
import io.stave.routes.rights.ConsentFeedReader;
import io.stave.routes.rights.SplitSheetFeedReader;
import java.time.Clock;

/** Reads a feed message of any kind into facts, and says which id the message is filed under. */
public final class FeedParser {
  private final ErnReader ernReader;
  private final ErnMapper ernMapper = new ErnMapper();
  private final ConsentFeedReader consents = new ConsentFeedReader();
  private final SplitSheetFeedReader splitSheets = new SplitSheetFeedReader();
  private final Clock clock;

  public FeedParser(ErnReader ernReader, Clock clock) {
    this.ernReader = ernReader;
    this.clock = clock;
  }

  /** Longest message id filed (the ledger's key column holds 600 characters). */
  public static final int MAX_MESSAGE_ID = 500;

  public record Parsed(String messageId, FeedFacts facts) {}

  /** The facts, or a {@link FeedRejectedException}; {@code messageId} is the id to file under. */
  public Parsed parse(FeedMessage message) {
    return switch (message.kind()) {
      case ERN -> {
        if (message.format() != FeedFormat.XML) {
          throw new FeedRejectedException(
              new FeedProblem("format", "ERN messages are XML, not " + message.format()));
        }
        ErnMessage notification = ernReader.read(message.body());
        String id =
            notification.messageId() == null || notification.messageId().isBlank()
                ? contentId(message)
                : ErnMapper.messageKey(notification);
        if (id.length() > MAX_MESSAGE_ID) {
          throw new FeedRejectedException(
              new FeedProblem(
                  "MessageHeader/MessageId",
                  "with its sender the message id is "
                      + id.length()
                      + " characters; at most "
                      + MAX_MESSAGE_ID
                      + " are kept"));
        }
        yield new Parsed(id, ernMapper.map(notification));
      }
      case CONSENTS ->
          new Parsed(
              contentId(message),
              consents.read(message.format(), message.body(), contentId(message), clock.instant()));
      case SPLITS ->
          new Parsed(contentId(message), splitSheets.read(message.format(), message.body()));
    };
  }

  /** The id of a message that names none (or cannot be read): its kind and content hash. */
  public static String contentId(FeedMessage message) {
    return message.kind().wireName() + ":sha256:" + message.contentSha256();
  }
}
