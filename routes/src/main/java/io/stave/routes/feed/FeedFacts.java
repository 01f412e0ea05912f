package io.stave.routes.feed;

import io.stave.rules.domain.Consent;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.SplitSheet;
import java.util.List;

/**
 * Everything one feed message states, ready to apply in one transaction, plus the warnings found
 * while reading it (values that were accepted but look wrong, such as a bad check digit on an
 * identifier no rule keys on).
 */
// rightsControllerSheets: sheets made from an ERN message's rights controllers, which never
// replace a sheet a split-sheet feed delivered.
public record FeedFacts(
    List<Recording> recordings,
    List<IngestedParty> parties,
    List<Credit> credits,
    List<ReleaseDeals> releaseDeals,
    List<Consent> consents,
    List<SplitSheet> splitSheets,
    List<SplitSheet> rightsControllerSheets,
    List<Problem> warnings,
    ReleaseVersion release,
    ReleasePurge purge) {

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
    recordings = List.copyOf(recordings);
    parties = List.copyOf(parties);
    credits = List.copyOf(credits);
    releaseDeals = List.copyOf(releaseDeals);
    consents = List.copyOf(consents);
    splitSheets = List.copyOf(splitSheets);
    rightsControllerSheets = List.copyOf(rightsControllerSheets);
    warnings = List.copyOf(warnings);
  }

  public static FeedFacts ofConsents(List<Consent> consents) {
    return new FeedFacts(
        List.of(), List.of(), List.of(), List.of(), consents, List.of(), List.of(), List.of(), null,
        null);
  }

  public static FeedFacts ofSplitSheets(List<SplitSheet> sheets) {
    return new FeedFacts(
        List.of(), List.of(), List.of(), List.of(), List.of(), sheets, List.of(), List.of(), null,
        null);
  }

  public int dealCount() {
    return releaseDeals.stream().mapToInt(release -> release.deals().size()).sum();
  }

  /** The facts of a {@code PurgeReleaseMessage}: nothing but the purge. */
  public static FeedFacts ofPurge(ReleasePurge purge, List<Problem> warnings) {
    return new FeedFacts(
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), warnings, null,
        purge);
  }

  /** A one-line account of what the message held, for its status record. */
  public String summary() {
    if (purge != null) {
      return "purge of release "
          + purge.releaseKeys().get(0)
          + ": its deals end at "
          + purge.endsAt();
    }
    return recordings.size()
        + " recording(s), "
        + parties.size()
        + " part(ies), "
        + dealCount()
        + " deal(s) for "
        + releaseDeals.size()
        + " release(s), "
        + consents.size()
        + " consent(s), "
        + (splitSheets.size() + rightsControllerSheets.size())
        + " split sheet(s)";
  }
}
