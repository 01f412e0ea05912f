package io.stave.interfaces.health;

import io.stave.readiness.NodeReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** The Hazelcast member runs and sees at least the configured minimum of members. */
@Readiness
@ApplicationScoped
public class ClusterReadiness extends NodeCheck {
  public ClusterReadiness() {
    super(NodeReadiness.CLUSTER);
  }
}
