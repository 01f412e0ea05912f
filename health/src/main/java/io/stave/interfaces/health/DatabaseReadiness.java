package io.stave.interfaces.health;

import io.stave.readiness.NodeReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** The database (system of record) answers. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness extends NodeCheck {
  public DatabaseReadiness() {
    super(NodeReadiness.DATABASE);
  }
}
