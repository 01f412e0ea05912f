package io.stave.routes;

import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedReceipt;
import io.stave.routes.feed.FeedRejectedException;
import io.stave.routes.intake.FeedIntake;
import io.stave.routes.intake.IntakeLanes;
import io.stave.routes.intake.ReleaseKeyPreRead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The label feed routes. Every channel ends in {@code direct:feed}, which files and applies one
 * {@link FeedMessage} and answers with its {@link FeedReceipt}:
 *
 * <ul>
 *   <li>{@code feed-inbox}: files dropped into the inbox directory; applied or duplicate ones move
 *       to {@code done/}, rejected ones to {@code failed/} with a {@code .reason} file beside them.
 *       A file that fails for an infrastructure reason (database down) stays in the inbox and is
 *       picked up again on a later poll.
 *   <li>HTTP ({@code POST /api/v1/feeds/{kind}}) and JMS (queue {@code stave.feeds}) send their
 *       messages to {@code direct:feed} from the server.
 *   <li>{@code feed-replay}: a stored message id in, its new receipt out.
 * </ul>
 *
 * <p>{@code feed-intake} applies messages on {@link IntakeLanes}: messages about different releases
 * run in parallel, messages about one release (same key, see {@link ReleaseKeyPreRead}) in the
 * order they reached the route, and messages without a key (consents, split sheets, purges) as
 * barriers. The route is asynchronous, so the inbox poller hands a file to its lane and goes on
 * with the next; the file is moved when its message has been applied (or rejected).
 */
public final class FeedRoutes extends RouteBuilder {
  public static final String INTAKE = "direct:feed";
  public static final String REPLAY = "direct:feed-replay";
  static final String OUTCOME = "staveInboxOutcome";
  private static final Logger LOG = Logger.getLogger(FeedRoutes.class.getName());

  /** Lanes when none are configured: more than the cores, as applying waits on the database. */
  public static final int DEFAULT_LANES = 4;

  private final FeedIntake intake;
  private final Path inbox;
  private final long pollMillis;
  private final int lanes;

  /** {@code inbox} null: no inbox route (HTTP and JMS only). */
  public FeedRoutes(FeedIntake intake, Path inbox, long pollMillis) {
    this(intake, inbox, pollMillis, DEFAULT_LANES);
  }

  /** {@code lanes}: how many messages of different releases may be applied at once. */
  public FeedRoutes(FeedIntake intake, Path inbox, long pollMillis, int lanes) {
    this.intake = intake;
    this.inbox = inbox;
    this.pollMillis = pollMillis;
    this.lanes = lanes;
  }

  @Override
  public void configure() throws Exception {
    IntakeLanes intakeLanes = new IntakeLanes(lanes);
    getContext().addService(new LanesService(intakeLanes), true, true);
    from(INTAKE).routeId("feed-intake").process(LaneProcessor.ingest(intake, intakeLanes));

    from(REPLAY).routeId("feed-replay").process(LaneProcessor.replay(intake, intakeLanes));

    if (inbox != null) {
      // readLock=changed: a file still being written is not picked up until its size stops
      // changing. readLockMinLength=0: by default the lock waits for at least one byte, so an
      // empty file would sit in the inbox forever, unread and unreported; it is read (and
      // rejected as empty) like any other once it has settled.
      from("file:"
              + inbox
              + "?readLock=changed&readLockCheckInterval=200&readLockMinAge=200"
              + "&readLockMinLength=0"
              + "&delay="
              + pollMillis
              + "&greedy=true&maxMessagesPerPoll=500&sortBy=file:modified"
              + "&move=${exchangeProperty."
              + OUTCOME
              + "}/${file:name}")
          .routeId("feed-inbox")
          .onException(FeedRejectedException.class)
          .handled(true)
          .process(
              exchange ->
                  rejectedBeforeIntake(
                      exchange,
                      exchange.getProperty(Exchange.EXCEPTION_CAUGHT, FeedRejectedException.class)))
          .end()
          .process(
              exchange ->
                  exchange
                      .getMessage()
                      .setBody(
                          InboxFiles.message(
                              exchange
                                  .getMessage()
                                  .getHeader(Exchange.FILE_NAME_ONLY, String.class),
                              exchange.getMessage().getMandatoryBody(byte[].class))))
          .to(INTAKE)
          .process(this::sortInto);
    }
  }

  private void sortInto(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
    FeedReceipt receipt = exchange.getMessage().getMandatoryBody(FeedReceipt.class);
    if (receipt.rejected() && !receipt.duplicate()) {
      failed(exchange, receipt.reasonText());
    } else if (receipt.rejected()) {
      failed(
          exchange,
          "This file repeats message "
              + receipt.messageId()
              + ", which was rejected before; nothing was applied.\n"
              + receipt.reasonText());
    } else {
      exchange.setProperty(OUTCOME, "done");
    }
  }

  private void rejectedBeforeIntake(Exchange exchange, FeedRejectedException e) {
    // Such a file is no message (its name says no kind), so the ledger has no record of it: the
    // reason file and this line are what an operator sees.
    LOG.warning(
        () ->
            "inbox file "
                + exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class)
                + " moved to failed/ unread: "
                + e.problems().stream().map(p -> p.where() + ": " + p.what()).toList());
    failed(
        exchange,
        FeedReceipt.reasonText(
            "This file was not read; nothing from it was applied.", e.problems()));
  }

  private void failed(Exchange exchange, String reason) {
    exchange.setProperty(OUTCOME, "failed");
    String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
    try {
      Path failed = Files.createDirectories(inbox.resolve("failed"));
      Files.writeString(failed.resolve(name + ".reason"), reason, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reason for " + name, e);
    }
  }
}
