package io.stave.infrastructure.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.application.ApplyFeedMessages;
import io.stave.infrastructure.cluster.ClusterCatalogue;
import io.stave.infrastructure.cluster.HazelcastFactStore;
import io.stave.infrastructure.cluster.OneMemberTestBase;
import io.stave.infrastructure.cluster.TestMembers;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.JdbcFeedLedger;
import io.stave.infrastructure.persistence.TestDatabases.TestDatabase;
import io.stave.routes.FeedRoutes;
import io.stave.routes.ern.ErnReader;
import io.stave.routes.feed.FeedChannel;
import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.FeedKind;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedReceipt;
import io.stave.routes.feed.FeedStatus;
import io.stave.routes.intake.FeedIntake;
import io.stave.routes.intake.FeedParser;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Isrc;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Messages of many releases through the feed routes' intake lanes at once, on a real database and a
 * real Hazelcast member: many updates to a few releases interleaved with many other releases. Each
 * release must end as its last update said, no update may have been applied after a later one (each
 * update is newer than the one before, so one applied out of order would be superseded), no
 * transaction may have needed a retry (every message names the same artist party), and the fact
 * maps must hold what the database holds.
 */
class ParallelFeedIntakeTest extends OneMemberTestBase {
  private static final ErnReader ERN = new ErnReader();
  private static final int HOT_RELEASES = 4;
  private static final int UPDATES = 12;
  private static final int OTHER_RELEASES = 48;

