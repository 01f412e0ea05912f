package io.stave.infrastructure.startup;

import io.stave.application.PolicyService;
import io.stave.infrastructure.cluster.ClusterMember;
import io.stave.infrastructure.feeds.CamelRuntime;
import io.stave.infrastructure.persistence.Database;
import io.stave.infrastructure.persistence.Migrations;
import io.stave.rules.engine.PolicyCompilationException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * Brings the node up in order: database schema, Hazelcast member, active policy, CamelContext. A
 * step that fails is logged as one line saying what and where, recorded for the health endpoint
 * (which then answers 503), and the steps after it are not attempted.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StaveStartup {
  private static final Logger LOG = Logger.getLogger(StaveStartup.class.getName());

  @Inject Database database;
  @Inject ClusterMember cluster;
  @Inject CamelRuntime camel;
  @Inject PolicyService policies;
  @Inject PlatformStatus status;

  @PostConstruct
  void start() {
    try {
      migrateDatabase();
      cluster.start();
      activatePolicy();
      camel.start();
      LOG.info("Stave node started: database " + Database.location() + "; cluster "
          + cluster.describe() + "; policy version " + policies.active().version());
    } catch (StartupException e) {
      status.failed(e.check(), e.getMessage());
      LOG.severe("STAVE CANNOT START [" + e.check() + "]: " + e.getMessage());
    }
  }

  private void migrateDatabase() {
    try {
      int applied = Migrations.migrate(database.dataSource());
      LOG.info(() -> "Database " + Database.location() + " is at the current schema (" + applied
          + " migration(s) applied now)");
    } catch (RuntimeException e) {
      throw new StartupException("database", "the database at " + Database.location()
          + " cannot be used: " + rootMessage(e)
          + " (check STAVE_DB_URL, STAVE_DB_USER, STAVE_DB_PASSWORD)", e);
    }
  }

  private void activatePolicy() {
    try {
      policies.activateStoredPolicy();
    } catch (SQLException e) {
      throw new StartupException("policy", "policy versions cannot be read from "
          + Database.location() + ": " + rootMessage(e), e);
    } catch (PolicyCompilationException e) {
      throw new StartupException("policy", "the active " + e.getMessage().replace('\n', ' '), e);
    } catch (RuntimeException e) {
      throw new StartupException("policy", "the active policy cannot be activated: "
          + rootMessage(e), e);
    }
  }

  static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return message.lines().findFirst().orElse(message).trim();
  }

  @PreDestroy
  void stop() {
    camel.stop();
    cluster.stop();
    LOG.info("Stave node stopped");
  }
}
