package io.stave.routes.ern;

import io.stave.routes.ern.ReleaseNotification.ArtistCredit;
import io.stave.routes.ern.ReleaseNotification.PartyDescription;
import io.stave.routes.ern.ReleaseNotification.ReleaseDescription;
import io.stave.routes.ern.ReleaseNotification.ResourceDescription;
import io.stave.routes.ern.ReleaseNotification.RightsShare;
import io.stave.routes.feed.Credit;
import io.stave.routes.feed.FeedFacts;
import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedRejectedException;
import io.stave.routes.feed.IngestedParty;
import io.stave.routes.feed.ReleaseDeals;
import io.stave.routes.feed.ReleasePurge;
import io.stave.routes.identifiers.CheckCharacters;
import io.stave.rules.domain.AcceptedTimes;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a {@link ReleaseNotification} into catalogue facts: recordings with their parties, the
 * deals of the release (which replace the deals an earlier message gave for it), and the rights
 * controllers' shares as a split sheet where they add up to 100. Anything that would make a fact
 * wrong rejects the whole message, naming where; anything odd but harmless is a warning.
 *
 * <p>Mapping decisions: a deal's {@code EndDate} is the last day it applies, so it ends at the
 * start of the next day (UTC); a deal with only excluded territories covers Worldwide minus those;
 * one deal is made per validity period; the licensor is the message's sender.
 */
public final class ErnMapper {
  public FeedFacts map(ErnMessage message) {
    if (message.createdAt() != null && !AcceptedTimes.contains(message.createdAt())) {
      throw new FeedRejectedException(
          new FeedProblem(
              "MessageHeader/MessageCreatedDateTime",
              "is "
                  + message.createdAt()
                  + ", outside "
                  + AcceptedTimes.RANGE
                  + ", the times Stave accepts"));
    }
    if (message instanceof PurgeNotification purge) {
      return purge(purge);
    }
    return new Mapping((ReleaseNotification) message).run();
  }

  /** The message id Stave files the message under: sender and DDEX MessageId. */
  public static String messageKey(ErnMessage message) {
    return "ern:" + PartyIds.senderKey(message) + ":" + message.messageId();
  }

  /** A purge ends the deals of the release its identifiers name, from the time it was made. */
  private static FeedFacts purge(PurgeNotification purge) {
    String senderKey = PartyIds.senderKey(purge);
    List<String> keys =
        releaseIds(purge.icpn(), purge.grid(), purge.proprietaryIds(), purge.catalogNumber())
            .stream()
            .map(id -> senderKey + "/" + id)
            .toList();
    if (keys.isEmpty()) {
      throw new FeedRejectedException(
          new FeedProblem(
              "PurgedRelease/ReleaseId",
              "names no ICPN, GRid, proprietary id or catalogue number, so no release can be purged"));
    }
    if (purge.createdAt() == null) {
      throw new FeedRejectedException(
          new FeedProblem(
              "MessageHeader/MessageCreatedDateTime",
              "is required to know from when the release's deals end"));
    }
    List<FeedProblem> warnings = new ArrayList<>();
    if (purge.icpn() != null) {
      String problem = CheckCharacters.icpnProblem(purge.icpn());
      if (problem != null) {
        warnings.add(new FeedProblem("PurgedRelease/ReleaseId/ICPN", problem));
      }
    }
    return FeedFacts.ofPurge(new ReleasePurge(keys, purge.createdAt()), warnings);
  }

  /**
   * A release's identifiers as Stave keys them, in the order it prefers them: ICPN, GRid, the
   * proprietary ids, the catalogue number.
   */
  static List<String> releaseIds(
      String icpn,
      String grid,
      List<ReleaseNotification.ProprietaryId> proprietaryIds,
      String catalogNumber) {
    List<String> ids = new ArrayList<>();
    if (icpn != null && !icpn.isBlank()) {
      ids.add("icpn:" + icpn.trim());
    }
    if (grid != null && !grid.isBlank()) {
      ids.add("grid:" + grid.trim());
    }
    proprietaryIds.forEach(p -> ids.add("prop:" + p.namespace() + ":" + p.value().trim()));
    if (catalogNumber != null && !catalogNumber.isBlank()) {
      ids.add("catalog:" + catalogNumber.trim());
    }
    return ids;
  }

  private static final class Mapping {
    private final ReleaseNotification message;
    private final String senderKey;
    private final List<FeedProblem> problems = new ArrayList<>();
    private final List<FeedProblem> warnings = new ArrayList<>();
    private final Map<String, String> partyIds = new HashMap<>();
    private final Map<String, IngestedParty> parties = new LinkedHashMap<>();
    private final Map<String, Isrc> isrcByResource = new HashMap<>();
    private final Map<Isrc, Recording> recordings = new LinkedHashMap<>();
    private final List<Credit> credits = new ArrayList<>();
    private final List<SplitSheet> sheets = new ArrayList<>();

