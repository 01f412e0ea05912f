package io.stave.routes.feed;

import io.stave.rules.domain.Consent;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.SplitSheet;
import java.util.List;

/**
 * Catalogue facts that arrive together (one feed message, or a test's or a seeder's batch) and are
 * applied all-or-nothing: recordings, parties and deals replace earlier versions with the same id,
 * a release's deals replace every deal stated earlier for that release, a purge ends a release's
 * running deals, a recording's credits replace its earlier ones, consents are appended, a split
 * sheet replaces the sheet of the same recording and scope.
 */
public record CatalogueChange(
    List<Recording> recordings,
    List<Deal> deals,
    List<Consent> consents,
    List<SplitSheet> splitSheets,
    List<IngestedParty> parties,
    List<Credit> credits,
    List<ReleaseDeals> releaseDeals,
    List<SplitSheet> rightsControllerSheets,
    List<ReleasePurge> releasePurges) {
  public CatalogueChange {
    recordings = List.copyOf(recordings);
    deals = List.copyOf(deals);
    consents = List.copyOf(consents);
    splitSheets = List.copyOf(splitSheets);
    parties = List.copyOf(parties);
    credits = List.copyOf(credits);
    releaseDeals = List.copyOf(releaseDeals);
    rightsControllerSheets = List.copyOf(rightsControllerSheets);
    releasePurges = List.copyOf(releasePurges);
  }

  public CatalogueChange(
      List<Recording> recordings,
      List<Deal> deals,
      List<Consent> consents,
      List<SplitSheet> splitSheets) {
    this(
        recordings,
        deals,
        consents,
        splitSheets,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  /** A change that only ends a release's deals. */
  public static CatalogueChange of(ReleasePurge purge) {
    return new CatalogueChange(
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(purge));
  }

  public static CatalogueChange of(List<Recording> recordings, List<Deal> deals) {
    return new CatalogueChange(recordings, deals, List.of(), List.of());
  }

  public boolean isEmpty() {
    return recordings.isEmpty()
        && deals.isEmpty()
        && consents.isEmpty()
        && splitSheets.isEmpty()
        && parties.isEmpty()
        && credits.isEmpty()
        && releaseDeals.isEmpty()
        && rightsControllerSheets.isEmpty()
        && releasePurges.isEmpty();
  }
}
