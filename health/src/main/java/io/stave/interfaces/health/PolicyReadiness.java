package io.stave.interfaces.health;

import io.stave.readiness.NodeReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** A policy version is compiled and active on this node. */
@Readiness
@ApplicationScoped
public class PolicyReadiness extends NodeCheck {
  public PolicyReadiness() {
    super(NodeReadiness.POLICY);
  }
}
