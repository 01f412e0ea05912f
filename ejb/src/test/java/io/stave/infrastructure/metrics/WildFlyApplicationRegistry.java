package io.stave.infrastructure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * What WildFly 39's micrometer subsystem injects into a deployment as its {@link MeterRegistry}
 * (org.wildfly.extension.micrometer.registry.ApplicationRegistry, WFLY-21061), reduced to the
 * behaviour that decides what reaches {@code /metrics}: a {@link SimpleMeterRegistry} whose direct
 * methods ({@code counter}, {@code timer}, {@code summary}, {@code gauge} and {@code more()}'s) go
 * to the server's registry with a {@code WF_DEPLOYMENT} tag, while a meter registered through a
 * builder ({@code Counter.builder(...).register(registry)}) stays in the local registry, which
 * nothing scrapes. The meters it creates carry no distribution configuration (no histogram
 * buckets). Tests put the server's Prometheus registry behind it, as WildFly does.
 */
final class WildFlyApplicationRegistry extends SimpleMeterRegistry {
  static final String DEPLOYMENT = "stave.ear";

  private final MeterRegistry server;
  private final More more = new ForwardingMore();

  WildFlyApplicationRegistry(MeterRegistry server) {
    this.server = server;
  }

  private static Tags tagged(Iterable<Tag> tags) {
    return Tags.of(tags).and("WF_DEPLOYMENT", DEPLOYMENT);
  }

  @Override
  public Counter counter(String name, Iterable<Tag> tags) {
    return server.counter(name, tagged(tags));
  }

  @Override
  public Timer timer(String name, Iterable<Tag> tags) {
    return server.timer(name, tagged(tags));
  }

  @Override
  public DistributionSummary summary(String name, Iterable<Tag> tags) {
    return server.summary(name, tagged(tags));
  }

  @Override
  public <T> T gauge(String name, Iterable<Tag> tags, T object, ToDoubleFunction<T> value) {
    server.gauge(name, tagged(tags), object, value);
    return object;
  }

  @Override
  public More more() {
    return more;
  }

  private final class ForwardingMore extends More {
    @Override
    public <T> FunctionCounter counter(
        String name, Iterable<Tag> tags, T object, ToDoubleFunction<T> count) {
      return server.more().counter(name, tagged(tags), object, count);
    }

    @Override
    public <T extends Number> FunctionCounter counter(String name, Iterable<Tag> tags, T number) {
      return server.more().counter(name, tagged(tags), number);
    }

    @Override
    public LongTaskTimer longTaskTimer(String name, Iterable<Tag> tags) {
      return server.more().longTaskTimer(name, tagged(tags));
    }

    @Override
    public <T> TimeGauge timeGauge(
        String name, Iterable<Tag> tags, T object, TimeUnit unit, ToDoubleFunction<T> value) {
      return server.more().timeGauge(name, tagged(tags), object, unit, value);
    }

    @Override
    public <T> FunctionTimer timer(
        String name,
        Iterable<Tag> tags,
        T object,
        ToLongFunction<T> count,
        ToDoubleFunction<T> totalTime,
        TimeUnit unit) {
      return server.more().timer(name, tagged(tags), object, count, totalTime, unit);
    }
  }
}
