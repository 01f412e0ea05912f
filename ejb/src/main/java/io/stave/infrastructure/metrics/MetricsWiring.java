package io.stave.infrastructure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.stave.application.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.logging.Logger;

/**
 * Hands the services a {@link Metrics} on the server's Micrometer registry (WildFly's micrometer
 * subsystem makes it injectable). Without the subsystem the services report nothing, and say so
 * once.
 */
@ApplicationScoped
public class MetricsWiring {
  private static final Logger LOG = Logger.getLogger(MetricsWiring.class.getName());

  @Inject Instance<MeterRegistry> registry;

  @Produces
  @Singleton
  Metrics metrics() {
    if (registry.isResolvable()) {
      return new MicrometerMetrics(registry.get());
    }
    LOG.warning("No Micrometer registry in this server: Stave reports no metrics");
    return Metrics.NONE;
  }
}
