package io.stave.infrastructure.startup;

import io.stave.application.ApplyFeedMessages;
import io.stave.application.Catalogue;
import io.stave.application.DecisionLog;
import io.stave.application.DecisionService;
import io.stave.application.FeedMessageStore;
import io.stave.application.Metrics;
import io.stave.application.PolicyService;
import io.stave.application.Recordings;
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
import io.stave.infrastructure.persistence.JdbcRecordings;
import io.stave.infrastructure.persistence.JdbcRevenueLedger;
import io.stave.infrastructure.persistence.PolicyRepository;
import io.stave.routes.feed.FeedLedger;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Builds the application services from the server's resources, one instance of each, with the
 * settings read once ({@link StaveSettings}). The services themselves are plain Java (and tested
 * so); this is the only place that knows they run in WildFly.
 */
@ApplicationScoped
public class ServerWiring {
  @Inject Database database;
  @Inject ClusterMember cluster;

  @Resource(lookup = "java:jboss/ee/concurrency/factory/default")
  ManagedThreadFactory threads;

  @Inject Metrics metrics;

  /** Impact analyses run one at a time, off the request threads. */
  private ExecutorService impactAnalyses;

  @Produces
  @Singleton
  StaveSettings settings() {
    return StaveSettings.from(System.getProperties());
  }

  @Produces
  @Singleton
  CatalogueRepository catalogueTables() {
    return new CatalogueRepository(database.dataSource());
  }

  @Produces
  @Singleton
  PolicyRepository policyTables() {
    return new PolicyRepository(database.dataSource());
  }

  /** The facts in the cluster's maps, as decisions and impact analyses read them. */
  @Produces
  @Singleton
  HazelcastFactStore facts() {
    return new HazelcastFactStore(cluster::hazelcast);
  }

  @Produces
  @Singleton
  PolicyService policyService(PolicyRepository policies) {
    metrics.watchClusterMembers(cluster::memberCount);
    return new PolicyService(policies, metrics);
  }

  void closePolicies(@Disposes PolicyService policies) {
    policies.close();
  }

  @Produces
  @Singleton
  JdbcDecisionLog decisionLog(StaveSettings settings) {
    return new JdbcDecisionLog(
        database.dataSource(),
        threads,
        settings.decisionLogWriters(),
        settings.decisionLogQueue(),
        settings.decisionLogEnqueueTimeout(),
        settings.decisionLogCommitTimeout(),
        metrics);
  }

  void closeDecisionLog(@Disposes JdbcDecisionLog log) {
    log.close();
  }

  @Produces
  @Singleton
  Catalogue catalogue(CatalogueRepository tables, StaveSettings settings) {
    return new ClusterCatalogue(
        tables, cluster::hazelcast, settings.feedGroupCommit(Database.isPostgreSql()));
  }

  /** The stored feed messages and their status, as the API lists them. */
  @Produces
  @Singleton
  FeedMessageStore feedMessages() {
    return new JdbcFeedLedger(database.dataSource());
  }

  /** The feed ledger the routes file messages in: stored, then applied to the catalogue. */
  @Produces
  @Singleton
  FeedLedger feedLedger(FeedMessageStore messages, Catalogue catalogue) {
    return new ApplyFeedMessages(messages, catalogue, metrics);
  }

  @Produces
  @Singleton
  Recordings recordings(CatalogueRepository tables) {
    return new JdbcRecordings(tables);
  }

  @Produces
  @Singleton
  DecisionService decisionService(
      PolicyService policies, DecisionLog log, HazelcastFactStore facts, StaveSettings settings) {
    return new DecisionService(
        policies, facts, log, cluster::isSafe, settings.evaluationLimits(), metrics);
  }

  /** Usage reported against logged decisions (issue 13). */
  @Produces
  @Singleton
  UsageService usageService(DecisionLog log, JdbcRevenueLedger ledger, StaveSettings settings) {
    return new UsageService(log, ledger, settings.usageDecisionValidity());
  }

  /** Period close and statements, with the active policy's revenue rules (issue 13). */
  @Produces
  @Singleton
  RevenueService revenueService(JdbcRevenueLedger ledger, PolicyService policies) {
    return new RevenueService(ledger, policies);
  }

  /** The usage receipts, periods and statements both revenue services keep. */
  @Produces
  @Singleton
  JdbcRevenueLedger revenueLedger() {
    return new JdbcRevenueLedger(database.dataSource());
  }

  /** How activations reach every node of the cluster; the startup bean subscribes this node. */
  @Produces
  @Singleton
  HazelcastPolicyActivations policyActivations(
      PolicyService policies, PolicyRepository repository) {
    return new HazelcastPolicyActivations(cluster::hazelcast, policies, repository, threads);
  }

  void stopPolicyActivations(@Disposes HazelcastPolicyActivations activations) {
    activations.stop();
  }

  @Produces
  @Singleton
  PolicyAuthoring policyAuthoring(
      PolicyRepository repository,
      PolicyService policies,
      HazelcastPolicyActivations activations,
      DecisionLog log,
      HazelcastFactStore facts,
      StaveSettings settings,
      JdbcRevenueLedger revenueLedger) {
    impactAnalyses =
        new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4), threads);
    return new PolicyAuthoring(
        repository,
        policies,
        activations,
        log,
        facts,
        settings.evaluationLimits(),
        impactAnalyses,
        settings.activationWait(),
        revenueLedger);
  }

  void stopPolicyAuthoring(@Disposes PolicyAuthoring authoring) {
    if (impactAnalyses != null) {
      impactAnalyses.shutdownNow();
    }
  }
}
