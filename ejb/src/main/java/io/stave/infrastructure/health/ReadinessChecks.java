package io.stave.infrastructure.health;

import io.stave.application.PolicyService;
import io.stave.infrastructure.cluster.ClusterMember;
import io.stave.infrastructure.feeds.CamelRuntime;
import io.stave.infrastructure.persistence.Database;
import io.stave.infrastructure.startup.PlatformStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready} on the management port: the node is ready only when the database answers,
 * the Hazelcast member has joined a safe cluster, the CamelContext runs and a policy is active. Each
 * check that is down says why.
 */
@ApplicationScoped
public class ReadinessChecks {
  @Inject Database database;
  @Inject ClusterMember cluster;
  @Inject CamelRuntime camel;
  @Inject PolicyService policies;
  @Inject PlatformStatus status;

  @Produces
  @Readiness
  HealthCheck database() {
    return () -> check("stave-database", database.isReachable(), Database.location(), "database");
  }

  @Produces
  @Readiness
  HealthCheck cluster() {
    return () -> check("stave-cluster", cluster.isSafe(), cluster.describe(), "cluster");
  }

  @Produces
  @Readiness
  HealthCheck camel() {
    return () -> check("stave-camel", camel.isStarted(), camel.describe(), "camel");
  }

  @Produces
  @Readiness
  HealthCheck policy() {
    return () -> check("stave-policy", policies.hasActive(),
        policies.hasActive() ? "version " + policies.active().version() : "no active policy",
        "policy");
  }

  private HealthCheckResponse check(String name, boolean up, String state, String step) {
    var response = HealthCheckResponse.named(name).status(up).withData("state", state);
    status.failure(step).ifPresent(failure -> response.withData("startupFailure", failure));
    return response.build();
  }
}
