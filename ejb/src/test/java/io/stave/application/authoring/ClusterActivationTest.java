package io.stave.application.authoring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.stave.application.ConflictException;
import io.stave.application.PolicyService;
import io.stave.application.PolicyStore;
import io.stave.application.ServiceUnavailableException;
import io.stave.infrastructure.cluster.HazelcastFactStore;
import io.stave.infrastructure.cluster.HazelcastPolicyActivations;
import io.stave.infrastructure.cluster.TestMembers;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.JdbcDecisionLog;
import io.stave.infrastructure.persistence.PolicyRepository;
import io.stave.infrastructure.persistence.TestDatabases;
import io.stave.infrastructure.persistence.TestDatabases.TestDatabase;
import io.stave.rules.engine.EvaluationLimits;
import io.stave.rules.engine.PolicySource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real members on one database: a version activated through one node is compiled and run by the
 * other, which reports it. Activation is two steps: every node compiles the version beside the one
 * it runs, and only then does the database switch and every node swap; a node that cannot compile
 * it stops the activation, and a node that missed it (it joined later) answers no decision until it
 * has compiled the active version.
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

  private record Node(
      PolicyService policies, PolicyAuthoring authoring, HazelcastPolicyActivations cluster) {}

  /**
   * The policy store of a node whose reads of one version can be held back (a slow disk, a long
   * compilation) or made to fail (a node that cannot read it): the real repository otherwise.
   */
  private static final class HeldBackStore implements PolicyStore {
    private final PolicyRepository repository;
    private final long version;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean failing;

    HeldBackStore(PolicyRepository repository, long version) {
      this.repository = repository;
      this.version = version;
    }

    @Override
    public Optional<PolicySource> findActive() throws SQLException {
      return repository.findActive();
    }

    @Override
    public Optional<PolicySource> find(long wanted) throws SQLException {
      if (wanted == version) {
        if (failing) {
          throw new SQLException("this node cannot read policy version " + wanted);
        }
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted", e);
        }
      }
      return repository.find(wanted);
    }

    @Override
    public boolean installShippedBaseline() throws SQLException {
      return repository.installShippedBaseline();
    }
  }

  private Node node(TestDatabase database, boolean first) throws Exception {
    return node(database, first, null, Duration.ofSeconds(60), true);
  }

  private Node node(
      TestDatabase database,
      boolean first,
      HeldBackStore heldBack,
      Duration activationWait,
      boolean listening)
      throws Exception {
    CatalogueRepository catalogue = new CatalogueRepository(database.dataSource());
    HazelcastInstance member =
        first ? TestMembers.startAlone(catalogue) : TestMembers.startJoining(catalogue);
    members.add(member);
    PolicyRepository repository = new PolicyRepository(database.dataSource());
    PolicyStore store = heldBack == null ? repository : heldBack;
    PolicyService policies = new PolicyService(store);
    policies.activateStoredPolicy();
    HazelcastPolicyActivations cluster =
        new HazelcastPolicyActivations(
            () -> member, policies, store, Executors.defaultThreadFactory());
    if (listening) {
      cluster.listen();
    }
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
            activationWait,
            null), // no revenue ledger: impact replays decisions only
        cluster);
  }

  private static PolicyVersionInfo approvedDraft(Node node) {
    PolicyVersionInfo draft =
        node.authoring()
            .createDraft(
                "author",
                Map.of("note.drl", "package io.stave.policy.note;\n"),
                1L,
                "a harmless addition");
    node.authoring().submit(draft.version(), "author");
    node.authoring().approve(draft.version(), "approver", draft.checksum());
    return draft;
  }

  private void awaitTwoMembers() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> members.get(0).getCluster().getMembers().size() == 2);
  }

  private static long activeInDatabase(TestDatabase database) throws SQLException {
    return new PolicyRepository(database.dataSource()).findActive().orElseThrow().version();
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

  @Test
  void noNodeSwitchesBeforeEveryNodeHasCompiledTheVersion() throws Exception {
    TestDatabase database = TestDatabases.all().get(0);
    Node a = node(database, true);
    HeldBackStore slow = new HeldBackStore(new PolicyRepository(database.dataSource()), 2);
    Node b = node(database, false, slow, Duration.ofSeconds(60), true);
    awaitTwoMembers();
    PolicyVersionInfo draft = approvedDraft(a);

    CompletableFuture<PolicyAuthoring.Activation> activation =
        CompletableFuture.supplyAsync(() -> a.authoring().activate(draft.version(), "approver"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> a.policies().preparedVersion().equals(Optional.of(2L)));

    // A has compiled version 2 and holds it ready; B is still compiling: nobody has switched, the
    // database still names version 1, and both nodes keep deciding with it.
    assertEquals(1L, activeInDatabase(database));
    assertEquals(1L, a.policies().active().version());
    assertEquals(1L, b.policies().active().version());
    assertFalse(activation.isDone());

    slow.release.countDown();
    PolicyAuthoring.Activation done = activation.get(60, TimeUnit.SECONDS);
    assertTrue(done.everyNodeRunsIt(), done.toString());
    assertEquals(2L, activeInDatabase(database));
    assertEquals(2L, a.policies().active().version());
    assertEquals(2L, b.policies().active().version());
    assertEquals(Optional.empty(), a.policies().preparedVersion(), "the prepared one was used");
  }

  @Test
  void aNodeThatCannotCompileTheVersionStopsTheActivationAndNothingChanges() throws Exception {
    TestDatabase database = TestDatabases.all().get(0);
    Node a = node(database, true);
    HeldBackStore broken = new HeldBackStore(new PolicyRepository(database.dataSource()), 2);
    broken.failing = true;
    Node b = node(database, false, broken, Duration.ofSeconds(60), true);
    awaitTwoMembers();
    PolicyVersionInfo draft = approvedDraft(a);

    ConflictException refused =
        assertThrows(
            ConflictException.class, () -> a.authoring().activate(draft.version(), "approver"));

    assertTrue(refused.getMessage().contains("cannot read policy version 2"), refused.getMessage());
    assertEquals(1L, activeInDatabase(database));
    assertEquals(1L, a.policies().active().version());
    assertEquals(1L, b.policies().active().version());
    assertEquals("DRAFT", a.authoring().info(draft.version()).status());
  }

  @Test
  void anActivationThatOutlastsItsWaitChangesNothing() throws Exception {
    TestDatabase database = TestDatabases.all().get(0);
    Node a = node(database, true, null, Duration.ofSeconds(2), true);
    HeldBackStore slow = new HeldBackStore(new PolicyRepository(database.dataSource()), 2);
    Node b = node(database, false, slow, Duration.ofSeconds(2), true);
    awaitTwoMembers();
    PolicyVersionInfo draft = approvedDraft(a);

    ServiceUnavailableException late =
        assertThrows(
            ServiceUnavailableException.class,
            () -> a.authoring().activate(draft.version(), "approver"));

    assertTrue(late.getMessage().contains("within 2 s"), late.getMessage());
    assertEquals(1L, activeInDatabase(database));
    assertEquals(1L, a.policies().active().version());
    assertEquals(1L, b.policies().active().version());
    slow.release.countDown();
  }

  @Test
  void aNodeThatMissedAnActivationAnswersNoDecisionUntilItRunsTheActiveVersion() throws Exception {
    TestDatabase database = TestDatabases.all().get(0);
    Node a = node(database, true);
    HeldBackStore slow = new HeldBackStore(new PolicyRepository(database.dataSource()), 2);
    Node late = node(database, false, slow, Duration.ofSeconds(60), false);
    awaitTwoMembers();
    PolicyVersionInfo draft = approvedDraft(a);
    // The late node has not subscribed (it is still starting): the activation goes ahead without
    // it.
    PolicyAuthoring.Activation activation = a.authoring().activate(draft.version(), "approver");
    assertFalse(activation.everyNodeRunsIt(), "the late node has not said what it runs");
    assertEquals(2, activation.nodes().size());
    assertEquals(1L, late.policies().active().version());

    late.cluster().listen();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> late.policies().switchingTo().equals(Optional.of(2L)));
    ServiceUnavailableException refused =
        assertThrows(ServiceUnavailableException.class, () -> late.policies().active());
    assertTrue(
        refused.getMessage().contains("switching to policy version 2"), refused.getMessage());
    assertFalse(late.policies().hasActive(), "readiness says the node is not ready");

    slow.release.countDown();
    await().atMost(Duration.ofSeconds(30)).until(() -> late.policies().hasActive());
    assertEquals(2L, late.policies().active().version());
    assertTrue(late.cluster().describeLocal().startsWith("running version 2"));
  }
}
