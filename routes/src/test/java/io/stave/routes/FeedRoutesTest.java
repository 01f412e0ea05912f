package io.stave.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.routes.feed.FeedChannel;
import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.FeedKind;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedReceipt;
import io.stave.routes.feed.FeedStatus;
import io.stave.routes.feed.Feeds;
import io.stave.routes.feed.InMemoryFeedLedger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/** The feed routes in a plain CamelContext, with the inbox a real directory. */
class FeedRoutesTest extends CamelTestSupport {
  private final InMemoryFeedLedger ledger = new InMemoryFeedLedger();
  private final Path inbox = Path.of("target", "inbox-test", UUID.randomUUID().toString());

  @Override
  public boolean isUseAdviceWith() {
    return true;
  }

  @Override
  protected RoutesBuilder createRouteBuilder() {
    return new FeedRoutes(Feeds.intake(ledger, 4 * 1024 * 1024), inbox, 100);
  }

  private MockEndpoint sorted() throws Exception {
    AdviceWith.adviceWith(context, "feed-inbox", route -> route.weaveAddLast().to("mock:sorted"));
    context.start();
    return getMockEndpoint("mock:sorted");
  }

  private void drop(String name, byte[] content) throws IOException {
    Files.createDirectories(inbox);
    Path hidden = inbox.resolve("." + name + ".part");
    Files.write(hidden, content);
    Files.move(hidden, inbox.resolve(name));
  }

  private boolean filesFinished(int count) {
    return new NotifyBuilder(context)
        .fromRoute("feed-inbox")
        .whenCompleted(count)
        .create()
        .matches(20, TimeUnit.SECONDS);
  }

  @Test
  void an_ern_file_is_applied_and_moved_to_done() throws Exception {
    MockEndpoint sorted = sorted();
    sorted.expectedMessageCount(1);
    NotifyBuilder done =
        new NotifyBuilder(context).fromRoute("feed-inbox").whenCompleted(1).create();

    drop("album.xml", Feeds.sample("1-audio.xml"));

    assertTrue(done.matches(20, TimeUnit.SECONDS), "the file was processed");
    sorted.assertIsSatisfied();
    FeedReceipt receipt = sorted.getExchanges().get(0).getMessage().getBody(FeedReceipt.class);
    assertEquals(FeedStatus.APPLIED, receipt.status());
    assertEquals("ern:PADPIDA2013042401U:Test1.1", receipt.messageId());
    assertEquals(21, ledger.applied.get(0).recordings().size());
    assertTrue(Files.exists(inbox.resolve("done/album.xml")));
  }

  @Test
  void a_rejected_file_moves_to_failed_with_a_reason_beside_it() throws Exception {
    sorted();
    NotifyBuilder done =
        new NotifyBuilder(context).fromRoute("feed-inbox").whenCompleted(1).create();

    drop(
        "broken.xml",
        "<ern:NewReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/43\">"
            .getBytes(StandardCharsets.UTF_8));

    assertTrue(done.matches(20, TimeUnit.SECONDS));
    assertTrue(Files.exists(inbox.resolve("failed/broken.xml")), "the original bytes are kept");
    String reason = Files.readString(inbox.resolve("failed/broken.xml.reason"));
    assertTrue(reason.contains("line 1"), reason);
    assertTrue(ledger.applied.isEmpty());
  }

  @Test
  void a_file_that_does_not_say_what_it_holds_is_failed_with_a_reason() throws Exception {
    sorted();
    drop("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));

    assertTrue(filesFinished(1));
    assertTrue(
        Files.readString(inbox.resolve("failed/notes.txt.reason")).contains("*.consents.csv"));
  }

  @Test
  void an_empty_file_is_failed_with_a_reason_saying_it_is_empty() throws Exception {
    sorted();
    drop("empty.xml", new byte[0]);
    drop("empty.consents.csv", new byte[0]);

    assertTrue(filesFinished(2), "empty files are picked up, not left in the inbox");
    for (String name : new String[] {"empty.xml", "empty.consents.csv"}) {
      assertFalse(Files.exists(inbox.resolve(name)), name + " left the inbox");
      assertTrue(Files.exists(inbox.resolve("failed/" + name)), name + " is kept in failed/");
      String reason = Files.readString(inbox.resolve("failed/" + name + ".reason"));
      assertTrue(reason.contains("is empty"), reason);
    }
    assertEquals(
        List.of(FeedStatus.REJECTED, FeedStatus.REJECTED),
        ledger.receipts().stream().map(FeedReceipt::status).toList(),
        "both are on record, as any rejected message");
  }

  @Test
  void a_redropped_file_changes_nothing_and_is_reported_as_a_duplicate() throws Exception {
    MockEndpoint sorted = sorted();
    sorted.expectedMessageCount(2);
    NotifyBuilder both =
        new NotifyBuilder(context).fromRoute("feed-inbox").whenCompleted(2).create();

    drop(
        "split-a.splits.csv",
        ("isrc,useType,party,role,percent\nJPTO09404900,,isni:0000000121032683,ARTIST,100\n")
            .getBytes(StandardCharsets.UTF_8));
    assertTrue(filesFinished(1));
    drop(
        "split-b.splits.csv",
        ("isrc,useType,party,role,percent\nJPTO09404900,,isni:0000000121032683,ARTIST,100\n")
            .getBytes(StandardCharsets.UTF_8));

    assertTrue(both.matches(20, TimeUnit.SECONDS));
    sorted.assertIsSatisfied();
    assertEquals(1, ledger.applied.size(), "the same content applies once");
    assertTrue(sorted.getExchanges().get(1).getMessage().getBody(FeedReceipt.class).duplicate());
    assertTrue(Files.exists(inbox.resolve("done/split-b.splits.csv")));
  }

  @Test
  void http_and_jms_deliveries_go_through_the_intake_route() throws Exception {
    context.start();
    FeedMessage message =
        new FeedMessage(
            FeedKind.CONSENTS,
            FeedFormat.JSON,
            FeedChannel.HTTP,
            "test",
            ("{\"consents\": [{\"artist\": \"isni:0000000121032683\", \"useType\": \"AI_TRAINING\", \"choice\": \"OPT_IN\","
                    + " \"effectiveFrom\": \"2026-01-01\", \"source\": \"label portal\"}]}")
                .getBytes(StandardCharsets.UTF_8));

    FeedReceipt receipt = template.requestBody(FeedRoutes.INTAKE, message, FeedReceipt.class);
    FeedReceipt replay =
        template.requestBody(FeedRoutes.REPLAY, receipt.messageId(), FeedReceipt.class);

    assertEquals(FeedStatus.APPLIED, receipt.status());
    assertTrue(replay.duplicate(), "an applied message replays as a no-op");
    assertEquals(1, ledger.applied.size());
  }
}
