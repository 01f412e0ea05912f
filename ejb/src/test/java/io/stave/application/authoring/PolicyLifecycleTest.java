package io.stave.application.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.stave.application.ConflictException;
import io.stave.application.PolicyService;
import io.stave.infrastructure.cluster.ClusterCatalogue;
import io.stave.infrastructure.cluster.HazelcastFactStore;
import io.stave.infrastructure.cluster.HazelcastPolicyActivations;
import io.stave.infrastructure.cluster.TestMembers;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.JdbcDecisionLog;
import io.stave.infrastructure.persistence.PolicyRepository;
import io.stave.infrastructure.persistence.TestDatabases;
import io.stave.infrastructure.persistence.TestDatabases.TestDatabase;
import io.stave.routes.feed.CatalogueChange;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.engine.EvaluationLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The policy lifecycle on a real database (H2, and PostgreSQL when given) with a real Hazelcast
 * member: a draft is written, tested, submitted, approved by someone else, activated on the node,
 * rolled back; four eyes and stale approvals are refused; impact analysis counts flips exactly.
 */
class PolicyLifecycleTest {
  private static final Isrc SONG = Isrc.of("SEXYZ2600042");
  private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");
  private static final EvaluationLimits PATIENT =
      new EvaluationLimits(1_000, Duration.ofSeconds(10));

  /** An author's rule: AI DJ may not curate while the label reviews it. */
  private static final String WITHHOLD_AI_DJ =
      """
      package io.stave.policy.custom;

      import io.stave.rules.domain.DecisionRequest;
      import io.stave.rules.domain.Denial;
      import io.stave.rules.domain.ReasonCode;
      import io.stave.rules.domain.UseType;

      rule "AI DJ may not curate while the label reviews it"
      when
          $request : DecisionRequest( feature == "ai-dj", useType == UseType.AI_CURATION )
      then
          insert( new Denial( ReasonCode.POLICY_DENIED, drools.getRule().getName(),
              "The label withholds AI DJ curation while it reviews it." ) );
      end
      """;

  private static final String WITHHOLD_SCENARIO =
      """
      {"scenarios": [{
        "name": "AI DJ curation is withheld",
        "given": {
          "recordings": [{"isrc": "SEXYZ2600042", "displayArtist": "A", "mainArtists": ["artist-a"], "label": "label-1"}],
          "deals": [{"dealId": "s", "licensor": "label-1", "recordings": ["SEXYZ2600042"], "territories": ["SE"],
                     "validFrom": "2026-01-01T00:00:00Z", "ddexUseTypes": ["Stream"]}]
        },
        "request": {"feature": "ai-dj", "useType": "AI_CURATION", "isrc": "SEXYZ2600042", "territory": "SE", "at": "2026-11-24T10:00:00Z"},
        "expect": {"decision": "%s", "reasons": [%s]}
      }]}
      """;

  private HazelcastInstance member;
  private HazelcastPolicyActivations activations;

  static List<TestDatabase> databases() throws Exception {
    return TestDatabases.all();
  }

  @BeforeAll
  static void ownPort() {
    TestMembers.useLonePort(6711);
  }

  @AfterAll
  static void forgetPort() {
    TestMembers.forget();
  }

  @AfterEach
  void stop() {
    if (activations != null) {
      activations.stop();
    }
    if (member != null) {
      member.shutdown();
    }
  }

  private record Node(
      PolicyAuthoring authoring,
      PolicyService policies,
      JdbcDecisionLog log,
      HazelcastFactStore facts) {
    Decision decide(String feature) {
      return policies
          .active()
          .evaluate(
              new DecisionRequest(
                  null, feature, UseType.AI_CURATION, SONG, Territory.of("SE"), AT, Map.of()),
              facts,
              PATIENT);
    }
  }

