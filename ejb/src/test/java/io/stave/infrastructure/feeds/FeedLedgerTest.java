package io.stave.infrastructure.feeds;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.stave.application.ApplyFeedMessages;
import io.stave.infrastructure.cluster.ClusterCatalogue;
import io.stave.infrastructure.cluster.HazelcastFactStore;
import io.stave.infrastructure.cluster.OneMemberTestBase;
import io.stave.infrastructure.cluster.TestMembers;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.ConsentRepository;
import io.stave.infrastructure.persistence.JdbcFeedLedger;
import io.stave.infrastructure.persistence.JdbcRecordings;
import io.stave.infrastructure.persistence.TestDatabases.TestDatabase;
import io.stave.infrastructure.persistence.WatchedDataSource;
import io.stave.routes.ern.ErnReader;
import io.stave.routes.feed.FeedChannel;
import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.FeedKind;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedReceipt;
import io.stave.routes.feed.FeedStatus;
import io.stave.routes.intake.FeedIntake;
import io.stave.routes.intake.FeedParser;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.UseType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The feed intake over the real ledger: a real database (H2, and PostgreSQL when given), a real
 * Hazelcast member and the real ERN reader. What it proves is what the routes test cannot: the
 * database's unique key makes redelivery idempotent, and a message applies all-or-nothing.
 */
class FeedLedgerTest extends OneMemberTestBase {
  private static final ErnReader ERN = new ErnReader();

  private record Node(FeedIntake intake, JdbcFeedLedger ledger, CatalogueRepository catalogue) {}

  private Node start(DataSource dataSource) {
    CatalogueRepository catalogue = new CatalogueRepository(dataSource);
    member = TestMembers.startAlone(catalogue);
    JdbcFeedLedger ledger = new JdbcFeedLedger(dataSource);
    ApplyFeedMessages applying =
        new ApplyFeedMessages(ledger, new ClusterCatalogue(catalogue, () -> member));
    return new Node(
        new FeedIntake(new FeedParser(ERN, Clock.systemUTC()), applying, 1_000_000),
        ledger,
        catalogue);
  }

  /** DDEX's video single, under a registrant and message id no earlier run used. */
  private static FeedMessage videoSingle(String registrant, String messageId, String extraDealTerms)
      throws Exception {
    return videoSingle(registrant, messageId, extraDealTerms, "2017-04-24T15:00:16.772Z");
  }

