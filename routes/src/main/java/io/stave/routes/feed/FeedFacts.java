package io.stave.routes.feed;

import io.stave.rules.domain.Consent;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.SplitSheet;
import java.util.List;

/**
 * Everything one feed message states: the catalogue change to apply in one transaction, plus what
 * the message says about itself (the release it sets and when its sender made it) and the warnings
 * found while reading it (values that were accepted but look wrong, such as a bad check digit on an
 * identifier no rule keys on).
 */
public record FeedFacts(
    CatalogueChange change, List<FeedProblem> warnings, ReleaseVersion release) {

  /**
   * Which release an ERN message describes and when its sender made it: a message older than the
   * one already applied for the release is superseded and changes nothing. {@code aliases} are the
   * keys of every identifier the message gives the release (the release key among them), so a later
   * message may name it by any of them.
   */
  public record ReleaseVersion(
      String releaseKey, java.time.Instant createdAt, List<String> aliases) {
    public ReleaseVersion {
      aliases = aliases == null ? List.of(releaseKey) : List.copyOf(aliases);
    }

    public ReleaseVersion(String releaseKey, java.time.Instant createdAt) {
      this(releaseKey, createdAt, List.of(releaseKey));
    }
  }

  public FeedFacts {
    warnings = List.copyOf(warnings);
  }

  /**
   * An ERN message's facts. {@code rightsControllerSheets}: sheets made from its rights
   * controllers, which never replace a sheet a split-sheet feed delivered.
   */
  public static FeedFacts ofRelease(
      List<Recording> recordings,
      List<IngestedParty> parties,
      List<Credit> credits,
      List<ReleaseDeals> releaseDeals,
      List<SplitSheet> rightsControllerSheets,
      List<FeedProblem> warnings,
      ReleaseVersion release) {
    return new FeedFacts(
        new CatalogueChange(
            recordings,
            List.of(),
            List.of(),
            List.of(),
            parties,
            credits,
            releaseDeals,
            rightsControllerSheets,
            List.of()),
        warnings,
        release);
  }

  public static FeedFacts ofConsents(List<Consent> consents) {
    return new FeedFacts(
        new CatalogueChange(List.of(), List.of(), consents, List.of()), List.of(), null);
  }

  public static FeedFacts ofSplitSheets(List<SplitSheet> sheets) {
    return new FeedFacts(
        new CatalogueChange(List.of(), List.of(), List.of(), sheets), List.of(), null);
  }

  /** The facts of a {@code PurgeReleaseMessage}: nothing but the purge. */
  public static FeedFacts ofPurge(ReleasePurge purge, List<FeedProblem> warnings) {
    return new FeedFacts(CatalogueChange.of(purge), warnings, null);
  }

  public List<Recording> recordings() {
    return change.recordings();
  }

  public List<IngestedParty> parties() {
    return change.parties();
  }

  public List<Credit> credits() {
    return change.credits();
  }

  public List<ReleaseDeals> releaseDeals() {
    return change.releaseDeals();
  }

  public List<Consent> consents() {
    return change.consents();
  }

  public List<SplitSheet> splitSheets() {
    return change.splitSheets();
  }

  public List<SplitSheet> rightsControllerSheets() {
    return change.rightsControllerSheets();
  }

  /** The purge a {@code PurgeReleaseMessage} states, or null. */
  public ReleasePurge purge() {
    return change.releasePurges().isEmpty() ? null : change.releasePurges().get(0);
  }

  public int dealCount() {
    return releaseDeals().stream().mapToInt(release -> release.deals().size()).sum();
  }

  /** A one-line account of what the message held, for its status record. */
  public String summary() {
    if (purge() != null) {
      return "purge of release "
          + purge().releaseKeys().get(0)
          + ": its deals end at "
          + purge().endsAt();
    }
    return recordings().size()
        + " recording(s), "
        + parties().size()
        + " part(ies), "
        + dealCount()
        + " deal(s) for "
        + releaseDeals().size()
        + " release(s), "
        + consents().size()
        + " consent(s), "
        + (splitSheets().size() + rightsControllerSheets().size())
        + " split sheet(s)";
  }
}
