package io.stave.infrastructure.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.startup.StartupException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.logging.Logger;

/** The node's embedded Hazelcast member: started and stopped by the startup bean. */
@ApplicationScoped
public class ClusterMember {
  private static final Logger LOG = Logger.getLogger(ClusterMember.class.getName());

  private volatile HazelcastInstance instance;
  private volatile int minimumSize = 1;

  public void start(CatalogueRepository catalogue) {
    var config = ClusterConfiguration.load(ClusterMember.class.getClassLoader(), catalogue);
    minimumSize = ClusterConfiguration.minimumSize();
    try {
      instance = Hazelcast.newHazelcastInstance(config);
    } catch (RuntimeException e) {
      throw new StartupException("cluster", "the Hazelcast member could not start (cluster '"
          + config.getClusterName() + "', port " + config.getNetworkConfig().getPort() + "): "
          + e.getMessage(), e);
    }
    LOG.info(() -> "Hazelcast member " + instance.getCluster().getLocalMember().getAddress()
        + " joined cluster '" + config.getClusterName() + "' with "
        + instance.getCluster().getMembers().size() + " member(s)");
  }

  @Produces
  @ApplicationScoped
  public HazelcastInstance hazelcast() {
    HazelcastInstance running = instance;
    if (running == null) {
      throw new IllegalStateException("the Hazelcast member has not started");
    }
    return running;
  }

  /** Running, and sees at least the configured minimum of members (no minority side of a split). */
  public boolean isSafe() {
    HazelcastInstance running = instance;
    return running != null
        && running.getLifecycleService().isRunning()
        && running.getCluster().getMembers().size() >= minimumSize;
  }

  public String describe() {
    HazelcastInstance running = instance;
    if (running == null || !running.getLifecycleService().isRunning()) {
      return "not running";
    }
    return running.getCluster().getMembers().size() + " member(s), minimum " + minimumSize
        + ", local " + running.getCluster().getLocalMember().getAddress();
  }

  public void stop() {
    HazelcastInstance running = instance;
    instance = null;
    if (running != null) {
      running.shutdown();
    }
  }
}
