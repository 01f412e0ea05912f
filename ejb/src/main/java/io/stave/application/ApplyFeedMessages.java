package io.stave.application;

import io.stave.application.Catalogue.Outcome;
import io.stave.routes.feed.FeedFacts;
import io.stave.routes.feed.FeedLedger;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedReceipt;
import io.stave.routes.feed.FeedRejectedException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The feed ledger as the routes use it: messages are stored by the {@link FeedMessageStore}, and a
 * message's facts are applied to the {@link Catalogue} in the same transaction as its APPLIED
 * status. The rules of applying live here: an ERN message older than the one that last set its
 * release is superseded and changes nothing; a purge naming no known release still records the
 * purge, so an older release message arriving late is superseded by it; a consent for a party no
 * feed has named is kept with a warning.
 */
public final class ApplyFeedMessages implements FeedLedger {
  /** Warnings about unknown parties said on one message at the most. */
  private static final int MAX_UNKNOWN_WARNINGS = 50;

  private final FeedMessageStore messages;
  private final Catalogue catalogue;
  private final Metrics metrics;

  public ApplyFeedMessages(FeedMessageStore messages, Catalogue catalogue) {
    this(messages, catalogue, Metrics.NONE);
  }

  public ApplyFeedMessages(FeedMessageStore messages, Catalogue catalogue, Metrics metrics) {
    this.messages = messages;
    this.catalogue = catalogue;
    this.metrics = metrics;
  }

  @Override
  public Optional<FeedReceipt> receive(String messageId, FeedMessage message) {
    Optional<FeedReceipt> known = messages.receive(messageId, message);
    if (known.isEmpty()) {
      metrics.feedMessage(message.kind().name(), "RECEIVED", message.body().length);
    } else {
      metrics.feedMessage(message.kind().name(), "DUPLICATE", 0);
    }
    return known;
  }

  @Override
  public FeedReceipt reject(String messageId, List<FeedProblem> problems) {
    FeedReceipt receipt = messages.reject(messageId, problems);
    metrics.feedMessage(receipt.kind().name(), receipt.status().name(), 0);
    return receipt;
  }

  @Override
  public Optional<StoredMessage> load(String messageId) {
    return messages.load(messageId);
  }

  @Override
  public FeedReceipt apply(String messageId, FeedFacts facts) {
    Decided decided = new Decided();
    Outcome outcome;
    try {
      outcome = catalogue.apply(facts.change(), ledger -> decided.read(ledger, messageId, facts));
    } catch (RefusedFactsException e) {
      throw new FeedRejectedException(
          new FeedProblem("database", "refused a fact of this message: " + e.getMessage()));
    }
    if (outcome == Outcome.ROLL_BACK) {
      FeedReceipt receipt = messages.find(messageId).orElseThrow();
      metrics.feedMessage(receipt.kind().name(), "DUPLICATE", 0);
      return receipt.asDuplicate();
    }
    metrics.feedMessage(decided.receipt.kind().name(), decided.receipt.status().name(), 0);
    return decided.receipt;
  }

  @Override
  public Optional<FeedReceipt> receiveAndApply(
      String messageId, FeedMessage message, FeedFacts facts) {
    Decided decided = new Decided();
    Outcome outcome;
    try {
      outcome =
          catalogue.apply(
              facts.change(),
              ledger ->
                  ledger.file(messageId, message)
                      ? decided.read(ledger, messageId, facts)
                      : Outcome.ROLL_BACK);
    } catch (RefusedFactsException e) {
      return Optional.empty(); // filed and rejected, with its bytes, by the two-step path
    }
    if (outcome == Outcome.ROLL_BACK) {
      return Optional.empty(); // filed before: the two-step path answers as it stands
    }
    metrics.feedMessage(message.kind().name(), "RECEIVED", message.body().length);
    metrics.feedMessage(decided.receipt.kind().name(), decided.receipt.status().name(), 0);
    return Optional.of(decided.receipt);
  }

  /**
   * What the first step decided, and the message's status record read in the same transaction (so
   * the answer needs no second connection after the commit; it is only used once that commits).
   */
  private static final class Decided {
    FeedReceipt receipt;

    Outcome read(FeedTransaction ledger, String messageId, FeedFacts facts) {
      receipt = null; // a transaction tried again starts afresh
      Outcome outcome = decide(ledger, messageId, facts);
      if (outcome != Outcome.ROLL_BACK) {
        receipt = ledger.receipt(messageId);
      }
      return outcome;
    }
  }

