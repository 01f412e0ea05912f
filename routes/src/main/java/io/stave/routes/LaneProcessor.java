package io.stave.routes;

import io.stave.routes.feed.FeedMessage;
import io.stave.routes.intake.FeedIntake;
import io.stave.routes.intake.IntakeLanes;
import io.stave.routes.intake.ReleaseKeyPreRead;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

/**
 * Hands a feed message to its intake lane and completes the exchange when the lane has applied it:
 * the caller's thread (the inbox poller, an HTTP or JMS thread) is free as soon as the message is
 * queued, and the rest of the route (the inbox's sorting and file move) runs on the lane. A replay
 * (a stored message id in) runs as a barrier, so it never overtakes nor runs beside a message of
 * the same release.
 */
final class LaneProcessor implements AsyncProcessor {
  private final FeedIntake intake;
  private final IntakeLanes lanes;
  private final boolean replay;

  private LaneProcessor(FeedIntake intake, IntakeLanes lanes, boolean replay) {
    this.intake = intake;
    this.lanes = lanes;
    this.replay = replay;
  }

  /** A {@link FeedMessage} in, its receipt out. */
  static LaneProcessor ingest(FeedIntake intake, IntakeLanes lanes) {
    return new LaneProcessor(intake, lanes, false);
  }

  /** A stored message id in, its new receipt (or null: no such message) out. */
  static LaneProcessor replay(FeedIntake intake, IntakeLanes lanes) {
    return new LaneProcessor(intake, lanes, true);
  }

  @Override
  public boolean process(Exchange exchange, AsyncCallback callback) {
    CompletableFuture<?> applied;
    try {
      if (replay) {
        String messageId = exchange.getMessage().getMandatoryBody(String.class);
        applied = lanes.submit(null, () -> intake.replay(messageId).orElse(null));
      } else {
        FeedMessage message = exchange.getMessage().getMandatoryBody(FeedMessage.class);
        applied = lanes.submit(ReleaseKeyPreRead.keyOf(message), () -> intake.ingest(message));
      }
    } catch (InvalidPayloadException | RuntimeException e) {
      exchange.setException(e);
      callback.done(true);
      return true;
    }
    applied.whenComplete(
        (receipt, failure) -> {
          if (failure != null) {
            exchange.setException(
                failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure);
          } else {
            exchange.getMessage().setBody(receipt);
          }
          callback.done(false);
        });
    return false;
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    CompletableFuture<Exchange> done = processAsync(exchange);
    done.join();
  }

  @Override
  public CompletableFuture<Exchange> processAsync(Exchange exchange) {
    CompletableFuture<Exchange> done = new CompletableFuture<>();
    process(exchange, doneSync -> done.complete(exchange));
    return done;
  }
}
