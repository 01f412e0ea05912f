package io.stave.rules.domain;

import java.util.List;
import java.util.Optional;

/**
 * What a decision needs to know about the catalogue. The server keeps these facts in the cluster
 * cache in front of the database; tests and benchmarks keep them in memory.
 */
public interface FactStore {

  Optional<Recording> recording(Isrc isrc);

  /** Every deal that names this recording, whatever its territory, period or use. */
  List<Deal> dealsCovering(Isrc isrc);

  /** Every consent record of the artist for the use type, in any order. */
  List<Consent> consents(String artistId, UseType useType);

  /** The sheet for this use type if there is one, else the recording's general sheet. */
  Optional<SplitSheet> splitSheet(Isrc isrc, UseType useType);
}
