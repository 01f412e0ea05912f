package io.stave.routes;

import io.stave.routes.intake.IntakeLanes;
import org.apache.camel.Service;

/** Stops the intake lanes with the CamelContext, after its routes (and their in-flight files). */
final class LanesService implements Service {
  private final IntakeLanes lanes;

  LanesService(IntakeLanes lanes) {
    this.lanes = lanes;
  }

  @Override
  public void start() {}

  @Override
  public void stop() {
    lanes.close();
  }
}