  /** A node with the shipped baseline active and a recording under a streaming deal in Sweden. */
  private Node start(TestDatabase database) throws Exception {
    CatalogueRepository catalogue = new CatalogueRepository(database.dataSource());
    member = TestMembers.startAlone(catalogue);
    new ClusterCatalogue(catalogue, () -> member)
        .apply(
            CatalogueChange.of(
                List.of(new Recording(SONG, "Song", "A", List.of("artist-a"), "label-1", null)),
                List.of(
                    new Deal(
                        "stream-se",
                        "label-1",
                        Set.of(SONG),
                        Set.of(Territory.of("SE")),
                        Set.of(),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        null,
                        Set.of(),
                        Set.of("Stream"),
                        null,
                        null))));
    PolicyRepository repository = new PolicyRepository(database.dataSource());
    PolicyService policies = new PolicyService(repository);
    policies.activateStoredPolicy();
    activations =
        new HazelcastPolicyActivations(
            () -> member, policies, repository, Executors.defaultThreadFactory());
    activations.listen();
    JdbcDecisionLog log =
        new JdbcDecisionLog(
            database.dataSource(),
            Executors.defaultThreadFactory(),
            1_000,
            Duration.ofSeconds(2),
            Duration.ofSeconds(10));
    HazelcastFactStore facts = new HazelcastFactStore(() -> member);
    PolicyAuthoring authoring =
        new PolicyAuthoring(
            repository,
            policies,
            activations,
            log,
            facts,
            PATIENT,
            Runnable::run,
            Duration.ofSeconds(30),
            null); // no revenue ledger: impact replays decisions only
    return new Node(authoring, policies, log, facts);
  }

