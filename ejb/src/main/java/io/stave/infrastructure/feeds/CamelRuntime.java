package io.stave.infrastructure.feeds;

import io.stave.application.FeedMessageQuery;
import io.stave.application.Feeds;
import io.stave.application.RecordingDetails;
import io.stave.application.ServiceUnavailableException;
import io.stave.infrastructure.cluster.ClusterCatalogue;
import io.stave.infrastructure.cluster.ClusterMember;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.Database;
import io.stave.infrastructure.persistence.JdbcFeedLedger;
import io.stave.infrastructure.startup.StartupException;
import io.stave.routes.FeedRoutes;
import io.stave.routes.ern.ErnReader;
import io.stave.routes.feed.FeedIntake;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedParser;
import io.stave.routes.feed.FeedReceipt;
import io.stave.rules.domain.Isrc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The CamelContext of this node, with the label feed routes. Camel 4 has no CDI integration, so
 * the startup bean creates, starts and stops it here. Configuration (system properties, set from
 * the environment by the server configuration): {@code stave.feeds.inbox} (the watched directory;
 * default {@code <stave.data.dir>/inbox}, {@code off} for none), {@code stave.feeds.poll-ms}, {@code stave.feeds.max-message-bytes}.
 */
@ApplicationScoped
public class CamelRuntime implements Feeds {
  private static final Logger LOG = Logger.getLogger(CamelRuntime.class.getName());

  @Inject Database database;
  @Inject ClusterMember cluster;

  private volatile CamelContext context;
  private volatile ProducerTemplate template;
  private volatile JdbcFeedLedger ledger;
  private volatile CatalogueRepository catalogue;
  private volatile long maxMessageBytes;

  public void start() {
    try {
      catalogue = new CatalogueRepository(database.dataSource());
      ledger = new JdbcFeedLedger(database.dataSource(), new ClusterCatalogue(catalogue, cluster::hazelcast));
      maxMessageBytes = Long.getLong("stave.feeds.max-message-bytes", 64L * 1024 * 1024);
      FeedIntake intake = new FeedIntake(new FeedParser(new ErnReader(), Clock.systemUTC()), ledger, maxMessageBytes);
      Path inbox = inbox();

      DefaultCamelContext camel = new DefaultCamelContext();
      camel.getCamelContextExtension().setName("stave");
      camel.setApplicationContextClassLoader(CamelRuntime.class.getClassLoader());
      camel.addRoutes(new FeedRoutes(intake, inbox, Long.getLong("stave.feeds.poll-ms", 500)));
      camel.start();
      template = camel.createProducerTemplate();
      context = camel;
      LOG.info(() -> "CamelContext 'stave' started with " + camel.getRoutes().size() + " route(s); inbox "
          + (inbox == null ? "off" : inbox.toString()));
    } catch (Exception e) {
      throw new StartupException("camel", "the CamelContext could not start: " + e.getMessage(), e);
    }
  }

  /** {@code stave.feeds.inbox}, else {@code <stave.data.dir>/inbox}, else none; "off" turns it off. */
  private static Path inbox() {
    String setting = System.getProperty("stave.feeds.inbox", "").trim();
    if (setting.equals("off")) {
      return null;
    }
    if (!setting.isEmpty()) {
      return Path.of(setting).toAbsolutePath();
    }
    String dataDir = System.getProperty("stave.data.dir", "").trim();
    return dataDir.isEmpty() ? null : Path.of(dataDir, "inbox").toAbsolutePath();
  }

  @Override
  public FeedReceipt submit(FeedMessage message) {
    return request(FeedRoutes.INTAKE, message);
  }

  @Override
  public Optional<FeedReceipt> replay(String messageId) {
    return Optional.ofNullable(request(FeedRoutes.REPLAY, messageId));
  }

  @Override
  public Optional<FeedReceipt> find(String messageId) {
    return started().find(messageId);
  }

  @Override
  public Optional<FeedMessage> content(String messageId) {
    return started().load(messageId).map(stored -> stored.message());
  }

  @Override
  public List<FeedReceipt> list(FeedMessageQuery query) {
    return started().list(query);
  }

  @Override
  public Optional<RecordingDetails> recording(String isrc) {
    Isrc code = Isrc.of(isrc);
    started();
    try {
      return catalogue.details(code);
    } catch (SQLException e) {
      throw new ServiceUnavailableException("the catalogue cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public long maxMessageBytes() {
    return maxMessageBytes;
  }

  private FeedReceipt request(String endpoint, Object body) {
    started();
    try {
      return template.requestBody(endpoint, body, FeedReceipt.class);
    } catch (CamelExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new ServiceUnavailableException("the feed route failed: " + e.getMessage(), e);
    }
  }

  private JdbcFeedLedger started() {
    if (!isStarted()) {
      throw new ServiceUnavailableException("the feed routes are not running on this node", null);
    }
    return ledger;
  }

  public boolean isStarted() {
    CamelContext camel = context;
    return camel != null && camel.getStatus() == ServiceStatus.Started;
  }

  public String describe() {
    CamelContext camel = context;
    return camel == null ? "not created" : camel.getStatus() + ", " + camel.getRoutes().size() + " route(s)";
  }

  public void stop() {
    CamelContext camel = context;
    context = null;
    if (camel != null) {
      camel.stop();
    }
  }
}
