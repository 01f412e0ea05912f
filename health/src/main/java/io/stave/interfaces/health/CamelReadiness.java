package io.stave.interfaces.health;

import io.stave.readiness.NodeReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** The CamelContext that runs the label feeds has started. */
@Readiness
@ApplicationScoped
public class CamelReadiness extends NodeCheck {
  public CamelReadiness() {
    super(NodeReadiness.CAMEL);
  }
}
