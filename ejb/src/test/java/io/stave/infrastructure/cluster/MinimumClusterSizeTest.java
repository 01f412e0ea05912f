package io.stave.infrastructure.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.stave.application.DecisionService;
import io.stave.application.PolicyService;
import io.stave.application.ServiceUnavailableException;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.JdbcDecisionLog;
import io.stave.infrastructure.persistence.PolicyRepository;
import io.stave.infrastructure.persistence.TestDatabases;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.engine.EvaluationLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Split-brain protection on the decision path: a node that sees fewer members than the configured
 * minimum answers 503 instead of deciding (the minority side of a split cannot know the majority's
 * opt-outs), and decides again once the members are back.
 */
class MinimumClusterSizeTest {
  private final ClusterMember node = new ClusterMember();
  private HazelcastInstance other;

  @AfterEach
  void stop() {
    node.stop();
    if (other != null) {
      other.shutdown();
    }
    System.clearProperty("stave.cluster.minimum-size");
    TestMembers.forget();
  }

  @Test
  void belowTheMinimumClusterSizeTheNodeRefusesToDecide() throws Exception {
    DataSource dataSource = TestDatabases.all().get(0).dataSource();
    CatalogueRepository catalogue = new CatalogueRepository(dataSource);
    System.setProperty("stave.cluster.name", "minimum-" + UUID.randomUUID());
    System.setProperty("stave.cluster.port", "6741");
    System.setProperty("stave.cluster.members", "127.0.0.1:6741,127.0.0.1:6742");
    System.setProperty("hazelcast.wait.seconds.before.join", "0");
    System.setProperty("stave.cluster.minimum-size", "2");
    node.start(catalogue);
    PolicyService policies = new PolicyService(new PolicyRepository(dataSource));
    policies.activateStoredPolicy();
    DecisionService decisions =
        new DecisionService(
            policies,
            new HazelcastFactStore(node::hazelcast),
            new JdbcDecisionLog(
                dataSource,
                Executors.defaultThreadFactory(),
                100,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10)),
            node::isSafe,
            EvaluationLimits.DEFAULT);
    DecisionRequest request =
        new DecisionRequest(
            null,
            "ai-dj",
            UseType.AI_CURATION,
            Isrc.of("SEMIN2600001"),
            Territory.of("SE"),
            Instant.now(),
            Map.of());

    assertFalse(node.isSafe(), node.describe());
    assertThrows(
        ServiceUnavailableException.class,
        () -> decisions.decide(request, "client"),
        "one member of a minimum of two must not decide");

    other = TestMembers.startJoining(catalogue);
    await().atMost(Duration.ofSeconds(30)).until(node::isSafe);
    assertTrue(
        decisions.decide(request, "client").verdict() != null, "with two members it decides again");

    other.getLifecycleService().terminate();
    other = null;
    await().atMost(Duration.ofSeconds(60)).until(() -> !node.isSafe());
    assertThrows(ServiceUnavailableException.class, () -> decisions.decide(request, "client"));
  }
}
