package io.stave.infrastructure.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.stave.infrastructure.persistence.TestDatabases;
import io.stave.infrastructure.persistence.TestDatabases.TestDatabase;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.EvaluationLimits;
import io.stave.rules.engine.PolicyCompiler;
import io.stave.rules.engine.PolicySource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * For tests of catalogue facts on their way into the cluster: each test runs against every test
 * database (H2, and PostgreSQL when given) with one real Hazelcast member of its own, and decides
 * with the shipped baseline from that member's maps.
 */
public abstract class OneMemberTestBase {
  protected static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  /**
   * These tests are about where facts come from, not about speed: a cold JVM must not trip them.
   */
  private static final EvaluationLimits PATIENT =
      new EvaluationLimits(1_000, Duration.ofSeconds(10));

  private static CompiledPolicy baseline;
  protected HazelcastInstance member;

  protected static List<TestDatabase> databases() throws Exception {
    return TestDatabases.all();
  }

  @BeforeAll
  static void compileBaseline() throws Exception {
    baseline = PolicyCompiler.compile(PolicySource.baseline(1));
    TestMembers.useLonePort(6701);
  }

  @AfterAll
  static void release() {
    baseline.close();
    TestMembers.forget();
  }

  @AfterEach
  void stopMember() {
    if (member != null) {
      member.shutdown();
    }
  }

  protected Decision decision(UseType use, Isrc isrc, String territory) {
    return decision(new HazelcastFactStore(() -> member), use, isrc, territory);
  }

  protected static Decision decision(
      HazelcastFactStore facts, UseType use, Isrc isrc, String territory) {
    return decision(facts, use, isrc, territory, NOW);
  }

  protected static Decision decision(
      HazelcastFactStore facts, UseType use, Isrc isrc, String territory, Instant at) {
    return baseline.evaluate(
        new DecisionRequest(null, "test", use, isrc, Territory.of(territory), at, Map.of()),
        facts,
        PATIENT);
  }

  /** The verdict and the first reason's code, e.g. "DENY NOT_LICENSED". */
  protected String decide(UseType use, Isrc isrc, String territory) {
    Decision decision = decision(use, isrc, territory);
    return decision.verdict() + " " + decision.reasons().get(0).code();
  }
}