  /** DDEX's video single under a registrant of its own: its own release and recording. */
  private static FeedMessage videoSingle(
      String registrant, String messageId, String extraDealTerms, Instant created)
      throws Exception {
    try (InputStream in =
        ParallelFeedIntakeTest.class.getResourceAsStream("/feeds/5-simple-video-single.xml")) {
      String xml =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("ZA34L1600009", "ZA" + registrant + "1600009")
              .replace(
                  "<MessageId>W83751545</MessageId>", "<MessageId>" + messageId + "</MessageId>")
              .replace("A10302B0003662026S", "A10302B" + registrant + "3662026S".substring(3))
              .replace(
                  "<StartDate>2017-04-25</StartDate>",
                  "<StartDate>2017-04-25</StartDate>" + extraDealTerms)
              .replace("2017-04-24T15:00:16.772Z", created.toString());
      return new FeedMessage(
          FeedKind.ERN,
          FeedFormat.XML,
          FeedChannel.HTTP,
          "test",
          xml.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<String> registrants(int count) {
    Random random = new Random();
    Set<String> registrants = new LinkedHashSet<>();
    while (registrants.size() < count) {
      registrants.add(
          ""
              + (char) ('A' + random.nextInt(26))
              + (char) ('A' + random.nextInt(26))
              + (char) ('A' + random.nextInt(26)));
    }
    return new ArrayList<>(registrants);
  }

  /** Update {@code u} of a hot release ends its deals on 2030-01-(u+1). */
  private static String endDate(int update) {
    return String.format("2030-01-%02d", update + 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void updatesToOneReleaseApplyInOrderWhileOtherReleasesApplyBesideThem(TestDatabase database)
      throws Exception {
    DataSource dataSource = database.dataSource();
    CatalogueRepository repository = new CatalogueRepository(dataSource);
    member = TestMembers.startAlone(repository);
    ClusterCatalogue catalogue = new ClusterCatalogue(repository, () -> member);
    FeedIntake intake =
        new FeedIntake(
            new FeedParser(ERN, Clock.systemUTC()),
            new ApplyFeedMessages(new JdbcFeedLedger(dataSource), catalogue),
            1_000_000);

    List<String> registrants = registrants(HOT_RELEASES + OTHER_RELEASES);
    List<String> hot = registrants.subList(0, HOT_RELEASES);
    List<String> others = registrants.subList(HOT_RELEASES, registrants.size());
    String run = Long.toString(System.nanoTime(), 36);
    Instant base = Instant.parse("2026-11-01T00:00:00Z");
    List<FeedMessage> messages = new ArrayList<>();
    Map<String, Integer> hotUpdateOf = new LinkedHashMap<>();
    int other = 0;
    for (int update = 0; update < UPDATES; update++) {
      for (String registrant : hot) {
        String id = "hot-" + run + "-" + registrant + "-" + update;
        messages.add(
            videoSingle(
                registrant,
                id,
                "<EndDate>" + endDate(update) + "</EndDate>",
                base.plus(update, ChronoUnit.MINUTES)));
        hotUpdateOf.put(id, update);
        // another release between each two updates of a hot one
        if (other < others.size()) {
          messages.add(videoSingle(others.get(other++), "other-" + run + "-" + other, "", base));
        }
      }
    }

    List<CompletableFuture<FeedReceipt>> receipts = new ArrayList<>();
    try (DefaultCamelContext camel = new DefaultCamelContext()) {
      camel.addRoutes(new FeedRoutes(intake, null, 500, 4));
      camel.start();
      Endpoint endpoint = camel.getEndpoint(FeedRoutes.INTAKE);
      AsyncProducer producer = endpoint.createAsyncProducer();
      producer.start();
      // One thread submits in order (as the inbox poller does); each message completes later, on
      // its lane.
      for (FeedMessage message : messages) {
        Exchange exchange = endpoint.createExchange(ExchangePattern.InOut);
        exchange.getMessage().setBody(message);
        CompletableFuture<FeedReceipt> receipt = new CompletableFuture<>();
        producer.process(
            exchange,
            doneSync -> {
              if (exchange.getException() != null) {
                receipt.completeExceptionally(exchange.getException());
              } else {
                receipt.complete(exchange.getMessage().getBody(FeedReceipt.class));
              }
            });
        receipts.add(receipt);
      }
      CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    }

    Map<String, String> lastMessageOfRelease = new LinkedHashMap<>();
    for (CompletableFuture<FeedReceipt> future : receipts) {
      FeedReceipt receipt = future.get();
      assertEquals(FeedStatus.APPLIED, receipt.status(), receipt.toString());
      assertFalse(receipt.duplicate(), receipt.toString());
      assertFalse(
          String.valueOf(receipt.summary()).startsWith("superseded"),
          "applied after a later update of its release: " + receipt);
    }
    for (String registrant : hot) {
      String last = "hot-" + run + "-" + registrant + "-" + (UPDATES - 1);
      String messageId =
          receipts.stream()
              .map(CompletableFuture::join)
              .map(FeedReceipt::messageId)
              .filter(id -> id.endsWith(":" + last))
              .findFirst()
              .orElseThrow();
      lastMessageOfRelease.put(registrant, messageId);
    }
    for (Map.Entry<String, String> release : lastMessageOfRelease.entrySet()) {
      String releaseKey = releaseKeyLastSetBy(dataSource, release.getValue());
      assertEquals(
          Set.of(OffsetDateTime.parse(endDate(UPDATES - 1) + "T00:00:00Z").plusDays(1).toInstant()),
          validUntilOfDeals(dataSource, releaseKey),
          "release " + release.getKey() + " ends as its last update said");
    }

    assertEquals(0, catalogue.retriedTransactions(), "messages naming one party needed no retry");

    HazelcastFactStore maps = new HazelcastFactStore(() -> member);
    for (String registrant : registrants) {
      Isrc isrc = Isrc.of("ZA" + registrant + "1600009");
      List<Deal> inDatabase =
          repository
              .deals()
              .byRecording(List.of(isrc.code()))
              .getOrDefault(isrc.code(), new ArrayList<>());
      assertEquals(
          describe(inDatabase), describe(maps.dealsCovering(isrc)), isrc + ": maps = database");
      assertEquals(
          describe(repository.recordings().find(List.of(isrc.code())).get(isrc.code())),
          describe(maps.recording(isrc).orElse(null)),
          isrc + ": maps = database");
      assertTrue(maps.recording(isrc).isPresent(), isrc + " is in the maps");
    }
  }

  private static String describe(io.stave.rules.domain.Recording recording) {
    return recording == null
        ? "none"
        : recording.getTitle()
            + " by "
            + recording.getDisplayArtist()
            + " "
            + recording.getMainArtistIds()
            + " label "
            + recording.getLabelId();
  }

  private static Set<String> describe(List<Deal> deals) {
    return deals.stream()
        .map(deal -> deal.getDealId() + " until " + deal.getValidUntil())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String releaseKeyLastSetBy(DataSource dataSource, String messageId)
      throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT release_key FROM release_version WHERE message_id = ?")) {
      select.setString(1, messageId);
      try (ResultSet row = select.executeQuery()) {
        assertTrue(row.next(), messageId + " is the last message of its release");
        return row.getString(1);
      }
    }
  }

  private static Set<Instant> validUntilOfDeals(DataSource dataSource, String releaseKey)
      throws Exception {
    Set<Instant> until = new TreeSet<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT valid_until FROM deal WHERE release_key = ?")) {
      select.setString(1, releaseKey);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          until.add(row.getObject(1, OffsetDateTime.class).toInstant());
        }
      }
    }
    return until;
  }
}
