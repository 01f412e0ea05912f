package io.stave.rules.revenue;

import io.stave.rules.domain.Money;
import io.stave.rules.domain.UseType;

/**
 * What one party earned in one role in a period from one revenue model (the rate card or a pool),
 * for one recording, use type and feature, in the currency the money came in.
 */
public record Earning(
    String partyId,
    String role,
    String model,
    UseType useType,
    String feature,
    String isrc,
    Money amount) {}
