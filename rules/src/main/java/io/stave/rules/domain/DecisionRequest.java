package io.stave.rules.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** "May feature F do use U with recording R for a listener in territory T at time t?" */
public final class DecisionRequest implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String requestId;
  private final String feature;
  private final UseType useType;
  private final Isrc isrc;
  private final Territory territory;
  private final Instant at;
  private final Map<String, String> context;

  public DecisionRequest(
      String requestId,
      String feature,
      UseType useType,
      Isrc isrc,
      Territory territory,
      Instant at,
      Map<String, String> context) {
    this.requestId = requestId;
    this.feature = feature;
    this.useType = Objects.requireNonNull(useType, "useType");
    this.isrc = Objects.requireNonNull(isrc, "isrc");
    this.territory = Objects.requireNonNull(territory, "territory");
    this.at = Objects.requireNonNull(at, "at");
    this.context = context == null ? Map.of() : Map.copyOf(context);
  }

  public String getRequestId() {
    return requestId;
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

  public Territory getTerritory() {
    return territory;
  }

  public Instant getAt() {
    return at;
  }

  /** The ISRC as text, so a rule can compare it with a literal the engine can index. */
  public String getIsrcCode() {
    return isrc.code();
  }

  /** The territory code as text, so a rule can compare it with a literal the engine can index. */
  public String getTerritoryCode() {
    return territory.code();
  }

  public Map<String, String> getContext() {
    return context;
  }

  public String describe() {
    return useType + " of " + isrc + " in " + territory + " at " + at;
  }
}
