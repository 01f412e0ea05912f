package io.stave.routes.ern;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What Stave needs from an ERN {@code NewReleaseMessage}, the same for every ERN version: the
 * sender and when it made the message, the parties, the recordings (sound recordings and videos
 * with an ISRC), the releases and which resources they hold, and the deals with the releases they
 * cover. References ({@code P…}, {@code A…}, {@code R…}) are the message-local ones; {@link
 * ErnMapper} resolves them.
 */
public record ReleaseNotification(
    ErnVersion version,
    String messageId,
    java.time.Instant createdAt,
    String senderDpid,
    String senderName,
    Map<String, PartyDescription> parties,
    List<ResourceDescription> resources,
    List<ReleaseDescription> releases,
    boolean hasDealList,
    List<DealGroup> dealGroups)
    implements ErnMessage {

  /** A reference to a resource Stave does not read (an image, a text, a clip). */
  public static final String OTHER_RESOURCE = "(not a recording)";

  public record ProprietaryId(String namespace, String value) {}

  public record PartyDescription(
      String reference,
      String name,
      String isni,
      String dpid,
      String ipi,
      List<ProprietaryId> proprietaryIds) {}

  public record ArtistCredit(String partyReference, String role) {}

  /** A rights controller's share; {@code percent} null means the message gave none (DDEX: 100). */
  public record RightsShare(
      String partyReference, List<String> roles, BigDecimal percent, boolean shareUnknown) {}

  public record ResourceDescription(
      String reference,
      String kind,
      String isrc,
      String title,
      String displayArtistName,
      List<ArtistCredit> displayArtists,
      String pLine,
      List<RightsShare> rightsControllers) {}

  public record ReleaseDescription(
      String reference,
      boolean main,
      String icpn,
      String grid,
      String catalogNumber,
      List<ProprietaryId> proprietaryIds,
      String labelPartyReference,
      String pLine,
      List<String> resourceReferences) {}

  public record UseTypeValue(String value, String userDefinedValue) {}

  /** One validity period of one deal: DDEX dates (yyyy[-mm[-dd]]) or date-times, as written. */
  public record Validity(
      String startDate, String endDate, String startDateTime, String endDateTime) {}

  public record DealDescription(
      int position,
      boolean hasTerms,
      List<String> territories,
      List<String> excludedTerritories,
      List<Validity> validity,
      List<String> commercialModels,
      List<UseTypeValue> useTypes) {}

  public record DealGroup(
      int position, List<String> releaseReferences, List<DealDescription> deals) {}
}
