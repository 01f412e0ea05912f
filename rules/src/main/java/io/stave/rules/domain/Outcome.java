package io.stave.rules.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one place rules write to while a request is evaluated. Consequences call its typed methods
 * ({@code outcome.deny(...)}, {@code outcome.oblige(...)}) instead of building results by hand; the
 * engine turns it into a {@link Decision} and enforces the fail-closed guarantees on top.
 */
public final class Outcome {
  private final List<Reason> denials = new ArrayList<>();
  private final Map<ObligationType, Obligation> obligations = new EnumMap<>(ObligationType.class);

  /** Record a denial; any denial wins over every licence. */
  public void deny(ReasonCode code, String rule, String message) {
    denials.add(new Reason(code, rule, message));
  }

  /** Add an obligation; a later one of the same type replaces the earlier one. */
  public void oblige(ObligationType type, Map<String, String> attributes) {
    obligations.put(type, new Obligation(type, attributes));
  }

  /** Keep the tightest duration cap when several deals set one. */
  public void capDuration(int seconds, String dealId) {
    Obligation current = obligations.get(ObligationType.MAX_DURATION_SECONDS);
    if (current == null || Integer.parseInt(current.attributes().get("seconds")) > seconds) {
      oblige(
          ObligationType.MAX_DURATION_SECONDS,
          Map.of("seconds", Integer.toString(seconds), "deal", dealId));
    }
  }

  public boolean isDenied() {
    return !denials.isEmpty();
  }

  public List<Reason> denials() {
    return Collections.unmodifiableList(denials);
  }

  public List<Obligation> obligations() {
    return List.copyOf(obligations.values());
  }
}
