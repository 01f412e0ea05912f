package io.stave.rules.domain;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A sound recording as the catalogue knows it, with the parties the rules ask about. A label may
 * deliver a recording whose main artists it does not name: it is kept, its main artists are
 * unknown, and the policy denies every use that needs their opt-in.
 */
public final class Recording implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Isrc isrc;
  private final String title;
  private final String displayArtist;
  private final List<String> mainArtistIds;
  private final String labelId;
  private final String rightsControllerId;
  private final String pLine;

  public Recording(
      Isrc isrc,
      String title,
      String displayArtist,
      List<String> mainArtistIds,
      String labelId,
      String pLine) {
    this(isrc, title, displayArtist, mainArtistIds, labelId, null, pLine);
  }

  public Recording(
      Isrc isrc,
      String title,
      String displayArtist,
      List<String> mainArtistIds,
      String labelId,
      String rightsControllerId,
      String pLine) {
    this.isrc = Objects.requireNonNull(isrc, "isrc");
    if (displayArtist == null || displayArtist.isBlank()) {
      throw new InvalidValueException("displayArtist", "is required for " + isrc);
    }
    this.title = title;
    this.displayArtist = displayArtist;
    this.mainArtistIds = mainArtistIds == null ? List.of() : List.copyOf(mainArtistIds);
    this.labelId = labelId;
    this.rightsControllerId = rightsControllerId;
    this.pLine = pLine;
  }

  public Isrc getIsrc() {
    return isrc;
  }

  public String getTitle() {
    return title;
  }

  public String getDisplayArtist() {
    return displayArtist;
  }

  public List<String> getMainArtistIds() {
    return mainArtistIds;
  }

  public String getLabelId() {
    return labelId;
  }

  /** False when the label named no main artist: nobody's opt-in can be known. */
  public boolean isMainArtistKnown() {
    return !mainArtistIds.isEmpty();
  }

  /** The party that controls the rights in the recording, as the label's feed named it. */
  public String getRightsControllerId() {
    return rightsControllerId;
  }

  /**
   * Who licenses this recording under the deal, and so is paid when no split sheet names anyone:
   * the recording's rights controller, else its label, else the deal's licensor (the party that
   * sent the deal).
   */
  public Payee licensorUnder(Deal deal) {
    if (rightsControllerId != null) {
      return new Payee(
          rightsControllerId, Payee.RIGHTS_CONTROLLER, "the rights controller of " + isrc.code());
    }
    if (labelId != null) {
      return new Payee(labelId, Payee.LABEL, "the label of " + isrc.code());
    }
    if (deal.getLicensorId() != null) {
      return new Payee(
          deal.getLicensorId(), Payee.LICENSOR, "the sender of deal " + deal.getDealId());
    }
    return null;
  }

  /** True when {@link #licensorUnder} names someone: the recording or the deal names a party. */
  public boolean hasLicensorUnder(Deal deal) {
    return licensorUnder(deal) != null;
  }

  public String getPLine() {
    return pLine;
  }

  @Override
  public String toString() {
    return isrc + " '" + title + "' by " + displayArtist;
  }
}
