package io.stave.infrastructure.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.readiness.StartupException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/** The node's embedded Hazelcast member: started and stopped by the startup bean. */
@ApplicationScoped
public class ClusterMember {
  private static final Logger LOG = Logger.getLogger(ClusterMember.class.getName());

  private volatile HazelcastInstance instance;
  private volatile int minimumSize = 1;

  /**
   * Set while the fact maps are reloaded after a merge or a lost partition: the node fails closed.
   */
  private final AtomicInteger repairs = new AtomicInteger();

  public void start(CatalogueRepository catalogue) {
    var config = ClusterConfiguration.load(ClusterMember.class.getClassLoader(), catalogue);
    minimumSize = ClusterConfiguration.minimumSize();
    try {
      instance = Hazelcast.newHazelcastInstance(config);
    } catch (RuntimeException e) {
      throw new StartupException(
          "cluster",
          "the Hazelcast member could not start (cluster '"
              + config.getClusterName()
              + "', port "
              + config.getNetworkConfig().getPort()
              + "): "
              + e.getMessage(),
          e);
    }
    watchForLostFacts(instance);
    LOG.info(
        () ->
            "Hazelcast member "
                + instance.getCluster().getLocalMember().getAddress()
                + " joined cluster '"
                + config.getClusterName()
                + "' with "
                + instance.getCluster().getMembers().size()
                + " member(s)");
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

  /** The members this node sees, 0 while its own member is not running (for metrics). */
  public int memberCount() {
    HazelcastInstance running = instance;
    try {
      return running == null || !running.getLifecycleService().isRunning()
          ? 0
          : running.getCluster().getMembers().size();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /**
   * Running, sees at least the configured minimum of members (no minority side of a split), and not
   * reloading its facts after a merge or a lost partition.
   */
  public boolean isSafe() {
    HazelcastInstance running = instance;
    return running != null
        && running.getLifecycleService().isRunning()
        && running.getCluster().getMembers().size() >= minimumSize
        && repairs.get() == 0;
  }

  /**
   * Hazelcast Community maps are AP: after a split heals, merged entries may be the other side's,
   * and a lost partition loses entries outright. The database is the system of record, so on either
   * event the node fails closed (503) and reloads every fact map from it, so an opt-out committed
   * on either side of a split is never lost to the merge.
   */
  static void watchForLostFacts(HazelcastInstance member, Runnable repair) {
    member
        .getLifecycleService()
        .addLifecycleListener(
            event -> {
              if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                repair.run();
              }
            });
    // The partition service, not each map: touching a map would load it, which the split-brain
    // protection refuses while the node is below the minimum cluster size.
    member.getPartitionService().addPartitionLostListener(event -> repair.run());
  }

  private void watchForLostFacts(HazelcastInstance member) {
    watchForLostFacts(member, () -> repairFacts(member));
  }

  /** Reloads every fact map from the database; the node is not safe until it is done. */
  void repairFacts(HazelcastInstance member) {
    repairs.incrementAndGet();
    Thread reload =
        new Thread(
            () -> {
              LOG.warning(
                  "Cluster merge or lost partition: reloading every fact map from the database; deciding"
                      + " nothing until it is done");
              try {
                while (member.getLifecycleService().isRunning()) {
                  try {
                    HazelcastFactStore.reloadAll(member);
                    LOG.info(
                        "Fact maps reloaded from the database after a merge or a lost partition");
                    return;
                  } catch (RuntimeException e) {
                    LOG.severe(
                        "Reloading the fact maps failed (retried in 5 s; the node stays unsafe): "
                            + e.getMessage());
                    try {
                      Thread.sleep(5_000);
                    } catch (InterruptedException interrupted) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                  }
                }
              } finally {
                repairs.decrementAndGet();
              }
            },
            "stave-fact-repair");
    reload.setDaemon(true);
    reload.start();
  }

  /** True while a reload of the fact maps is under way. */
  boolean isRepairing() {
    return repairs.get() > 0;
  }

  public String describe() {
    HazelcastInstance running = instance;
    if (running == null || !running.getLifecycleService().isRunning()) {
      return "not running";
    }
    if (repairs.get() > 0) {
      return "reloading facts from the database after a merge or a lost partition";
    }
    return running.getCluster().getMembers().size()
        + " member(s), minimum "
        + minimumSize
        + ", local "
        + running.getCluster().getLocalMember().getAddress();
  }

  public void stop() {
    HazelcastInstance running = instance;
    instance = null;
    if (running != null) {
      running.shutdown();
    }
  }
}
