package io.stave.interfaces.health;

import io.stave.readiness.NodeReadiness;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** One readiness check, answered by the node's startup bean; DOWN while that bean is not there. */
abstract class NodeCheck implements HealthCheck {
  private final String name;

  NodeCheck(String name) {
    this.name = name;
  }

  @Override
  public HealthCheckResponse call() {
    NodeReadiness.CheckState state;
    try {
      NodeReadiness node = (NodeReadiness) new InitialContext().lookup(NodeReadiness.JNDI_NAME);
      state = node.check(name);
    } catch (NamingException | RuntimeException e) {
      return HealthCheckResponse.named("stave-" + name)
          .down()
          .withData("state", "the Stave startup bean is not deployed")
          .build();
    }
    var response =
        HealthCheckResponse.named("stave-" + name)
            .status(state.up())
            .withData("state", state.state());
    if (state.startupFailure() != null) {
      response.withData("startupFailure", state.startupFailure());
    }
    return response.build();
  }
}
