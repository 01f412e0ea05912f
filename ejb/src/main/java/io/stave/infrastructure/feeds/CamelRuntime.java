package io.stave.infrastructure.feeds;

import io.stave.infrastructure.startup.StartupException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The CamelContext of this node. Camel 4 has no CDI integration, so the startup bean creates,
 * starts and stops it here. The label feed routes join it with issue 4; until then it runs with no
 * routes.
 */
@ApplicationScoped
public class CamelRuntime {
  private static final Logger LOG = Logger.getLogger(CamelRuntime.class.getName());

  private volatile CamelContext context;

  public void start() {
    try {
      DefaultCamelContext camel = new DefaultCamelContext();
      camel.getCamelContextExtension().setName("stave");
      camel.setApplicationContextClassLoader(CamelRuntime.class.getClassLoader());
      camel.start();
      context = camel;
      LOG.info(() -> "CamelContext 'stave' started with " + camel.getRoutes().size() + " route(s)");
    } catch (RuntimeException e) {
      throw new StartupException("camel", "the CamelContext could not start: " + e.getMessage(), e);
    }
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
