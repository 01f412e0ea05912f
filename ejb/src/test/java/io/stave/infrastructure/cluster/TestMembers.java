package io.stave.infrastructure.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.stave.infrastructure.persistence.CatalogueRepository;
import java.util.UUID;

/** Real Hazelcast members for tests: each in a cluster of its own, on a port of the test's own. */
public final class TestMembers {
  private TestMembers() {}

  /** Before a test class: members join by TCP on this port and need not wait for others. */
  public static void useLonePort(int port) {
    System.setProperty("stave.cluster.port", String.valueOf(port));
    System.setProperty("stave.cluster.members", "127.0.0.1:" + port);
    System.setProperty("hazelcast.wait.seconds.before.join", "0");
  }

  public static void forget() {
    System.clearProperty("stave.cluster.port");
    System.clearProperty("stave.cluster.members");
    System.clearProperty("stave.cluster.name");
    System.clearProperty("hazelcast.wait.seconds.before.join");
  }

  /** A member of a new cluster, its maps loaded as the server's startup bean loads them. */
  public static HazelcastInstance startAlone(CatalogueRepository repository) {
    System.setProperty("stave.cluster.name", "test-" + UUID.randomUUID());
    return startJoining(repository);
  }

  /** A member of the cluster the last {@link #startAlone} made (a restart of a node). */
  public static HazelcastInstance startJoining(CatalogueRepository repository) {
    var config = ClusterConfiguration.load(TestMembers.class.getClassLoader(), repository);
    // The server names its one member after the cluster; two members in one test JVM need two
    // names.
    config.setInstanceName(config.getInstanceName() + "-" + UUID.randomUUID());
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    new HazelcastFactStore(() -> member).warmUp();
    return member;
  }
}
