package io.stave.rules.domain;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** A sound recording as the catalogue knows it, with the parties the rules ask about. */
public final class Recording implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Isrc isrc;
  private final String title;
  private final String displayArtist;
  private final List<String> mainArtistIds;
  private final String labelId;
  private final String pLine;

  public Recording(
      Isrc isrc,
      String title,
      String displayArtist,
      List<String> mainArtistIds,
      String labelId,
      String pLine) {
    this.isrc = Objects.requireNonNull(isrc, "isrc");
    if (displayArtist == null || displayArtist.isBlank()) {
      throw new InvalidValueException("displayArtist", "is required for " + isrc);
    }
    if (mainArtistIds == null || mainArtistIds.isEmpty()) {
      throw new InvalidValueException("mainArtists", "a recording needs at least one main artist");
    }
    this.title = title;
    this.displayArtist = displayArtist;
    this.mainArtistIds = List.copyOf(mainArtistIds);
    this.labelId = labelId;
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

  public String getPLine() {
    return pLine;
  }

  @Override
  public String toString() {
    return isrc + " '" + title + "' by " + displayArtist;
  }
}
