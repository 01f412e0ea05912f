package io.stave.application;

/**
 * Where catalogue facts are written: durably first (the database is the system of record), then
 * into the cluster's fact maps, so decisions see a change once it is committed.
 */
public interface Catalogue {

  /** Applies every fact of the change in one transaction, or none of them. */
  void apply(CatalogueChange change);
}
