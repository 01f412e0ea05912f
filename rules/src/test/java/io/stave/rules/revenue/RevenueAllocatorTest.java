package io.stave.rules.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Money;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RevenueAllocatorTest {
  private static final Isrc SONG = Isrc.of("USRC17607839");
  private static final Currency EUR = Currency.getInstance("EUR");

  private static SplitSheet sheet(String... percents) {
    List<Share> shares = new ArrayList<>();
    for (int i = 0; i < percents.length; i++) {
      shares.add(new Share("party-" + (char) ('a' + i), "ROLE", Percent.of(percents[i])));
    }
    return new SplitSheet("s", SONG, null, shares);
  }

  private static long[] units(List<Payout> payouts) {
    return payouts.stream().mapToLong(p -> p.amount().minorUnits()).toArray();
  }

  @Test
  void oneEuroSplitInThreeGivesTheLeftoverCentByTheLargestRemainder() {
    var payouts = RevenueAllocator.allocate(new Money(100, EUR), sheet("33.33", "33.33", "33.34"));
    // exact parts 33.33, 33.33, 33.34 cents: floors 33, 33, 33; the 1 cent left goes to the 0.34.
    assertEquals(
        List.of(33L, 33L, 34L), List.of(units(payouts)[0], units(payouts)[1], units(payouts)[2]));
  }

  @Test
  void tiesGoToTheLargerShareThenToThePartyIdInOrder() {
    var payouts = RevenueAllocator.allocate(new Money(1, EUR), sheet("50", "50"));
    assertEquals(1, units(payouts)[0]);
    assertEquals(0, units(payouts)[1]);
  }

  @Test
  void theSameInputAlwaysPaysTheSameWay() {
    SplitSheet split = sheet("12.5", "37.5", "25", "25");
    assertEquals(
        RevenueAllocator.allocate(new Money(999, EUR), split),
        RevenueAllocator.allocate(new Money(999, EUR), split));
  }

  @Test
  void aSplitThatAddsUpTo99Point99IsRefused() {
    var error = assertThrows(InvalidValueException.class, () -> sheet("50", "49.99"));
    assertTrue(error.getMessage().contains("99.99"), error.getMessage());
  }

  @Test
  void aSplitThatAddsUpToMoreThan100IsRefused() {
    assertThrows(InvalidValueException.class, () -> sheet("50", "50.01"));
  }

  @Test
  void aHugeAmountDoesNotOverflow() {
    long huge = Long.MAX_VALUE / 3;
    var payouts = RevenueAllocator.allocate(new Money(huge, EUR), sheet("33.33", "33.33", "33.34"));
    assertEquals(huge, java.util.Arrays.stream(units(payouts)).sum());
  }

  /** 100,000 seeded random split sheets and amounts. */
  @Test
  void payoutsAlwaysAddUpNeverGoNegativeAndStayWithinOneMinorUnitOfTheExactShare() {
    SplittableRandom random = new SplittableRandom(20261124L);
    for (int run = 0; run < 100_000; run++) {
      int parties = 1 + random.nextInt(12);
      long[] basisPoints = randomPartition(random, parties);
      List<Share> shares = new ArrayList<>();
      for (int i = 0; i < parties; i++) {
        shares.add(
            new Share(
                "p" + i,
                i % 2 == 0 ? "ARTIST" : "LABEL",
                new Percent(BigDecimal.valueOf(basisPoints[i], 2))));
      }
      SplitSheet split = new SplitSheet("s" + run, SONG, null, shares);
      long amount =
          random.nextInt(4) == 0
              ? random.nextLong(0, 1_000_000_000_000L)
              : random.nextLong(0, 10_000);
      List<Payout> payouts = RevenueAllocator.allocate(new Money(amount, EUR), split);

      long sum = 0;
      for (int i = 0; i < parties; i++) {
        long paid = payouts.get(i).amount().minorUnits();
        assertTrue(paid >= 0, "negative payout");
        BigInteger exactTimes10k =
            BigInteger.valueOf(amount).multiply(BigInteger.valueOf(basisPoints[i]));
        BigInteger paidTimes10k = BigInteger.valueOf(paid).multiply(BigInteger.valueOf(10_000));
        assertTrue(
            paidTimes10k.subtract(exactTimes10k).abs().compareTo(BigInteger.valueOf(10_000)) < 0,
            () ->
                "payout more than one minor unit from the exact share in run with amount "
                    + amount);
        sum += paid;
      }
      assertEquals(amount, sum, "payouts must add up to the amount");
    }
  }

  /** Random shares in basis points that add up to exactly 10,000, some of them zero. */
  private static long[] randomPartition(SplittableRandom random, int parties) {
    long[] cuts = new long[parties + 1];
    cuts[parties] = 10_000;
    for (int i = 1; i < parties; i++) {
      cuts[i] = random.nextLong(0, 10_001);
    }
    java.util.Arrays.sort(cuts);
    long[] parts = new long[parties];
    for (int i = 0; i < parties; i++) {
      parts[i] = cuts[i + 1] - cuts[i];
    }
    return parts;
  }
}
