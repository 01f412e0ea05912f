package io.stave.application;

import io.stave.rules.domain.Consent;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.SplitSheet;
import java.util.List;

/**
 * Facts that arrive together (one feed message) and are applied all-or-nothing: recordings and
 * deals replace earlier versions with the same id, consents are appended, a split sheet replaces
 * the sheet of the same recording and scope.
 */
public record CatalogueChange(
    List<Recording> recordings, List<Deal> deals, List<Consent> consents, List<SplitSheet> splitSheets) {
  public CatalogueChange {
    recordings = List.copyOf(recordings);
    deals = List.copyOf(deals);
    consents = List.copyOf(consents);
    splitSheets = List.copyOf(splitSheets);
  }

  public static CatalogueChange of(List<Recording> recordings, List<Deal> deals) {
    return new CatalogueChange(recordings, deals, List.of(), List.of());
  }

  public boolean isEmpty() {
    return recordings.isEmpty() && deals.isEmpty() && consents.isEmpty() && splitSheets.isEmpty();
  }
}
