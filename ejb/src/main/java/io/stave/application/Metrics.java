package io.stave.application;

import io.stave.rules.domain.Decision;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What the services report for operators (docs/metrics.md): every call is cheap and never throws,
 * and {@link #NONE} reports nothing, for tests and tools that run the services without a server.
 * The server's implementation turns these into the {@code stave_*} Prometheus metrics.
 */
public interface Metrics {
  Metrics NONE = new Metrics() {};

  /** Live decisions of one call, logged; {@code nanos} from arrival to the log's commit. */
  default void decided(List<Decision> decisions, boolean batch, long nanos) {}

  /** One group commit of the decision log: how many decisions, and how long the transaction. */
  default void decisionLogCommitted(int decisions, long nanos) {}

  /** How many writes wait for the decision log's writer, read whenever metrics are scraped. */
  default void watchDecisionLogQueue(LongSupplier waiting) {}

  /**
   * A feed message changed state: {@code status} is RECEIVED (a new message, {@code bytes} long),
   * DUPLICATE (one already on record), APPLIED or REJECTED.
   */
  default void feedMessage(String kind, String status, long bytes) {}

  /** This node compiled (or failed to compile) a policy version to decide with. */
  default void policyActivation(boolean activated, long nanos) {}

  /** The version this node decides with (-1 while none), read whenever metrics are scraped. */
  default void watchActivePolicy(LongSupplier version) {}

  /** The cluster members this node sees (0 while its member is not running). */
  default void watchClusterMembers(LongSupplier members) {}
}