    Mapping(ReleaseNotification message) {
      this.message = message;
      this.senderKey = PartyIds.senderKey(message);
    }

    FeedFacts run() {
      if (message.senderDpid() != null) {
        warnIf(
            "MessageHeader/MessageSender/PartyId",
            CheckCharacters.dpidProblem(message.senderDpid()));
      }
      Set<String> mainArtistReferences = mainArtistReferences();
      message
          .parties()
          .values()
          .forEach(party -> party(party, mainArtistReferences.contains(party.reference())));
      Map<String, ReleaseDescription> releases = new LinkedHashMap<>();
      message.releases().forEach(release -> releases.put(release.reference(), release));
      ReleaseDescription main =
          message.releases().stream()
              .filter(ReleaseDescription::main)
              .findFirst()
              .orElse(message.releases().isEmpty() ? null : message.releases().get(0));
      message.resources().forEach(resource -> resource(resource, labelFor(resource, main)));
      List<ReleaseDeals> releaseDeals = new ArrayList<>();
      FeedFacts.ReleaseVersion version = null;
      if (main == null) {
        problems.add(new FeedProblem("ReleaseList", "names no release"));
      } else {
        String releaseKey = releaseKey(main);
        version =
            new FeedFacts.ReleaseVersion(
                releaseKey,
                message.createdAt(),
                releaseIds(main.icpn(), main.grid(), main.proprietaryIds(), main.catalogNumber())
                    .stream()
                    .map(id -> senderKey + "/" + id)
                    .toList());
        if (message.hasDealList()) {
          List<Deal> deals = new ArrayList<>();
          ErnDeals dealTerms = new ErnDeals(senderKey, isrcByResource, problems, warnings);
          message
              .dealGroups()
              .forEach(group -> deals.addAll(dealTerms.deals(group, releases, releaseKey)));
          releaseDeals.add(new ReleaseDeals(releaseKey, deals));
        }
      }
      if (!problems.isEmpty()) {
        throw new FeedRejectedException(problems);
      }
      return FeedFacts.ofRelease(
          List.copyOf(recordings.values()),
          List.copyOf(parties.values()),
          credits,
          releaseDeals,
          sheets,
          warnings,
          version);
    }

    private Set<String> mainArtistReferences() {
      Set<String> references = new HashSet<>();
      for (ResourceDescription resource : message.resources()) {
        references.addAll(ArtistRoles.mainArtistReferences(resource.displayArtists()));
      }
      return references;
    }

    private void party(PartyDescription party, boolean mainArtist) {
      String where = "PartyList/Party[" + party.reference() + "]";
      // A main artist's id is what consents name: a wrong check character there rejects the
      // message.
      if (party.isni() != null) {
        report(mainArtist, where + "/PartyId/ISNI", CheckCharacters.isniProblem(party.isni()));
      }
      if (party.dpid() != null) {
        report(
            mainArtist && party.isni() == null,
            where + "/PartyId/DPID",
            CheckCharacters.dpidProblem(party.dpid()));
      }
      String partyId = PartyIds.of(party, senderKey);
      partyIds.put(party.reference(), partyId);
      Map<String, String> identifiers = new TreeMap<>();
      put(identifiers, "ISNI", party.isni());
      put(identifiers, "DPID", party.dpid());
      put(identifiers, "IPI", party.ipi());
      party
          .proprietaryIds()
          .forEach(p -> put(identifiers, "ProprietaryId:" + p.namespace(), p.value()));
      parties.putIfAbsent(partyId, new IngestedParty(partyId, party.name(), identifiers));
    }

    private String labelFor(ResourceDescription resource, ReleaseDescription main) {
      String label =
          message.releases().stream()
              .filter(r -> !r.main() && r.resourceReferences().contains(resource.reference()))
              .map(ReleaseDescription::labelPartyReference)
              .filter(java.util.Objects::nonNull)
              .findFirst()
              .orElse(main == null ? null : main.labelPartyReference());
      return label == null ? null : partyIds.get(label);
    }