  private static FeedMessage videoSingle(
      String registrant, String messageId, String extraDealTerms, String created) throws Exception {
    try (InputStream in =
        FeedLedgerTest.class.getResourceAsStream("/feeds/5-simple-video-single.xml")) {
      String xml =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("ZA34L1600009", "ZA" + registrant + "1600009")
              .replace(
                  "<MessageId>W83751545</MessageId>", "<MessageId>" + messageId + "</MessageId>")
              .replace("A10302B0003662026S", "A10302B" + registrant + "3662026S".substring(3))
              .replace(
                  "<StartDate>2017-04-25</StartDate>",
                  "<StartDate>2017-04-25</StartDate>" + extraDealTerms)
              .replace("2017-04-24T15:00:16.772Z", created);
      return new FeedMessage(
          FeedKind.ERN,
          FeedFormat.XML,
          FeedChannel.HTTP,
          "test",
          xml.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static FeedMessage consents(FeedChannel channel, String... rows) {
    return new FeedMessage(
        FeedKind.CONSENTS,
        FeedFormat.CSV,
        channel,
        "test.consents.csv",
        ("artist,useType,choice,effectiveFrom,source\n" + String.join("\n", rows) + "\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static FeedMessage splits(String isrc) {
    return splits(isrc, "label-za");
  }

  private static FeedMessage splits(String isrc, String label) {
    return new FeedMessage(
        FeedKind.SPLITS,
        FeedFormat.CSV,
        FeedChannel.HTTP,
        "test",
        ("isrc,useType,party,role,percent\n"
                + isrc
                + ",,"
                + label
                + ",LABEL,70\n"
                + isrc
                + ",,artist-za,MAIN_ARTIST,30\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  private String decide(Isrc isrc, String territory) {
    return decide(UseType.AI_CURATION, isrc, territory);
  }

  private static String decide(HazelcastFactStore facts, Isrc isrc) {
    var decision = decision(facts, UseType.AI_CURATION, isrc, "ZA");
    return decision.verdict() + " " + decision.reasons().get(0).code();
  }

  /**
   * A made-up registrant for DDEX's video single, and its recording, already with a split sheet.
   */
  private record Release(String registrant, Isrc isrc) {}

  private static Release aReleaseWhoseRecordingHasASplitSheet(Node node) {
    String registrant = registrant();
    Isrc isrc = Isrc.of("ZA" + registrant + "1600009");
    assertEquals(FeedStatus.APPLIED, node.intake().ingest(splits(isrc.code())).status());
    return new Release(registrant, isrc);
  }

  private static String registrant() {
    Random random = new Random();
    return ""
        + (char) ('A' + random.nextInt(26))
        + (char) ('A' + random.nextInt(26))
        + (char) ('A' + random.nextInt(26));
  }

  private static long count(DataSource dataSource, String sql, String value) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, value);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anErnMessageIsAppliedOnceAndDecidedOnAtOnce(TestDatabase database) throws Exception {
    Node node = start(database.dataSource());
    String registrant = registrant();
    Isrc isrc = Isrc.of("ZA" + registrant + "1600009");
    assertEquals("DENY UNKNOWN_RECORDING", decide(isrc, "ZA"));

    FeedReceipt splitSheet = node.intake().ingest(splits(isrc.code()));
    FeedReceipt first =
        node.intake().ingest(videoSingle(registrant, "once-" + UUID.randomUUID(), ""));
    FeedReceipt again =
        node.intake()
            .ingest(
                videoSingle(
                    registrant,
                    first.messageId().substring(first.messageId().lastIndexOf(':') + 1),
                    ""));

    assertEquals(FeedStatus.APPLIED, splitSheet.status(), splitSheet.problems().toString());
    assertEquals(
        List.of(
            new FeedProblem(
                "isrc " + isrc.code(),
                "is not a recording any feed has delivered yet; its split sheet is kept and"
                    + " applies once an ERN message delivers it")),
        splitSheet.warnings(),
        "a sheet that arrives before its recording is kept, and said on its status");
    assertEquals(FeedStatus.APPLIED, first.status(), first.problems().toString());
    assertFalse(first.duplicate());
    assertTrue(again.duplicate(), "the same MessageId again changes nothing");
    assertEquals(
        "PERMIT LICENSED", decide(isrc, "ZA"), "visible to decisions as soon as it is applied");
    assertEquals("DENY NOT_LICENSED", decide(isrc, "SE"));
    var details = new JdbcRecordings(node.catalogue()).find(isrc.code()).orElseThrow();
    assertEquals(3, details.deals().size());
    assertTrue(
        details.parties().stream()
            .anyMatch(
                p ->
                    p.partyId().equals("prop:PADPIDA2007050901U:3524")
                        && p.role().equals("MainArtist")
                        && p.name().equals("Ash")),
        details.parties().toString());
    assertEquals(
        "split:" + isrc.code() + ":*",
        details.splitSheets().get(0).getSplitId(),
        "the split-sheet feed's sheet is kept");
    FeedReceipt revised = node.intake().ingest(splits(isrc.code(), "label-" + UUID.randomUUID()));
    assertEquals(FeedStatus.APPLIED, revised.status(), revised.problems().toString());
    assertEquals(List.of(), revised.warnings(), "the recording is known now");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void concurrentDeliveriesOfOneMessageApplyItExactlyOnce(TestDatabase database) throws Exception {
    Node node = start(database.dataSource());
    String artist = "artist-" + UUID.randomUUID();
    FeedMessage consents =
        consents(
            FeedChannel.JMS,
            artist + ",AI_TRAINING,OPT_IN,2026-01-01,portal",
            artist + ",AI_DERIVATIVE,OPT_IN,2026-01-01,portal");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<FeedReceipt>> deliveries = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        deliveries.add(() -> node.intake().ingest(consents));
      }
      List<FeedReceipt> receipts = new ArrayList<>();
      for (Future<FeedReceipt> receipt : pool.invokeAll(deliveries)) {
        receipts.add(receipt.get());
      }
      assertEquals(1, receipts.stream().filter(r -> !r.duplicate()).count(), receipts.toString());
      FeedReceipt applied = receipts.stream().filter(r -> !r.duplicate()).findFirst().orElseThrow();
      assertTrue(
          applied
              .warnings()
              .toString()
              .contains("artist " + artist + ": is not a party any feed has named"),
          "an artist id no feed named is said on the status: " + applied.warnings());
      assertEquals(
          2,
          count(database.dataSource(), "SELECT COUNT(*) FROM consent WHERE artist_id = ?", artist));
      assertEquals(
          1,
          count(
              database.dataSource(),
              "SELECT COUNT(*) FROM feed_message WHERE message_id = ?",
              receipts.get(0).messageId()));
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aMessageTheDatabaseRefusesHalfwayLeavesNoFactAndIsRejectedWithItsBytesKept(
      TestDatabase database) throws Exception {
    Node node = start(database.dataSource());
    String artist = "artist-" + UUID.randomUUID();
    // The second row's source is longer than the column: the database refuses it after the first
    // row.
    FeedMessage consents =
        consents(
            FeedChannel.INBOX,
            artist + ",AI_TRAINING,OPT_IN,2026-01-01,portal",
            artist + ",AI_DERIVATIVE,OPT_IN,2026-01-01," + "x".repeat(600));

    FeedReceipt receipt = node.intake().ingest(consents);

    assertEquals(FeedStatus.REJECTED, receipt.status());
    assertTrue(receipt.problems().get(0).what().contains("refused"), receipt.problems().toString());
    assertEquals(
        0,
        count(database.dataSource(), "SELECT COUNT(*) FROM consent WHERE artist_id = ?", artist),
        "the first row was rolled back with the second");
    assertTrue(node.ledger().load(receipt.messageId()).orElseThrow().message().body().length > 600);
  }

  /**
   * Messages handed in while another message's transaction runs are written together, in one
   * transaction with one commit, and each still stands alone: the one the database refuses is
   * rejected with nothing of it kept, a redelivery changes nothing, and the others are applied.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void messagesWrittenTogetherStillStandAlone(TestDatabase database) throws Exception {
    AtomicReference<CountDownLatch> gate = new AtomicReference<>();
    DataSource gated =
        WatchedDataSource.of(
            database.dataSource(),
            connection -> {
              CountDownLatch held = gate.getAndSet(null);
              if (held != null) {
                held.await(30, TimeUnit.SECONDS);
              }
            });
    CatalogueRepository catalogue = new CatalogueRepository(gated);
    member = TestMembers.startAlone(catalogue);
    ClusterCatalogue clusterCatalogue = new ClusterCatalogue(catalogue, () -> member);
    JdbcFeedLedger ledger = new JdbcFeedLedger(gated);
    FeedIntake intake =
        new FeedIntake(
            new FeedParser(ERN, Clock.systemUTC()),
            new ApplyFeedMessages(ledger, clusterCatalogue),
            1_000_000);
    String first = "artist-" + UUID.randomUUID();
    String second = "artist-" + UUID.randomUUID();
    String refused = "artist-" + UUID.randomUUID();
    FeedMessage delivered = consents(FeedChannel.HTTP, first + ",AI_TRAINING,OPT_IN,2026-01-01,a");
    intake.ingest(delivered);

    CountDownLatch release = new CountDownLatch(1);
    gate.set(release); // the next transaction waits for its connection, the rest queue behind it
    Map<String, FeedReceipt> receipts = new ConcurrentHashMap<>();
    List<Thread> senders = new ArrayList<>();
    Map<String, FeedMessage> messages = new LinkedHashMap<>();
    messages.put("holding", consents(FeedChannel.HTTP, first + ",AI_CURATION,OPT_IN,2026-01-01,b"));
    messages.put(
        "second", consents(FeedChannel.HTTP, second + ",AI_TRAINING,OPT_OUT,2026-01-01,c"));
    messages.put(
        "refused",
        consents(FeedChannel.HTTP, refused + ",AI_TRAINING,OPT_IN,2026-01-01," + "x".repeat(600)));
    messages.put("redelivered", delivered);
    messages.forEach(
        (name, message) -> {
          Thread sender = new Thread(() -> receipts.put(name, intake.ingest(message)), name);
          senders.add(sender);
          sender.start();
          if (name.equals("holding")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> gate.get() == null);
          }
        });
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                senders.stream()
                    .skip(1)
                    .allMatch(sender -> sender.getState() == Thread.State.WAITING));
    release.countDown();
    for (Thread sender : senders) {
      sender.join(30_000);
    }

    assertEquals(FeedStatus.APPLIED, receipts.get("holding").status());
    assertEquals(FeedStatus.APPLIED, receipts.get("second").status());
    assertEquals(FeedStatus.REJECTED, receipts.get("refused").status());
    assertTrue(receipts.get("redelivered").duplicate(), receipts.get("redelivered").toString());
    assertEquals(
        3, clusterCatalogue.changesWrittenInGroups(), "the three queued behind one were grouped");
    assertEquals(
        2, count(database.dataSource(), "SELECT COUNT(*) FROM consent WHERE artist_id = ?", first));
    assertEquals(
        1,
        count(database.dataSource(), "SELECT COUNT(*) FROM consent WHERE artist_id = ?", second));
    assertEquals(
        0,
        count(database.dataSource(), "SELECT COUNT(*) FROM consent WHERE artist_id = ?", refused));
    assertTrue(
        String.valueOf(
                member
                    .getMap(HazelcastFactStore.CONSENTS)
                    .get(ConsentRepository.key(second, "AI_TRAINING")))
            .contains("OPT_OUT"),
        "the grouped change reached the fact map");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anUpdateReplacesTheReleasesDealsAndATakedownEndsThem(TestDatabase database)
      throws Exception {
    Node node = start(database.dataSource());
    Release release = aReleaseWhoseRecordingHasASplitSheet(node);
    String registrant = release.registrant();
    Isrc isrc = release.isrc();
    node.intake().ingest(videoSingle(registrant, "v1-" + UUID.randomUUID(), ""));
    assertEquals("PERMIT LICENSED", decide(isrc, "ZA"));

    FeedReceipt takedown =
        node.intake()
            .ingest(
                videoSingle(
                    registrant, "v2-" + UUID.randomUUID(), "<EndDate>2025-12-31</EndDate>"));

    assertEquals(FeedStatus.APPLIED, takedown.status(), takedown.problems().toString());
    assertEquals("DENY NOT_LICENSED", decide(isrc, "ZA"), "the update's deals ended before now");
    assertEquals(
        3,
        new JdbcRecordings(node.catalogue()).find(isrc.code()).orElseThrow().deals().size(),
        "three deals replaced by three, not added to them");
  }

  /**
   * An ERN 4.3 PurgeReleaseMessage from the video single's sender, naming the release by its
   * proprietary id.
   */
  private static FeedMessage purge(String registrant, String messageId, String created) {
    String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <ern:PurgeReleaseMessage xmlns:ern="http://ddex.net/xml/ern/43" LanguageAndScriptCode="en" AvsVersionId="3">
           <MessageHeader>
              <MessageId>%s</MessageId>
              <MessageSender>
                 <PartyId>PADPIDA2007050901U</PartyId>
                 <PartyName><FullName>Warner Music Group</FullName></PartyName>
              </MessageSender>
              <MessageRecipient>
                 <PartyId>PADPIDA2010121001I</PartyId>
                 <PartyName><FullName>226-24-7 MusicShop LLC</FullName></PartyName>
              </MessageRecipient>
              <MessageCreatedDateTime>%s</MessageCreatedDateTime>
           </MessageHeader>
           <PurgedRelease>
              <ReleaseId>
                 <ProprietaryId Namespace="PADPIDA2007050901U">ZA%s1600009</ProprietaryId>
              </ReleaseId>
           </PurgedRelease>
        </ern:PurgeReleaseMessage>
        """
            .formatted(messageId, created, registrant);
    return new FeedMessage(
        FeedKind.ERN,
        FeedFormat.XML,
        FeedChannel.HTTP,
        "purge.xml",
        xml.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aPurgeEndsTheReleasesDealsAtOnceKeepsTheirHistoryAndSupersedesOlderMessages(
      TestDatabase database) throws Exception {
    Node node = start(database.dataSource());
    Release release = aReleaseWhoseRecordingHasASplitSheet(node);
    node.intake()
        .ingest(
            videoSingle(
                release.registrant(), "v1-" + UUID.randomUUID(), "", "2026-01-01T00:00:00Z"));
    assertEquals("PERMIT LICENSED", decide(release.isrc(), "ZA"));

    FeedReceipt purge =
        node.intake()
            .ingest(
                purge(release.registrant(), "purge-" + UUID.randomUUID(), "2026-06-01T00:00:00Z"));

    assertEquals(FeedStatus.APPLIED, purge.status(), purge.problems().toString());
    assertTrue(
        purge.warnings().isEmpty(),
        "the proprietary id finds the release delivered under its GRid: " + purge.warnings());
    HazelcastFactStore facts = new HazelcastFactStore(() -> member);
    assertEquals(
        "DENY",
        decision(facts, UseType.AI_CURATION, release.isrc(), "ZA").verdict().name(),
        "no deal covers the release after the purge");
    assertEquals(
        "PERMIT",
        decision(
                facts,
                UseType.AI_CURATION,
                release.isrc(),
                "ZA",
                java.time.Instant.parse("2026-05-01T00:00:00Z"))
            .verdict()
            .name(),
        "the deals' history is kept");
    assertEquals(
        3,
        new JdbcRecordings(node.catalogue())
            .find(release.isrc().code())
            .orElseThrow()
            .deals()
            .size());

    FeedReceipt late =
        node.intake()
            .ingest(
                videoSingle(
                    release.registrant(), "v0-" + UUID.randomUUID(), "", "2026-03-01T00:00:00Z"));
    assertTrue(late.summary().startsWith("superseded by " + purge.messageId()), late.summary());
    assertEquals(
        "DENY", decision(facts, UseType.AI_CURATION, release.isrc(), "ZA").verdict().name());

    FeedReceipt again =
        node.intake()
            .ingest(
                videoSingle(
                    release.registrant(), "v2-" + UUID.randomUUID(), "", "2026-07-01T00:00:00Z"));
    assertEquals(FeedStatus.APPLIED, again.status());
    assertEquals(
        "PERMIT LICENSED",
        decide(release.isrc(), "ZA"),
        "a newer delivery of the release licenses again");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aPurgeOfAReleaseNeverDeliveredChangesNothingAndSaysSo(TestDatabase database) {
    Node node = start(database.dataSource());
    FeedReceipt purge =
        node.intake()
            .ingest(purge(registrant(), "purge-" + UUID.randomUUID(), "2026-06-01T00:00:00Z"));
    assertEquals(FeedStatus.APPLIED, purge.status(), purge.problems().toString());
    assertTrue(
        purge.warnings().toString().contains("names no release this sender has delivered"),
        purge.warnings().toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anOlderMessageForTheReleaseArrivingLateIsSupersededAndChangesNothing(TestDatabase database)
      throws Exception {
    Node node = start(database.dataSource());
    Release release = aReleaseWhoseRecordingHasASplitSheet(node);
    String registrant = release.registrant();
    Isrc isrc = release.isrc();
    FeedReceipt takedown =
        node.intake()
            .ingest(
                videoSingle(
                    registrant,
                    "v2-" + UUID.randomUUID(),
                    "<EndDate>2025-12-31</EndDate>",
                    "2026-02-01T00:00:00Z"));

    FeedReceipt late =
        node.intake()
            .ingest(videoSingle(registrant, "v1-" + UUID.randomUUID(), "", "2026-01-01T00:00:00Z"));

    assertEquals(FeedStatus.APPLIED, late.status());
    assertTrue(late.summary().startsWith("superseded by " + takedown.messageId()), late.summary());
    assertTrue(
        late.warnings().toString().contains("MessageCreatedDateTime"), late.warnings().toString());
    assertEquals("DENY NOT_LICENSED", decide(isrc, "ZA"), "the newer takedown still holds");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aMessageAppliedOnOneNodeIsDecidedOnByAnotherWithinASecond(TestDatabase database)
      throws Exception {
    Node node = start(database.dataSource());
    HazelcastInstance other =
        TestMembers.startJoining(new CatalogueRepository(database.dataSource()));
    try {
      String registrant = registrant();
      Isrc isrc = Isrc.of("ZA" + registrant + "1600009");
      HazelcastFactStore otherFacts = new HazelcastFactStore(() -> other);
      assertEquals(2, other.getCluster().getMembers().size(), "the second node joined the first");
      assertTrue(
          otherFacts.recording(isrc).isEmpty(), "the other node has read the recording as unknown");

      node.intake().ingest(splits(isrc.code()));
      FeedReceipt applied =
          node.intake().ingest(videoSingle(registrant, "two-nodes-" + UUID.randomUUID(), ""));
      assertEquals(FeedStatus.APPLIED, applied.status(), applied.problems().toString());

      await("the other node's near caches invalidated: it permits")
          .atMost(Duration.ofSeconds(1))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> decide(otherFacts, isrc), "PERMIT LICENSED"::equals);
    } finally {
      other.shutdown();
    }
  }
}
