package io.stave.routes.ern;

import io.stave.routes.ddex.ern432.Deal;
import io.stave.routes.ddex.ern432.DealTerms;
import io.stave.routes.ddex.ern432.DetailedPartyId;
import io.stave.routes.ddex.ern432.DisplayArtist;
import io.stave.routes.ddex.ern432.DisplayTitleText;
import io.stave.routes.ddex.ern432.NewReleaseMessage;
import io.stave.routes.ddex.ern432.Party;
import io.stave.routes.ddex.ern432.PartyNameWithTerritory;
import io.stave.routes.ddex.ern432.PeriodWithStartDate;
import io.stave.routes.ddex.ern432.PurgeReleaseMessage;
import io.stave.routes.ddex.ern432.Release;
import io.stave.routes.ddex.ern432.ReleaseDeal;
import io.stave.routes.ddex.ern432.ReleaseId;
import io.stave.routes.ddex.ern432.ResourceGroup;
import io.stave.routes.ddex.ern432.ResourceRightsController;
import io.stave.routes.ddex.ern432.ResourceSubGroup;
import io.stave.routes.ddex.ern432.SoundRecording;
import io.stave.routes.ddex.ern432.TrackRelease;
import io.stave.routes.ddex.ern432.Video;
import io.stave.routes.ern.ReleaseNotification.ArtistCredit;
import io.stave.routes.ern.ReleaseNotification.DealDescription;
import io.stave.routes.ern.ReleaseNotification.DealGroup;
import io.stave.routes.ern.ReleaseNotification.PartyDescription;
import io.stave.routes.ern.ReleaseNotification.ProprietaryId;
import io.stave.routes.ern.ReleaseNotification.ReleaseDescription;
import io.stave.routes.ern.ReleaseNotification.ResourceDescription;
import io.stave.routes.ern.ReleaseNotification.RightsShare;
import io.stave.routes.ern.ReleaseNotification.UseTypeValue;
import io.stave.routes.ern.ReleaseNotification.Validity;
import jakarta.xml.bind.JAXBElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Describes an ERN 4.3.2 message version-neutrally (see {@link ReleaseNotification}). */
final class Ern432Adapter {
  private Ern432Adapter() {}

  static ReleaseNotification describe(NewReleaseMessage message) {
    var header = message.getMessageHeader();
    var sender = header.getMessageSender();
    Map<String, PartyDescription> parties = new LinkedHashMap<>();
    if (message.getPartyList() != null) {
      for (Party party : message.getPartyList().getParty()) {
        PartyDescription description = party(party);
        parties.put(description.reference(), description);
      }
    }
    List<ResourceDescription> resources = new ArrayList<>();
    if (message.getResourceList() != null) {
      message.getResourceList().getSoundRecording().forEach(r -> resources.add(soundRecording(r)));
      message.getResourceList().getVideo().forEach(v -> resources.add(video(v)));
    }
    List<ReleaseDescription> releases = new ArrayList<>();
    var releaseList = message.getReleaseList();
    if (releaseList != null) {
      if (releaseList.getRelease() != null) {
        releases.add(release(releaseList.getRelease()));
      }
      releaseList.getTrackRelease().forEach(t -> releases.add(trackRelease(t)));
    }
    List<DealGroup> groups = new ArrayList<>();
    if (message.getDealList() != null) {
      int position = 0;
      for (ReleaseDeal releaseDeal : message.getDealList().getReleaseDeal()) {
        groups.add(dealGroup(++position, releaseDeal));
      }
    }
    return new ReleaseNotification(
        ErnVersion.ERN_432,
        header.getMessageId(),
        createdAt(header.getMessageCreatedDateTime()),
        sender == null ? null : sender.getPartyId(),
        sender == null || sender.getPartyName() == null
            ? null
            : sender.getPartyName().getFullName(),
        parties,
        resources,
        releases,
        message.getDealList() != null,
        groups);
  }

  static PurgeNotification describe(PurgeReleaseMessage message) {
    var header = message.getMessageHeader();
    var sender = header.getMessageSender();
    ReleaseId id =
        message.getPurgedRelease() == null ? null : message.getPurgedRelease().getReleaseId();
    return new PurgeNotification(
        ErnVersion.ERN_432,
        header.getMessageId(),
        createdAt(header.getMessageCreatedDateTime()),
        sender == null ? null : sender.getPartyId(),
        sender == null || sender.getPartyName() == null
            ? null
            : sender.getPartyName().getFullName(),
        id == null ? null : id.getICPN(),
        id == null ? null : id.getGRid(),
        catalogNumber(id),
        proprietaryIds(id));
  }

