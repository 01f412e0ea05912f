package io.stave.application;

import io.stave.rules.domain.Decision;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of every live decision. {@link #record} returns only once the decisions are
 * committed, so no decision is returned to a client that cannot later be read back by its id.
 */
public interface DecisionLog {

  /**
   * Writes the decisions durably, in one go, and returns when they are committed.
   *
   * @throws ServiceUnavailableException when the log cannot take them (overload or database down);
   *     nothing may then be returned to the client
   */
  void record(List<Decision> decisions, String principal);

  Optional<LoggedDecision> find(String decisionId);

  DecisionPage list(DecisionQuery query);
}