  private static Map<String, String> withholding(String expectedDecision, String expectedReasons) {
    return Map.of(
        "withhold-ai-dj.drl",
        WITHHOLD_AI_DJ,
        "withhold-ai-dj.scenarios.json",
        WITHHOLD_SCENARIO.formatted(expectedDecision, expectedReasons));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aDraftApprovedBySomeoneElseIsActivatedOnTheNodeAndARollbackRestoresTheEarlierDecisions(
      TestDatabase database) throws Exception {
    Node node = start(database);
    assertEquals(
        "PERMIT",
        node.decide("ai-dj").verdict().name(),
        "the shipped baseline licenses the curation");

    PolicyVersionInfo draft =
        node.authoring()
            .createDraft(
                "author", withholding("DENY", "\"POLICY_DENIED\""), 1L, "withhold AI DJ curation");
    assertEquals(2, draft.version());
    assertEquals("DRAFT", draft.stage());
    assertEquals(0, node.authoring().test(2, "author").failed());
    assertEquals("SUBMITTED", node.authoring().submit(2, "author").stage());

    var own =
        assertThrows(
            ConflictException.class, () -> node.authoring().approve(2, "author", draft.checksum()));
    assertTrue(own.getMessage().startsWith("four eyes"), own.getMessage());
    assertEquals("APPROVED", node.authoring().approve(2, "approver", draft.checksum()).stage());

    var activation = node.authoring().activate(2, "approver");
    assertTrue(activation.everyNodeRunsIt(), activation.toString());
    assertEquals(2, node.policies().active().version());
    Decision withheld = node.decide("ai-dj");
    assertEquals("DENY", withheld.verdict().name());
    assertEquals(2, withheld.policyVersion());
    assertEquals(
        "PERMIT", node.decide("ai-playlist").verdict().name(), "other features are untouched");

    var rollback = node.authoring().rollback(1, "approver");
    assertEquals(3, rollback.version());
    assertTrue(rollback.everyNodeRunsIt());
    assertEquals(
        "PERMIT",
        node.decide("ai-dj").verdict().name(),
        "the rollback restores the earlier decisions");
    List<String> statuses =
        node.authoring().list().stream().map(v -> v.version() + ":" + v.status()).toList();
    assertEquals(List.of("3:ACTIVE", "2:RETIRED", "1:RETIRED"), statuses, "history only grows");
    assertEquals(node.authoring().sources(1).checksum(), node.authoring().info(3).checksum());

    List<String> trail =
        node.authoring().audit(null, 100).stream()
            .map(e -> e.version() + " " + e.action() + " " + e.actor())
            .toList();
    for (String step :
        List.of(
            "2 CREATE author",
            "2 TEST author",
            "2 SUBMIT author",
            "2 APPROVE approver",
            "2 ACTIVATE approver",
            "3 ROLLBACK approver",
            "3 ACTIVATE approver")) {
      assertTrue(trail.contains(step), () -> step + " missing from " + trail);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anApprovalNamesTheChecksumItWasGivenFor(TestDatabase database) throws Exception {
    Node node = start(database);
    PolicyVersionInfo draft =
        node.authoring().createDraft("author", withholding("DENY", "\"POLICY_DENIED\""), 1L, null);
    node.authoring().submit(draft.version(), "author");

    for (String missing : java.util.Arrays.asList(null, " ")) {
      var refused =
          assertThrows(
              io.stave.rules.domain.InvalidValueException.class,
              () -> node.authoring().approve(draft.version(), "approver", missing));
      assertEquals("checksum", refused.field(), refused.getMessage());
    }
    assertEquals("SUBMITTED", node.authoring().info(draft.version()).stage());
    assertEquals(
        "APPROVED",
        node.authoring().approve(draft.version(), "approver", draft.checksum()).stage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anApprovalGoesStaleWhenTheDraftChangesAndWhoeverChangedItMayNotApprove(TestDatabase database)
      throws Exception {
    Node node = start(database);
    PolicyVersionInfo draft =
        node.authoring().createDraft("author", withholding("DENY", "\"POLICY_DENIED\""), 1L, null);
    node.authoring().submit(draft.version(), "author");
    node.authoring().approve(draft.version(), "approver", draft.checksum());

    PolicyVersionInfo changed =
        node.authoring()
            .updateDraft(
                draft.version(),
                "approver",
                Map.of(
                    "withhold-ai-dj.drl",
                    WITHHOLD_AI_DJ.replace("while it reviews it", "until further notice")));

    assertEquals("APPROVAL_STALE", changed.stage());
    var stale =
        assertThrows(
            ConflictException.class, () -> node.authoring().activate(draft.version(), "approver"));
    assertTrue(stale.getMessage().contains("stale"), stale.getMessage());
    var unsubmitted =
        assertThrows(
            ConflictException.class,
            () -> node.authoring().approve(draft.version(), "second-approver", changed.checksum()));
    assertTrue(
        unsubmitted.getMessage().contains("APPROVAL_STALE")
            && unsubmitted.getMessage().contains("submit it again"),
        unsubmitted.getMessage());
    node.authoring().submit(draft.version(), "author");
    var editor =
        assertThrows(
            ConflictException.class,
            () -> node.authoring().approve(draft.version(), "approver", changed.checksum()));
    assertTrue(editor.getMessage().contains("wrote or changed"), editor.getMessage());
    var outdated =
        assertThrows(
            ConflictException.class,
            () -> node.authoring().approve(draft.version(), "second-approver", draft.checksum()));
    assertTrue(
        outdated.getMessage().contains("changed since it was reviewed"), outdated.getMessage());
    assertEquals(1, node.policies().active().version(), "nothing was activated");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aFailingScenarioIsReportedAndKeepsTheDraftFromBeingSubmitted(TestDatabase database)
      throws Exception {
    Node node = start(database);
    PolicyVersionInfo draft =
        node.authoring().createDraft("author", withholding("PERMIT", "\"LICENSED\""), 1L, null);

    PolicyScenarios.Report report = node.authoring().test(draft.version(), "author");

    assertEquals(1, report.failed(), report.toString());
    var failed = report.scenarios().stream().filter(s -> !s.passed()).findFirst().orElseThrow();
    assertEquals("AI DJ curation is withheld", failed.name());
    assertTrue(failed.actual().startsWith("DENY [POLICY_DENIED]"), failed.actual());
    assertTrue(
        failed.firedRules().contains("AI DJ may not curate while the label reviews it"),
        failed.firedRules().toString());
    assertTrue(report.rules() > report.rulesFired(), "coverage counts the rules no scenario fired");
    assertEquals(
        report.scenarios().size() - 1, report.passed(), "the baseline's own scenarios pass");
    assertThrows(ConflictException.class, () -> node.authoring().submit(draft.version(), "author"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void validationLocatesCompileErrorsAndGuardRefusals(TestDatabase database) throws Exception {
    Node node = start(database);
    PolicyVersionInfo broken =
        node.authoring()
            .createDraft(
                "author",
                Map.of(
                    "broken.drl",
                    WITHHOLD_AI_DJ.replace("feature == \"ai-dj\"", "featur == \"ai-dj\"")),
                null,
                null);
    PolicyAuthoring.Validation validation = node.authoring().validate(broken.version(), "author");
    assertFalse(validation.compiles());
    assertEquals("broken.drl", validation.problems().get(0).file());
    assertEquals(10, validation.problems().get(0).line(), validation.problems().toString());

    PolicyVersionInfo reaching =
        node.authoring()
            .createDraft(
                "author",
                Map.of("reach.drl", WITHHOLD_AI_DJ.replace("insert(", "System.getenv(); insert(")),
                null,
                null);
    var guarded = node.authoring().validate(reaching.version(), "author");
    assertTrue(
        guarded.problems().stream().anyMatch(p -> p.kind().startsWith("System") && p.line() == 12),
        guarded.problems().toString());
    assertThrows(
        InvalidValueException.class,
        () -> node.authoring().submit(reaching.version(), "author"),
        "a version that does not compile cannot be submitted");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void impactAnalysisCountsExactlyTheDecisionsTheDraftWouldFlip(TestDatabase database)
      throws Exception {
    Node node = start(database);
    List<Decision> logged = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      logged.add(node.decide("ai-dj"));
    }
    for (int i = 0; i < 5; i++) {
      logged.add(node.decide("ai-playlist"));
    }
    for (int i = 0; i < 3; i++) {
      logged.add(
          node.policies()
              .active()
              .evaluate(
                  new DecisionRequest(
                      null,
                      "ai-dj",
                      UseType.AI_CURATION,
                      Isrc.of("SEXYZ2699999"),
                      Territory.of("SE"),
                      AT,
                      Map.of()),
                  node.facts(),
                  PATIENT));
    }
    node.log().record(logged, "client");
    PolicyVersionInfo draft =
        node.authoring().createDraft("author", withholding("DENY", "\"POLICY_DENIED\""), 1L, null);

    ImpactAnalysis.Report report =
        node.authoring()
            .startImpact(draft.version(), new ImpactAnalysis.Window(null, null, 1_000), "author");
    report = node.authoring().impact(report.jobId());

    assertEquals("DONE", report.state(), String.valueOf(report.error()));
    assertEquals(15, report.replayed());
    assertEquals(
        Map.of("PERMIT_TO_DENY", 7, "REASONS_CHANGED", 3),
        report.flips(),
        "the seven AI DJ curation permits flip; the three AI DJ denials of an unknown recording gain a reason;"
            + " AI Playlist is untouched");
    assertEquals(
        Map.of("ai-dj", Map.of("PERMIT_TO_DENY", 7, "REASONS_CHANGED", 3)), report.byFeature());
    assertEquals(
        Map.of("AI_CURATION", Map.of("PERMIT_TO_DENY", 7, "REASONS_CHANGED", 3)),
        report.byUseType());
    assertEquals(10, report.sample().size());
    assertTrue(report.draftLatency().p50Micros() > 0 && report.activeLatency().p50Micros() > 0);
  }
}
