package io.stave.routes.feed;

import java.time.Instant;
import java.util.List;

/**
 * A message's status record as the ledger holds it. {@code duplicate} is true when this delivery
 * changed nothing because the message id was already known.
 */
public record FeedReceipt(
    String messageId,
    FeedKind kind,
    FeedFormat format,
    FeedChannel channel,
    String sourceName,
    FeedStatus status,
    boolean duplicate,
    String summary,
    List<FeedProblem> problems,
    List<FeedProblem> warnings,
    Instant receivedAt,
    Instant decidedAt) {

  public FeedReceipt {
    problems = problems == null ? List.of() : List.copyOf(problems);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  public FeedReceipt asDuplicate() {
    return new FeedReceipt(
        messageId,
        kind,
        format,
        channel,
        sourceName,
        status,
        true,
        summary,
        problems,
        warnings,
        receivedAt,
        decidedAt);
  }

  public boolean rejected() {
    return status == FeedStatus.REJECTED;
  }

  /** The text of the {@code .reason} file beside a rejected inbox file. */
  public String reasonText() {
    return reasonText(
            "Message " + messageId + " was rejected; nothing from it was applied.", problems)
        + "Fix the message and send it again, or replay it: POST /api/v1/feeds/messages/{id}/replay\n";
  }

  /** A headline and one problem per line. */
  public static String reasonText(String headline, List<FeedProblem> problems) {
    StringBuilder text = new StringBuilder(headline).append('\n');
    problems.forEach(problem -> text.append(problem).append('\n'));
    return text.toString();
  }
}
