package io.stave.infrastructure.startup;

import io.stave.application.Catalogue;
import io.stave.application.DecisionLog;
import io.stave.application.DecisionService;
import io.stave.application.PolicyService;
import io.stave.application.Recordings;
import io.stave.application.ServiceUnavailableException;
import io.stave.application.authoring.PolicyAuthoring;
import io.stave.application.revenue.RevenueService;
import io.stave.application.revenue.UsageService;
import io.stave.infrastructure.cluster.ClusterCatalogue;
import io.stave.infrastructure.cluster.ClusterMember;
import io.stave.infrastructure.cluster.HazelcastFactStore;
import io.stave.infrastructure.cluster.HazelcastPolicyActivations;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.Database;
import io.stave.infrastructure.persistence.JdbcDecisionLog;
import io.stave.infrastructure.persistence.JdbcFeedLedger;
import io.stave.infrastructure.persistence.JdbcRevenueLedger;
import io.stave.infrastructure.persistence.PolicyRepository;
import io.stave.rules.domain.Isrc;
import io.stave.rules.engine.EvaluationLimits;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Builds the application services from the server's resources. The services themselves are plain
 * Java (and tested so); this is the only place that knows they run in WildFly.
 */
@ApplicationScoped
public class ServerWiring {
  @Inject Database database;
  @Inject ClusterMember cluster;

  @Resource(lookup = "java:jboss/ee/concurrency/factory/default")
  ManagedThreadFactory threads;

  @Produces
  @Singleton
  PolicyService policyService() {
    return new PolicyService(new PolicyRepository(database.dataSource()));
  }

  void closePolicies(@Disposes PolicyService policies) {
    policies.close();
  }

  @Produces
  @Singleton
  DecisionLog decisionLog() {
    return new JdbcDecisionLog(
        database.dataSource(),
        threads,
        Integer.getInteger("stave.decision-log.queue", 10_000),
        Duration.ofMillis(Long.getLong("stave.decision-log.enqueue-timeout-ms", 2_000)),
        Duration.ofMillis(Long.getLong("stave.decision-log.commit-timeout-ms", 10_000)));
  }

  void closeDecisionLog(@Disposes DecisionLog log) {
    ((JdbcDecisionLog) log).close();
  }

  @Produces
  @Singleton
  Catalogue catalogue() {
    return clusterCatalogue();
  }

  /** The feed ledger: what the routes file messages in, and what the API lists. */
  @Produces
  @Singleton
  JdbcFeedLedger feedLedger() {
    return new JdbcFeedLedger(database.dataSource(), clusterCatalogue());
  }

  @Produces
  @Singleton
  Recordings recordings() {
    CatalogueRepository catalogue = new CatalogueRepository(database.dataSource());
    return isrc -> {
      Isrc code = Isrc.of(isrc);
      try {
        return catalogue.details(code);
      } catch (SQLException e) {
        throw new ServiceUnavailableException("the catalogue cannot be read: " + e.getMessage(), e);
      }
    };
  }

  private ClusterCatalogue clusterCatalogue() {
    return new ClusterCatalogue(new CatalogueRepository(database.dataSource()), cluster::hazelcast);
  }

  @Produces
  @Singleton
  DecisionService decisionService(PolicyService policies, DecisionLog log) {
    return new DecisionService(
        policies, new HazelcastFactStore(cluster::hazelcast), log, cluster::isSafe, limits());
  }

  private static EvaluationLimits limits() {
    return new EvaluationLimits(
        Integer.getInteger("stave.decision.fire-limit", EvaluationLimits.DEFAULT.fireLimit()),
        Duration.ofMillis(
            Long.getLong(
                "stave.decision.deadline-ms", EvaluationLimits.DEFAULT.deadline().toMillis())));
  }

  /** Usage reported against logged decisions (issue 13). */
  @Produces
  @Singleton
  UsageService usageService(DecisionLog log) {
    return new UsageService(
        log,
        new JdbcRevenueLedger(database.dataSource()),
        Duration.ofHours(Long.getLong("stave.usage.decision-validity-hours", 24)));
  }

  /** Period close and statements, with the active policy's revenue rules (issue 13). */
  @Produces
  @Singleton
  RevenueService revenueService(PolicyService policies) {
    return new RevenueService(new JdbcRevenueLedger(database.dataSource()), policies);
  }

  /** How activations reach every node of the cluster; the startup bean subscribes this node. */
  @Produces
  @Singleton
  HazelcastPolicyActivations policyActivations(PolicyService policies) {
    return new HazelcastPolicyActivations(
        cluster::hazelcast, policies, new PolicyRepository(database.dataSource()), threads);
  }

  void stopPolicyActivations(@Disposes HazelcastPolicyActivations activations) {
    activations.stop();
  }

  /** Impact analyses run one at a time, off the request threads. */
  private ExecutorService impactAnalyses;

  @Produces
  @Singleton
  PolicyAuthoring policyAuthoring(
      PolicyService policies, HazelcastPolicyActivations activations, DecisionLog log) {
    impactAnalyses =
        new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4), threads);
    return new PolicyAuthoring(
        new PolicyRepository(database.dataSource()),
        policies,
        activations,
        log,
        new HazelcastFactStore(cluster::hazelcast),
        limits(),
        impactAnalyses,
        Duration.ofSeconds(Long.getLong("stave.policy.activation-wait-seconds", 120)));
  }

  void stopPolicyAuthoring(@Disposes PolicyAuthoring authoring) {
    if (impactAnalyses != null) {
      impactAnalyses.shutdownNow();
    }
  }
}
