package io.stave.readiness;

/**
 * The seam between the node's startup bean (which brings the node up and knows how each step went)
 * and the health checks of {@code /health/ready} (which live in another module of the EAR and
 * cannot inject it). The startup bean exposes this local view under the bean name {@link
 * #BEAN_NAME}; the checks look it up under {@link #JNDI_NAME}.
 */
public interface NodeReadiness {
  /** The EJB name the startup bean declares ({@code @Singleton(name = BEAN_NAME)}). */
  String BEAN_NAME = "StaveStartup";

  /**
   * The view's global JNDI name: application {@code stave} (the EAR's file name, deploy/pom.xml),
   * module {@code stave-ejb} (its EJB jar's bundle name), then the bean and this interface.
   */
  String JNDI_NAME =
      "java:global/stave/stave-ejb/" + BEAN_NAME + "!io.stave.readiness.NodeReadiness";

  /** The checks, each also the name of the start-up step it reports on. */
  String DATABASE = "database";

  String CLUSTER = "cluster";
  String CAMEL = "camel";
  String POLICY = "policy";

  /** The state of one check: database, cluster, camel or policy. */
  CheckState check(String name);

  /** Up or down, what it sees now, and the start-up failure of this step if there was one. */
  record CheckState(boolean up, String state, String startupFailure)
      implements java.io.Serializable {}
}
