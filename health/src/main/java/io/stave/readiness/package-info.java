/**
 * The node's readiness as the health checks see it: the named checks, the start-up failure that
 * sets one down ({@link io.stave.readiness.StartupException}), and the view of the startup bean the
 * checks look up ({@link io.stave.readiness.NodeReadiness}). Plain Java, so every server package
 * may depend on it and none on the startup bean.
 */
package io.stave.readiness;
