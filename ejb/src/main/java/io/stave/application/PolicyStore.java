package io.stave.application;

import io.stave.rules.engine.PolicySource;
import java.sql.SQLException;
import java.util.Optional;

/** Where policy versions are kept (the database). */
public interface PolicyStore {
  Optional<PolicySource> findActive() throws SQLException;

  Optional<PolicySource> find(long version) throws SQLException;

  /** Stores the shipped baseline when nothing, or an older Stave-installed baseline, is active. */
  boolean installShippedBaseline() throws SQLException;
}
