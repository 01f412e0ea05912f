package io.stave.application;

import io.stave.routes.feed.CatalogueChange;

/**
 * Where catalogue facts are written: durably first (the database is the system of record), then
 * into the cluster's fact maps, so decisions see a change once it is committed.
 */
public interface Catalogue {

  /** Applies every fact of the change in one transaction, or none of them. */
  void apply(CatalogueChange change);

  /**
   * Runs {@code first} in the transaction that applies the change, then, as it decides, applies the
   * change, commits without it or rolls everything back. Throws {@link RefusedFactsException} when
   * the database refuses a fact as it is (nothing is applied then).
   */
  Outcome apply(CatalogueChange change, FirstStep first);

  /** What the work done first in the transaction decided about the change. */
  enum Outcome {
    /** Write the facts and commit. */
    APPLY,
    /** Commit what the first step wrote, but not the facts. */
    COMMIT_WITHOUT_FACTS,
    /** Roll everything back. */
    ROLL_BACK
  }

  /** Work that must commit or roll back with the facts (a feed message's status). */
  @FunctionalInterface
  interface FirstStep {
    Outcome run(FeedTransaction transaction);
  }
}
