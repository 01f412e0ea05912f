package io.stave.infrastructure.startup;

import io.stave.application.PolicyService;
import io.stave.infrastructure.cluster.ClusterMember;
import io.stave.infrastructure.cluster.HazelcastFactStore;
import io.stave.infrastructure.cluster.HazelcastPolicyActivations;
import io.stave.infrastructure.feeds.CamelRuntime;
import io.stave.infrastructure.persistence.CatalogueRepository;
import io.stave.infrastructure.persistence.Database;
import io.stave.infrastructure.persistence.DurableCommits;
import io.stave.infrastructure.persistence.Migrations;
import io.stave.readiness.NodeReadiness;
import io.stave.readiness.StartupException;
import io.stave.rules.engine.PolicyCompilationException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Brings the node up in order: database schema, Hazelcast member, active policy, CamelContext. A
 * step that fails is logged as one line saying what and where, recorded for the health endpoint
 * (which then answers 503), and the steps after it are not attempted. It also answers the readiness
 * checks of {@code /health/ready}.
 */
@Singleton(name = NodeReadiness.BEAN_NAME)
@Startup
@LocalBean
@Local(NodeReadiness.class)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StaveStartup implements NodeReadiness {
  private static final Logger LOG = Logger.getLogger(StaveStartup.class.getName());

  @Inject Database database;
  @Inject ClusterMember cluster;
  @Inject CamelRuntime camel;
  @Inject PolicyService policies;
  @Inject HazelcastPolicyActivations activations;
  @Inject StaveSettings settings;
  @Inject CatalogueRepository catalogue;
  @Inject HazelcastFactStore facts;
  private final Map<String, String> startupFailures = new ConcurrentHashMap<>();

  @PostConstruct
  void start() {
    try {
      if (!settings.problems().isEmpty()) {
        throw new StartupException(
            "startup", "configuration: " + String.join("; ", settings.problems()));
      }
      migrateDatabase();
      cluster.start(catalogue);
      if (cluster.isSafe()) {
        // Below the minimum cluster size the maps refuse every operation; they load once it is met.
        facts.warmUp();
      }
      activatePolicy();
      activations.listen();
      camel.start(
          settings.feedInbox(),
          settings.feedPollMillis(),
          settings.feedMaxMessageBytes(),
          settings.feedLanes(Database.isPostgreSql()));
      LOG.info(
          "Stave node started: database "
              + Database.location()
              + "; cluster "
              + cluster.describe()
              + "; policy version "
              + policies.runningVersion().orElse(null));
    } catch (StartupException e) {
      startupFailures.put(e.check(), e.getMessage());
      LOG.severe("STAVE CANNOT START [" + e.check() + "]: " + e.getMessage());
    } catch (RuntimeException e) {
      // Anything unforeseen is still one line in the log; the cause goes to the debug log.
      startupFailures.put("startup", rootMessage(e));
      LOG.severe("STAVE CANNOT START [startup]: " + rootMessage(e));
      LOG.log(java.util.logging.Level.FINE, "start-up failure", e);
    }
  }

  private void migrateDatabase() {
    try {
      int applied = Migrations.migrate(database.dataSource());
      String commits = DurableCommits.ensure(database.dataSource());
      LOG.info(
          () ->
              "Database "
                  + Database.location()
                  + " is at the current schema ("
                  + applied
                  + " migration(s) applied now); "
                  + commits);
    } catch (SQLException | RuntimeException e) {
      throw new StartupException(
          "database",
          "the database at "
              + Database.location()
              + " cannot be used: "
              + rootMessage(e)
              + " (check STAVE_DB_URL, STAVE_DB_USER, STAVE_DB_PASSWORD)",
          e);
    }
  }

  private void activatePolicy() {
    try {
      policies.activateStoredPolicy();
    } catch (SQLException e) {
      throw new StartupException(
          "policy",
          "policy versions cannot be read from " + Database.location() + ": " + rootMessage(e),
          e);
    } catch (PolicyCompilationException e) {
      throw new StartupException("policy", "the active " + e.getMessage().replace('\n', ' '), e);
    } catch (RuntimeException e) {
      throw new StartupException(
          "policy", "the active policy cannot be activated: " + rootMessage(e), e);
    }
  }

  @Override
  public CheckState check(String name) {
    String failure = startupFailures.getOrDefault(name, startupFailures.get("startup"));
    return switch (name) {
      case NodeReadiness.DATABASE ->
          new CheckState(database.isReachable(), Database.location(), failure);
      case NodeReadiness.CLUSTER -> new CheckState(cluster.isSafe(), cluster.describe(), failure);
      case NodeReadiness.CAMEL -> new CheckState(camel.isStarted(), camel.describe(), failure);
      case NodeReadiness.POLICY ->
          new CheckState(
              policies.hasActive(),
              policies
                  .runningVersion()
                  .map(version -> "runs version " + version + "; " + activations.describeLocal())
                  .orElse("no active policy"),
              failure);
      default -> new CheckState(false, "no check is called " + name, null);
    };
  }

  static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return message.lines().findFirst().orElse(message).trim();
  }

  @PreDestroy
  void stop() {
    camel.stop();
    cluster.stop();
    LOG.info("Stave node stopped");
  }
}
