package io.stave.rules.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A licence term: who grants it, which recordings, where, when, and for which uses. A deal covers a
 * territory when it names it (or Worldwide) and does not exclude it; it is valid from its start
 * (inclusive) to its end (exclusive, open when absent).
 */
public final class Deal implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Set<String> STREAMING_USE_TYPES =
      Set.of("Stream", "OnDemandStream", "NonInteractiveStream");

  private final String dealId;
  private final String licensorId;
  private final Set<Isrc> recordings;
  private final Set<Territory> territories;
  private final Set<Territory> excludedTerritories;
  private final Instant validFrom;
  private final Instant validUntil;
  private final Set<UseType> aiUseTypes;
  private final Set<String> ddexUseTypes;
  private final String commercialModel;
  private final Integer maxExcerptSeconds;

  public Deal(
      String dealId,
      String licensorId,
      Set<Isrc> recordings,
      Set<Territory> territories,
      Set<Territory> excludedTerritories,
      Instant validFrom,
      Instant validUntil,
      Set<UseType> aiUseTypes,
      Set<String> ddexUseTypes,
      String commercialModel,
      Integer maxExcerptSeconds) {
    if (dealId == null || dealId.isBlank()) {
      throw new InvalidValueException("dealId", "is required");
    }
    if (recordings == null || recordings.isEmpty()) {
      throw new InvalidValueException("recordings", "deal " + dealId + " covers no recording");
    }
    if (territories == null || territories.isEmpty()) {
      throw new InvalidValueException("territories", "deal " + dealId + " names no territory");
    }
    if (validFrom == null) {
      throw new InvalidValueException("validFrom", "deal " + dealId + " has no start date");
    }
    if (validUntil != null && !validUntil.isAfter(validFrom)) {
      throw new InvalidValueException("validUntil", "deal " + dealId + " ends before it starts");
    }
    if (maxExcerptSeconds != null && maxExcerptSeconds <= 0) {
      throw new InvalidValueException("maxExcerptSeconds", "must be positive");
    }
    this.dealId = dealId;
    this.licensorId = licensorId;
    this.recordings = Set.copyOf(recordings);
    this.territories = Set.copyOf(territories);
    this.excludedTerritories =
        excludedTerritories == null ? Set.of() : Set.copyOf(excludedTerritories);
    this.validFrom = validFrom;
    this.validUntil = validUntil;
    this.aiUseTypes =
        aiUseTypes == null || aiUseTypes.isEmpty()
            ? Set.of()
            : Set.copyOf(EnumSet.copyOf(aiUseTypes));
    this.ddexUseTypes = ddexUseTypes == null ? Set.of() : Set.copyOf(ddexUseTypes);
    this.commercialModel = commercialModel;
    this.maxExcerptSeconds = maxExcerptSeconds;
  }

  public boolean coversRecording(Isrc isrc) {
    return recordings.contains(isrc);
  }

  public boolean coversTerritory(Territory territory) {
    if (excludedTerritories.contains(territory)) {
      return false;
    }
    return territories.contains(Territory.WORLDWIDE) || territories.contains(territory);
  }

  public boolean validAt(Instant at) {
    return !at.isBefore(validFrom) && (validUntil == null || at.isBefore(validUntil));
  }

  /** True when the deal's own use types name this AI use. */
  public boolean namesUseType(UseType useType) {
    return aiUseTypes.contains(useType);
  }

  /** True for a deal that lets a listener hear the unmodified recording. */
  public boolean isStreaming() {
    return ddexUseTypes.stream().anyMatch(STREAMING_USE_TYPES::contains);
  }

  public String getDealId() {
    return dealId;
  }

  public String getLicensorId() {
    return licensorId;
  }

  public Set<Isrc> getRecordings() {
    return recordings;
  }

  public Set<Territory> getTerritories() {
    return territories;
  }

  public Set<Territory> getExcludedTerritories() {
    return excludedTerritories;
  }

  public Instant getValidFrom() {
    return validFrom;
  }

  public Instant getValidUntil() {
    return validUntil;
  }

  public Set<UseType> getAiUseTypes() {
    return aiUseTypes;
  }

  public Set<String> getDdexUseTypes() {
    return ddexUseTypes;
  }

  public String getCommercialModel() {
    return commercialModel;
  }

  public Integer getMaxExcerptSeconds() {
    return maxExcerptSeconds;
  }

  public boolean hasExcerptLimit() {
    return maxExcerptSeconds != null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Deal other && dealId.equals(other.dealId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dealId);
  }

  @Override
  public String toString() {
    return "deal " + dealId;
  }
}
