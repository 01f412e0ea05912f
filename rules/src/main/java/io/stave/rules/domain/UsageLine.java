package io.stave.rules.domain;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One accepted usage event as the revenue rules see it: which decision permitted it, the feature,
 * use type, recording and territory of that decision, how much was used (a quantity in a unit), the
 * money the feature reported for it if any, and for generative output the attribution score (0..1)
 * that says how much of the output came from this recording. The split sheet is the one the
 * decision named; the rules do not choose who is paid, only how much a use earns.
 */
public final class UsageLine implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String eventId;
  private final String decisionId;
  private final String feature;
  private final UseType useType;
  private final Isrc isrc;
  private final Territory territory;
  private final UsageUnit unit;
  private final long quantity;
  private final Money amount;
  private final BigDecimal attribution;
  private final SplitSheet split;

  public UsageLine(
      String eventId,
      String decisionId,
      String feature,
      UseType useType,
      Isrc isrc,
      Territory territory,
      UsageUnit unit,
      long quantity,
      Money amount,
      BigDecimal attribution,
      SplitSheet split) {
    if (eventId == null || eventId.isBlank()) {
      throw new InvalidValueException("eventId", "is required");
    }
    if (quantity < 0) {
      throw new InvalidValueException("quantity", "must not be negative");
    }
    if (attribution != null
        && (attribution.signum() < 0 || attribution.compareTo(BigDecimal.ONE) > 0)) {
      throw new InvalidValueException("attribution", attribution + " is not within 0..1");
    }
    this.eventId = eventId;
    this.decisionId = Objects.requireNonNull(decisionId, "decisionId");
    this.feature = feature == null ? "" : feature;
    this.useType = Objects.requireNonNull(useType, "useType");
    this.isrc = Objects.requireNonNull(isrc, "isrc");
    this.territory = Objects.requireNonNull(territory, "territory");
    this.unit = Objects.requireNonNull(unit, "unit");
    this.quantity = quantity;
    this.amount = amount;
    this.attribution = attribution;
    this.split = Objects.requireNonNull(split, "split");
  }

  public String getEventId() {
    return eventId;
  }

  public String getDecisionId() {
    return decisionId;
  }

  public String getFeature() {
    return feature;
  }

  public UseType getUseType() {
    return useType;
  }

  public Isrc getIsrc() {
    return isrc;
  }

  public String getIsrcCode() {
    return isrc.code();
  }

  public Territory getTerritory() {
    return territory;
  }

  public String getTerritoryCode() {
    return territory.code();
  }

  public UsageUnit getUnit() {
    return unit;
  }

  public long getQuantity() {
    return quantity;
  }

  /** Whether the feature reported money for this use. */
  public boolean isReportsAmount() {
    return amount != null;
  }

  public Money getAmount() {
    return amount;
  }

  /** The ISO 4217 code of the reported amount, or "" when none was reported. */
  public String getCurrencyCode() {
    return amount == null ? "" : amount.currency().getCurrencyCode();
  }

  public boolean isAttributed() {
    return attribution != null;
  }

  /** The attribution score (0..1), or null when the feature reported none. */
  public BigDecimal getAttribution() {
    return attribution;
  }

  /** Quantity × attribution score; 0 without a score. */
  public BigDecimal getAttributedQuantity() {
    return attribution == null
        ? BigDecimal.ZERO
        : attribution.multiply(BigDecimal.valueOf(quantity));
  }

  /**
   * For rate cards: whether this use is of {@code feature} in listener territory {@code territory},
   * either of which may be "*" for any.
   */
  public boolean isFor(String feature, String territory) {
    return ("*".equals(feature) || this.feature.equals(feature))
        && ("*".equals(territory) || this.territory.code().equals(territory));
  }

  public SplitSheet getSplit() {
    return split;
  }

  @Override
  public String toString() {
    return "usage " + eventId + " (" + useType + " of " + isrc + ", " + quantity + " " + unit + ")";
  }
}
