package io.stave.application.authoring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.stave.application.PolicyService;
import io.stave.infrastructure.cluster.HazelcastFactStore;
import io.stave.infrastructure.cluster.HazelcastPolicyActivations;
import io.stave.infrastructure.cluster.TestMembers;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.JdbcDecisionLog;
import io.stave.infrastructure.persistence.PolicyRepository;
import io.stave.infrastructure.persistence.TestDatabases;
import io.stave.infrastructure.persistence.TestDatabases.TestDatabase;
import io.stave.rules.engine.EvaluationLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real members on one database: a version activated through one node is compiled and run by the
 * other, which reports it; a node that missed the announcement (it joined later) catches up from
 * the database.
 */
class ClusterActivationTest {
  private final List<HazelcastInstance> members = new ArrayList<>();
  private final List<HazelcastPolicyActivations> activations = new ArrayList<>();

  @BeforeAll
  static void ports() {
    System.setProperty("stave.cluster.port", "6721");
    System.setProperty("stave.cluster.members", "127.0.0.1:6721,127.0.0.1:6722");
  }

  @AfterAll
  static void forget() {
    TestMembers.forget();
  }

  @AfterEach
  void stop() {
    activations.forEach(HazelcastPolicyActivations::stop);
    members.forEach(HazelcastInstance::shutdown);
  }

  private record Node(PolicyService policies, PolicyAuthoring authoring) {}

  private Node node(TestDatabase database, boolean first) throws Exception {
    CatalogueRepository catalogue = new CatalogueRepository(database.dataSource());
    HazelcastInstance member =
        first ? TestMembers.startAlone(catalogue) : TestMembers.startJoining(catalogue);
    members.add(member);
    PolicyRepository repository = new PolicyRepository(database.dataSource());
    PolicyService policies = new PolicyService(repository);
    policies.activateStoredPolicy();
    HazelcastPolicyActivations cluster =
        new HazelcastPolicyActivations(
            () -> member, policies, repository, Executors.defaultThreadFactory());
    cluster.listen();
    activations.add(cluster);
    return new Node(
        policies,
        new PolicyAuthoring(
            repository,
            policies,
            cluster,
            new JdbcDecisionLog(
                database.dataSource(),
                Executors.defaultThreadFactory(),
                100,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10)),
            new HazelcastFactStore(() -> member),
            EvaluationLimits.DEFAULT,
            Runnable::run,
            Duration.ofSeconds(60)));
  }

  @Test
  void aVersionActivatedOnOneNodeIsTheVersionTheOtherRunsAndReports() throws Exception {
    TestDatabase database = TestDatabases.all().get(0);
    Node a = node(database, true);
    Node b = node(database, false);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> members.get(0).getCluster().getMembers().size() == 2);

    PolicyVersionInfo draft =
        a.authoring()
            .createDraft(
                "author",
                Map.of("note.drl", "package io.stave.policy.note;\n"),
                1L,
                "a harmless addition");
    a.authoring().submit(draft.version(), "author");
    a.authoring().approve(draft.version(), "approver", draft.checksum());
    PolicyAuthoring.Activation activation = a.authoring().activate(draft.version(), "approver");

    assertTrue(activation.everyNodeRunsIt(), activation.toString());
    assertEquals(2, activation.nodes().size());
    assertEquals(2L, b.policies().runningVersion().orElseThrow(), "the other node switched");
    assertTrue(
        activation.nodes().stream()
            .allMatch(n -> "RUNNING".equals(n.state()) && n.version() == 2L));
  }
}
