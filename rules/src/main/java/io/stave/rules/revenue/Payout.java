package io.stave.rules.revenue;

import io.stave.rules.domain.Money;

/** What one party is paid, in one role, from one allocation. */
public record Payout(String partyId, String role, Money amount) {}
