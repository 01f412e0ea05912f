package io.stave.infrastructure.feeds;

import io.stave.application.Feeds;
import io.stave.application.ServiceUnavailableException;
import io.stave.readiness.StartupException;
import io.stave.routes.FeedRoutes;
import io.stave.routes.ern.ErnReader;
import io.stave.routes.feed.FeedLedger;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedReceipt;
import io.stave.routes.intake.FeedIntake;
import io.stave.routes.intake.FeedParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The CamelContext of this node, with the label feed routes. Camel 4 has no CDI integration, so the
 * startup bean creates, starts and stops it here. It is the feeds' way in for HTTP and JMS; the
 * ledger it files messages in is produced by {@code ServerWiring}, its settings come from {@code
 * StaveSettings}.
 */
@ApplicationScoped
public class CamelRuntime implements Feeds {
  private static final Logger LOG = Logger.getLogger(CamelRuntime.class.getName());

  @Inject FeedLedger ledger;

  private volatile CamelContext context;
  private volatile ProducerTemplate template;
  private volatile long maxMessageBytes;

  /**
   * Starts the routes: {@code inbox} the watched directory (null: none), polled every {@code
   * pollMillis}; messages above {@code maxMessageBytes} are rejected unread; messages of different
   * releases are applied on {@code lanes} lanes at once.
   */
  public void start(Path inbox, long pollMillis, long maxMessageBytes, int lanes) {
    try {
      this.maxMessageBytes = maxMessageBytes;
      FeedIntake intake =
          new FeedIntake(
              new FeedParser(new ErnReader(), Clock.systemUTC()), ledger, maxMessageBytes);

      DefaultCamelContext camel = new DefaultCamelContext();
      camel.getCamelContextExtension().setName("stave");
      camel.setApplicationContextClassLoader(CamelRuntime.class.getClassLoader());
      camel.addRoutes(new FeedRoutes(intake, inbox, pollMillis, lanes));
      camel.start();
      template = camel.createProducerTemplate();
      context = camel;
      LOG.info(
          () ->
              "CamelContext 'stave' started with "
                  + camel.getRoutes().size()
                  + " route(s), "
                  + lanes
                  + " feed lane(s); inbox "
                  + (inbox == null ? "off" : inbox.toString()));
    } catch (Exception e) {
      throw new StartupException("camel", "the CamelContext could not start: " + e.getMessage(), e);
    }
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
  public long maxMessageBytes() {
    return maxMessageBytes;
  }

  private FeedReceipt request(String endpoint, Object body) {
    if (!isStarted()) {
      throw new ServiceUnavailableException("the feed routes are not running on this node", null);
    }
    try {
      return template.requestBody(endpoint, body, FeedReceipt.class);
    } catch (CamelExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new ServiceUnavailableException("the feed route failed: " + e.getMessage(), e);
    }
  }

  public boolean isStarted() {
    CamelContext camel = context;
    return camel != null && camel.getStatus() == ServiceStatus.Started;
  }

  public String describe() {
    CamelContext camel = context;
    return camel == null
        ? "not created"
        : camel.getStatus() + ", " + camel.getRoutes().size() + " route(s)";
  }

  public void stop() {
    CamelContext camel = context;
    context = null;
    if (camel != null) {
      camel.stop();
    }
  }
}