  /** MessageCreatedDateTime; one written without a zone is read as UTC. */
  private static java.time.Instant createdAt(javax.xml.datatype.XMLGregorianCalendar created) {
    if (created == null) {
      return null;
    }
    if (created.getTimezone() == javax.xml.datatype.DatatypeConstants.FIELD_UNDEFINED) {
      created = (javax.xml.datatype.XMLGregorianCalendar) created.clone();
      created.setTimezone(0);
    }
    return created.toGregorianCalendar().toInstant();
  }

  private static PartyDescription party(Party party) {
    String reference = null;
    String name = null;
    String isni = null;
    String dpid = null;
    String ipi = null;
    List<ProprietaryId> proprietary = new ArrayList<>();
    for (JAXBElement<?> element : party.getContent()) {
      Object value = element.getValue();
      switch (element.getName().getLocalPart()) {
        case "PartyReference" -> reference = (String) value;
        case "PartyName" -> {
          PartyNameWithTerritory partyName = (PartyNameWithTerritory) value;
          if (name == null && partyName.getFullName() != null) {
            name = partyName.getFullName().getValue();
          }
        }
        case "PartyId" -> {
          DetailedPartyId id = (DetailedPartyId) value;
          isni = isni == null ? id.getISNI() : isni;
          dpid = dpid == null ? id.getDPID() : dpid;
          ipi = ipi == null ? id.getIpiNameNumber() : ipi;
          id.getProprietaryId()
              .forEach(p -> proprietary.add(new ProprietaryId(p.getNamespace(), p.getValue())));
        }
        default -> {
          // affiliations, related parties and profile pages are not facts the rules use
        }
      }
    }
    return new PartyDescription(reference, name, isni, dpid, ipi, proprietary);
  }

  private static ResourceDescription soundRecording(SoundRecording recording) {
    List<String> isrcs = new ArrayList<>();
    List<String> pLines = new ArrayList<>();
    for (var edition : recording.getSoundRecordingEdition()) {
      edition.getResourceId().forEach(id -> isrcs.add(id.getISRC()));
      edition.getPLine().forEach(line -> pLines.add(line.getPLineText()));
    }
    return resource(
        recording.getResourceReference(),
        "SoundRecording",
        isrcs,
        pLines,
        recording.getDisplayTitleText(),
        recording.getDisplayArtistName().isEmpty()
            ? null
            : recording.getDisplayArtistName().get(0).getValue(),
        recording.getDisplayArtist(),
        recording.getResourceRightsController());
  }

  private static ResourceDescription video(Video video) {
    List<String> isrcs = new ArrayList<>();
    List<String> pLines = new ArrayList<>();
    for (var edition : video.getVideoEdition()) {
      edition.getResourceId().forEach(id -> isrcs.add(id.getISRC()));
      edition.getPLine().forEach(line -> pLines.add(line.getPLineText()));
    }
    return resource(
        video.getResourceReference(),
        "Video",
        isrcs,
        pLines,
        video.getDisplayTitleText(),
        video.getDisplayArtistName().isEmpty()
            ? null
            : video.getDisplayArtistName().get(0).getValue(),
        video.getDisplayArtist(),
        video.getResourceRightsController());
  }

  /** What sound recordings and videos share; the first ISRC, title, name and p-line given count. */
  private static ResourceDescription resource(
      String reference,
      String kind,
      List<String> isrcs,
      List<String> pLines,
      List<DisplayTitleText> titles,
      String displayArtistName,
      List<DisplayArtist> artists,
      List<ResourceRightsController> controllers) {
    return new ResourceDescription(
        reference,
        kind,
        isrcs.stream().filter(java.util.Objects::nonNull).findFirst().orElse(null),
        titles.isEmpty() ? null : titles.get(0).getValue(),
        displayArtistName,
        artists.stream()
            .map(
                a ->
                    new ArtistCredit(
                        reference(a.getArtistPartyReference()), roleOf(a.getDisplayArtistRole())))
            .toList(),
        pLines.stream().filter(java.util.Objects::nonNull).findFirst().orElse(null),
        rightsControllers(controllers));
  }

  private static List<RightsShare> rightsControllers(List<ResourceRightsController> controllers) {
    return controllers.stream()
        .map(
            c ->
                new RightsShare(
                    reference(c.getRightsControllerPartyReference()),
                    List.copyOf(c.getRightsControlType()),
                    c.getRightSharePercentage() == null
                        ? null
                        : c.getRightSharePercentage().getValue(),
                    Boolean.TRUE.equals(c.isRightShareUnknown())))
        .toList();
  }

