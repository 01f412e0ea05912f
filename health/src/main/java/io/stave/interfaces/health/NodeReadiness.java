package io.stave.interfaces.health;

/** What the node knows about its own readiness, one named check at a time. */
public interface NodeReadiness {
  /** The startup bean's global JNDI name with this view. */
  String JNDI_NAME =
      "java:global/stave/stave-ejb/StaveStartup!io.stave.interfaces.health.NodeReadiness";

  /** The state of one check: database, cluster, camel or policy. */
  CheckState check(String name);

  /** Up or down, what it sees now, and the start-up failure of this step if there was one. */
  record CheckState(boolean up, String state, String startupFailure)
      implements java.io.Serializable {}
}
