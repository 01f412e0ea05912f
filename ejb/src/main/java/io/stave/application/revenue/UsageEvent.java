package io.stave.application.revenue;

import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Money;
import io.stave.rules.domain.UsageUnit;
import io.stave.rules.domain.UseType;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One usage event as a feature client reports it: its own event id, the decision that permitted the
 * use, what it says was used (feature, use type, recording), how much (a quantity in a unit), the
 * money it reports if any, an attribution score for generated output, and when (from, to).
 */
public record UsageEvent(
    String eventId,
    String decisionId,
    String feature,
    UseType useType,
    Isrc isrc,
    UsageUnit unit,
    long quantity,
    Money amount,
    BigDecimal attribution,
    Instant from,
    Instant to) {

  /** The fields that make two reports of one event id the same event. */
  public String canonical() {
    return String.join(
        "\u001f",
        eventId,
        decisionId,
        String.valueOf(feature),
        useType.name(),
        isrc.code(),
        unit.name(),
        Long.toString(quantity),
        amount == null ? "" : amount.toString(),
        attribution == null ? "" : attribution.stripTrailingZeros().toPlainString(),
        from.toString(),
        to.toString());
  }
}