  private static ReleaseDescription release(Release release) {
    List<String> resources = new ArrayList<>();
    collect(release.getResourceGroup(), resources);
    return new ReleaseDescription(
        release.getReleaseReference(),
        true,
        release.getReleaseId() == null ? null : release.getReleaseId().getICPN(),
        release.getReleaseId() == null ? null : release.getReleaseId().getGRid(),
        catalogNumber(release.getReleaseId()),
        proprietaryIds(release.getReleaseId()),
        release.getReleaseLabelReference().isEmpty()
            ? null
            : reference(release.getReleaseLabelReference().get(0).getValue()),
        release.getPLine().isEmpty() ? null : release.getPLine().get(0).getPLineText(),
        resources);
  }

  private static ReleaseDescription trackRelease(TrackRelease track) {
    return new ReleaseDescription(
        track.getReleaseReference(),
        false,
        track.getReleaseId() == null ? null : track.getReleaseId().getICPN(),
        track.getReleaseId() == null ? null : track.getReleaseId().getGRid(),
        catalogNumber(track.getReleaseId()),
        proprietaryIds(track.getReleaseId()),
        track.getReleaseLabelReference().isEmpty()
            ? null
            : reference(track.getReleaseLabelReference().get(0).getValue()),
        null,
        List.of(reference(track.getReleaseResourceReference())));
  }

  private static void collect(ResourceGroup group, List<String> into) {
    if (group == null) {
      return;
    }
    group
        .getResourceGroupContentItem()
        .forEach(item -> into.add(reference(item.getReleaseResourceReference())));
    group.getResourceGroup().forEach(sub -> collect(sub, into));
  }

  private static void collect(ResourceSubGroup group, List<String> into) {
    group
        .getResourceGroupContentItem()
        .forEach(item -> into.add(reference(item.getReleaseResourceReference())));
    group.getResourceGroup().forEach(sub -> collect(sub, into));
  }

  private static String catalogNumber(ReleaseId id) {
    return id == null || id.getCatalogNumber() == null ? null : id.getCatalogNumber().getValue();
  }

  private static List<ProprietaryId> proprietaryIds(ReleaseId id) {
    return id == null
        ? List.of()
        : id.getProprietaryId().stream()
            .map(p -> new ProprietaryId(p.getNamespace(), p.getValue()))
            .toList();
  }

  private static DealGroup dealGroup(int position, ReleaseDeal releaseDeal) {
    List<String> releases =
        releaseDeal.getDealReleaseReference().stream().map(r -> reference(r.getValue())).toList();
    List<DealDescription> deals = new ArrayList<>();
    int dealPosition = 0;
    for (Deal deal : releaseDeal.getDeal()) {
      deals.add(deal(++dealPosition, deal.getDealTerms()));
    }
    return new DealGroup(position, releases, deals);
  }

  private static DealDescription deal(int position, DealTerms terms) {
    if (terms == null) {
      return new DealDescription(
          position, false, List.of(), List.of(), List.of(), List.of(), List.of());
    }
    return new DealDescription(
        position,
        true,
        terms.getTerritoryCode().stream().map(t -> t.getValue()).toList(),
        terms.getExcludedTerritoryCode().stream().map(t -> t.getValue()).toList(),
        terms.getValidityPeriod().stream().map(Ern432Adapter::validity).toList(),
        terms.getCommercialModelType().stream().map(c -> c.getValue()).toList(),
        terms.getUseType().stream()
            .map(u -> new UseTypeValue(u.getValue(), u.getUserDefinedValue()))
            .toList());
  }

  private static Validity validity(PeriodWithStartDate period) {
    return new Validity(
        period.getStartDate() == null ? null : period.getStartDate().getValue(),
        period.getEndDate() == null ? null : period.getEndDate().getValue(),
        period.getStartDateTime() == null
            ? null
            : period.getStartDateTime().getValue().toXMLFormat(),
        period.getEndDateTime() == null ? null : period.getEndDateTime().getValue().toXMLFormat());
  }

  private static String roleOf(io.stave.routes.ddex.ern432.DisplayArtistRole role) {
    if (role == null) {
      return null;
    }
    return "UserDefined".equals(role.getValue()) && role.getUserDefinedValue() != null
        ? ArtistRoles.USER_DEFINED_PREFIX + role.getUserDefinedValue()
        : role.getValue();
  }

  /**
   * The message-local reference an IDREF pointed at (JAXB resolves IDREFs to the target object).
   */
  private static String reference(Object target) {
    if (target == null) {
      return null;
    }
    if (target instanceof JAXBElement<?> element) {
      return reference(element.getValue());
    }
    if (target instanceof String value) {
      return value;
    }
    if (target instanceof SoundRecording recording) {
      return recording.getResourceReference();
    }
    if (target instanceof Video video) {
      return video.getResourceReference();
    }
    if (target instanceof Release release) {
      return release.getReleaseReference();
    }
    if (target instanceof TrackRelease track) {
      return track.getReleaseReference();
    }
    if (target instanceof Party party) {
      return party(party).reference();
    }
    return ReleaseNotification.OTHER_RESOURCE;
  }
}