  /** Claims the message, unless it is a duplicate or superseded, in the facts' transaction. */
  private static Outcome decide(FeedTransaction ledger, String messageId, FeedFacts facts) {
    List<FeedProblem> warnings = new ArrayList<>(facts.warnings());
    warnings.addAll(consentsForUnknownParties(ledger, facts));
    warnings.addAll(splitSheetsForUnknownRecordings(ledger, facts));
    List<FeedFacts.ReleaseVersion> versions = releaseVersions(ledger, facts, warnings);
    if (!ledger.claim(messageId, facts.summary(), warnings)) {
      return Outcome.ROLL_BACK;
    }
    for (FeedFacts.ReleaseVersion version : versions) {
      if (version.createdAt() == null) {
        continue;
      }
      Optional<String> newer =
          ledger.newerMessageFor(version.releaseKey(), version.createdAt(), messageId);
      if (newer.isPresent()) {
        warnings.add(
            new FeedProblem(
                "MessageHeader/MessageCreatedDateTime",
                "release "
                    + version.releaseKey()
                    + " was last set by "
                    + newer.get()
                    + "; this older message is"
                    + " superseded and changed nothing"));
        ledger.describe(messageId, "superseded by " + newer.get() + "; nothing applied", warnings);
        return Outcome.COMMIT_WITHOUT_FACTS;
      }
    }
    if (facts.release() != null) {
      ledger.saveReleaseAliases(facts.release().releaseKey(), facts.release().aliases());
    }
    return Outcome.APPLY;
  }

  /**
   * The releases whose latest message this one must not be older than: the release an ERN message
   * describes, or every release a purge names (by any identifier it was delivered under; if none is
   * known yet, the purge is recorded under the ids it gives).
   */
  private static List<FeedFacts.ReleaseVersion> releaseVersions(
      FeedTransaction ledger, FeedFacts facts, List<FeedProblem> warnings) {
    if (facts.release() != null) {
      return List.of(facts.release());
    }
    if (facts.purge() == null) {
      return List.of();
    }
    Set<String> releases = ledger.releaseKeys(facts.purge().releaseKeys());
    if (releases.isEmpty()) {
      warnings.add(
          new FeedProblem(
              "PurgedRelease/ReleaseId",
              "names no release this sender has delivered ("
                  + String.join(", ", facts.purge().releaseKeys())
                  + "); no deal ended"));
      releases = new LinkedHashSet<>(facts.purge().releaseKeys());
    }
    return releases.stream()
        .map(key -> new FeedFacts.ReleaseVersion(key, facts.purge().endsAt()))
        .toList();
  }

  /**
   * A consent names its artist by party id. One that no feed has named yet is kept (the release may
   * come later) but said on the status, since an opt-out under a mistyped id would change nothing.
   */
  private static List<FeedProblem> consentsForUnknownParties(
      FeedTransaction ledger, FeedFacts facts) {
    Set<String> artists = new TreeSet<>();
    facts.consents().forEach(consent -> artists.add(consent.artistId()));
    return warningsForUnknown(
        artists,
        ledger::unknownParties,
        "artist ",
        "is not a party any feed has named yet; its consents are kept and apply to recordings that"
            + " name this id (GET /api/v1/recordings/{isrc} shows the ids)");
  }

  /**
   * A split sheet names its recording by ISRC. One for a recording no feed has delivered yet is
   * kept (the release may come later) but said on the status, since a mistyped ISRC would leave the
   * real recording without a sheet, i.e. denied for every AI use.
   */
  private static List<FeedProblem> splitSheetsForUnknownRecordings(
      FeedTransaction ledger, FeedFacts facts) {
    Set<String> isrcs = new TreeSet<>();
    facts.splitSheets().forEach(sheet -> isrcs.add(sheet.getIsrc().code()));
    return warningsForUnknown(
        isrcs,
        ledger::unknownRecordings,
        "isrc ",
        "is not a recording any feed has delivered yet; its split sheet is kept and applies once"
            + " an ERN message delivers it");
  }

  /** One warning for each of the first ids {@code named} that the database does not know. */
  private static List<FeedProblem> warningsForUnknown(
      Set<String> named, Function<Set<String>, Set<String>> unknown, String what, String problem) {
    if (named.isEmpty()) {
      return List.of();
    }
    return unknown.apply(named).stream()
        .limit(MAX_UNKNOWN_WARNINGS)
        .map(id -> new FeedProblem(what + id, problem))
        .toList();
  }
}