    private void resource(ResourceDescription resource, String labelId) {
      String where = resource.kind() + "[" + resource.reference() + "]";
      if (resource.isrc() == null) {
        // DDEX allows a resource identified only by a proprietary id; decisions name recordings by
        // ISRC, so such a recording cannot be asked about (an unknown ISRC is denied).
        warnings.add(new FeedProblem(where, "has no ISRC, so no decision can name it; skipped"));
        return;
      }
      Isrc isrc;
      try {
        isrc = Isrc.of(resource.isrc());
      } catch (InvalidValueException e) {
        problems.add(new FeedProblem(where + "/ResourceId/ISRC", e.getMessage()));
        return;
      }
      if (recordings.containsKey(isrc)) {
        warnings.add(
            new FeedProblem(
                where, "repeats ISRC " + isrc.code() + "; the first resource with it is used"));
        isrcByResource.put(resource.reference(), isrc);
        return;
      }
      List<String> mainArtists = new ArrayList<>();
      Set<String> mainReferences = ArtistRoles.mainArtistReferences(resource.displayArtists());
      for (ArtistCredit artist : resource.displayArtists()) {
        String partyId = partyIds.get(artist.partyReference());
        if (partyId == null) {
          problems.add(
              new FeedProblem(
                  where + "/DisplayArtist",
                  "names party "
                      + artist.partyReference()
                      + ", which the PartyList does not describe"));
          continue;
        }
        credits.add(new Credit(isrc, partyId, ArtistRoles.creditRole(artist.role())));
        if (mainReferences.contains(artist.partyReference()) && !mainArtists.contains(partyId)) {
          mainArtists.add(partyId);
        }
      }
      if (mainArtists.isEmpty()) {
        warnings.add(
            new FeedProblem(
                where + "/DisplayArtist",
                "names no MainArtist (nor an Artist); its main"
                    + " artists are unknown, so every use that needs their opt-in is denied"));
      }
      String displayArtist =
          resource.displayArtistName() != null
              ? resource.displayArtistName()
              : resource.displayArtists().stream()
                  .map(a -> message.parties().get(a.partyReference()))
                  .filter(java.util.Objects::nonNull)
                  .map(PartyDescription::name)
                  .reduce((a, b) -> a + ", " + b)
                  .orElse(null);
      String rightsControllerId =
          resource.rightsControllers().stream()
              .map(RightsShare::partyReference)
              .map(partyIds::get)
              .filter(java.util.Objects::nonNull)
              .findFirst()
              .orElse(null);
      try {
        recordings.put(
            isrc,
            new Recording(
                isrc,
                resource.title(),
                displayArtist,
                mainArtists,
                labelId,
                rightsControllerId,
                resource.pLine()));
      } catch (InvalidValueException e) {
        problems.add(new FeedProblem(where, e.getMessage()));
        return;
      }
      isrcByResource.put(resource.reference(), isrc);
      if (labelId != null) {
        credits.add(new Credit(isrc, labelId, "Label"));
      }
      rightsControllers(where, isrc, resource.rightsControllers());
    }

    private void rightsControllers(String where, Isrc isrc, List<RightsShare> controllers) {
      if (controllers.isEmpty()) {
        return;
      }
      List<Share> shares = new ArrayList<>();
      for (RightsShare controller : controllers) {
        String partyId = partyIds.get(controller.partyReference());
        if (partyId == null) {
          problems.add(
              new FeedProblem(
                  where + "/ResourceRightsController",
                  "names party "
                      + controller.partyReference()
                      + ", which the PartyList does not describe"));
          return;
        }
        String role =
            controller.roles().isEmpty()
                ? "RightsController"
                : String.join("+", controller.roles());
        credits.add(new Credit(isrc, partyId, role));
        if (controller.shareUnknown()) {
          warnings.add(
              new FeedProblem(
                  where, "a rights controller's share is unknown; no split sheet made from it"));
          return;
        }
        BigDecimal percent =
            controller.percent() == null ? new BigDecimal("100") : controller.percent();
        shares.add(
            new Share(
                partyId,
                role,
                new Percent(percent.setScale(2, java.math.RoundingMode.UNNECESSARY))));
      }
      try {
        sheets.add(new SplitSheet("ern:" + isrc.code(), isrc, null, shares));
      } catch (InvalidValueException | ArithmeticException e) {
        warnings.add(
            new FeedProblem(
                where + "/ResourceRightsController",
                "shares do not make a split sheet (" + e.getMessage() + "); none made from them"));
      }
    }

    private String releaseKey(ReleaseDescription release) {
      String where = "Release[" + release.reference() + "]/ReleaseId";
      if (release.icpn() != null) {
        warnIf(where + "/ICPN", CheckCharacters.icpnProblem(release.icpn()));
      }
      List<String> ids =
          releaseIds(
              release.icpn(), release.grid(), release.proprietaryIds(), release.catalogNumber());
      if (ids.isEmpty()) {
        problems.add(
            new FeedProblem(
                where,
                "names no ICPN, GRid, proprietary id or catalogue number, so a later"
                    + " update could not find this release's deals"));
        return senderKey + "/unidentified";
      }
      return senderKey + "/" + ids.get(0);
    }

    private void report(boolean rejects, String where, String problem) {
      if (problem != null) {
        (rejects ? problems : warnings).add(new FeedProblem(where, problem));
      }
    }

    private void warnIf(String where, String problem) {
      report(false, where, problem);
    }

    private static void put(Map<String, String> identifiers, String type, String value) {
      if (value != null && !value.isBlank()) {
        identifiers.put(type, value.trim());
      }
    }
  }
}
