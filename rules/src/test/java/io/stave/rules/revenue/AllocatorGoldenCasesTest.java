package io.stave.rules.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.domain.Money;
import io.stave.rules.revenue.RevenueAllocator.Claim;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The golden cases, each computed by hand, and one million seeded random allocations. */
class AllocatorGoldenCasesTest {

  private static List<String> allocate(String amount, String currency, Claim... claims) {
    return RevenueAllocator.allocate(Money.of(amount, currency), List.of(claims)).stream()
        .map(m -> m.asDecimal().toPlainString())
        .toList();
  }

  @Test
  void euro100Point51At50_25_25() {
    // 10051 cents. Exact parts: 10051×50/100 = 5025.5, 10051×25/100 = 2512.75 (twice).
    // Floors 5025 + 2512 + 2512 = 10049; 2 cents left. Dropped fractions .5, .75, .75: the two
    // .75s get one cent each → 5025, 2513, 2513.
    assertEquals(
        List.of("50.25", "25.13", "25.13"),
        allocate("100.51", "EUR", Claim.of("a", 50), Claim.of("b", 25), Claim.of("c", 25)));
  }

  @Test
  void fiveCentsAt70_30InEitherPartyOrder() {
    // 5 cents. Exact parts 3.5 and 1.5; floors 3 + 1 = 4; 1 cent left. Both dropped .5: a tie,
    // which goes to the larger weight (70) whatever order the parties come in → 4 and 1.
    assertEquals(
        List.of("0.04", "0.01"),
        allocate("0.05", "EUR", Claim.of("seventy", 70), Claim.of("thirty", 30)));
    assertEquals(
        List.of("0.01", "0.04"),
        allocate("0.05", "EUR", Claim.of("thirty", 30), Claim.of("seventy", 70)));
    // Same with names that sort the other way: the weight decides before the name.
    assertEquals(
        List.of("0.01", "0.04"),
        allocate("0.05", "EUR", Claim.of("a-thirty", 30), Claim.of("z-seventy", 70)));
  }

  @Test
  void tenAt100_0() {
    // 1000 cents: 1000×100/100 = 1000 exactly, 1000×0/100 = 0; nothing left over.
    assertEquals(
        List.of("10.00", "0.00"),
        allocate("10.00", "EUR", Claim.of("all", 100), Claim.of("none", 0)));
  }

  @Test
  void thousandYenInThirds() {
    // JPY has no minor unit (exponent 0): 1000 yen. Exact parts 333.33… each; floors 999; 1 yen
    // left; all fractions and weights tie, so the first key in order ("a") gets it.
    assertEquals(
        List.of("334", "333", "333"),
        allocate("1000", "JPY", Claim.of("a", 1), Claim.of("b", 1), Claim.of("c", 1)));
    // In another order the yen still goes to "a".
    assertEquals(
        List.of("333", "334", "333"),
        allocate("1000", "JPY", Claim.of("c", 1), Claim.of("a", 1), Claim.of("b", 1)));
  }

  @Test
  void oneDinarInThirds() {
    // KWD has three decimals: 1.000 KWD is 1000 fils; as for yen: 334, 333, 333 fils.
    assertEquals(
        List.of("0.334", "0.333", "0.333"),
        allocate("1.000", "KWD", Claim.of("a", 1), Claim.of("b", 1), Claim.of("c", 1)));
  }

  @Test
  void anAmountWithMoreDecimalsThanTheCurrencyHasIsRefused() {
    assertThrows(InvalidValueException.class, () -> Money.of("1.5", "JPY"));
    assertThrows(InvalidValueException.class, () -> Money.of("0.0001", "KWD"));
  }

  @Test
  void fractionalWeightsAreExact() {
    // Weights 0.1 and 0.2 (seconds × a price, say): exact parts of 100 are 33.33… and 66.66…;
    // floors 33 + 66 = 99; the larger fraction (.66…) gets the last unit → 33, 67.
    assertEquals(
        List.of("0.33", "0.67"),
        allocate(
            "1.00",
            "EUR",
            new Claim("x", new BigDecimal("0.1")),
            new Claim("y", new BigDecimal("0.2"))));
  }

  @Test
  void aKeyTwiceOrNoWeightAtAllIsRefused() {
    assertThrows(
        InvalidValueException.class,
        () -> RevenueAllocator.allocate(10, List.of(Claim.of("a", 1), Claim.of("a", 2))));
    assertThrows(
        InvalidValueException.class,
        () -> RevenueAllocator.allocate(10, List.of(Claim.of("a", 0), Claim.of("b", 0))));
    assertEquals(0, RevenueAllocator.allocate(0, List.of(Claim.of("a", 0)))[0]);
  }

  private static boolean withinOneUnit(long units, long weightTotal, long total, long weight) {
    if (Math.multiplyHigh(units, weightTotal) == 0
        && Math.multiplyHigh(total, weight) == 0
        && units * weightTotal >= 0
        && total * weight >= 0) {
      return Math.abs(units * weightTotal - total * weight) < weightTotal;
    }
    BigInteger error =
        BigInteger.valueOf(units)
            .multiply(BigInteger.valueOf(weightTotal))
            .subtract(BigInteger.valueOf(total).multiply(BigInteger.valueOf(weight)))
            .abs();
    return error.compareTo(BigInteger.valueOf(weightTotal)) < 0;
  }

  /**
   * One million seeded random allocations (amounts from 0 to 10^12 minor units, 1 to 12 claims,
   * weights from whole numbers to six decimals, some zero): the parts sum to the amount, none is
   * negative, each is within one minor unit of its exact share, and a shuffled copy of the claims
   * pays every key the same.
   */
  @Test
  void aMillionRandomAllocationsConserveTheAmountAndDoNotDependOnOrder() {
    SplittableRandom random = new SplittableRandom(13_2026L);
    Random shuffler = new Random(13L);
    for (int run = 0; run < 1_000_000; run++) {
      int n = 1 + random.nextInt(12);
      int scale = random.nextInt(7);
      List<Claim> claims = new ArrayList<>(n);
      long[] raw = new long[n];
      long rawTotal = 0;
      for (int i = 0; i < n; i++) {
        raw[i] = random.nextInt(5) == 0 ? 0 : random.nextLong(1, 1_000_000);
        rawTotal += raw[i];
      }
      if (rawTotal == 0) {
        raw[0] = 1;
        rawTotal = 1;
      }
      for (int i = 0; i < n; i++) {
        claims.add(new Claim("k" + i, BigDecimal.valueOf(raw[i], scale)));
      }
      long total =
          random.nextInt(4) == 0
              ? random.nextLong(0, 1_000_000_000_000L)
              : random.nextLong(0, 10_000);
      long[] units = RevenueAllocator.allocate(total, claims);

      // All weights share one scale, so the raw integers are the weights' exact ratios.
      long sum = 0;
      for (int i = 0; i < n; i++) {
        assertTrue(units[i] >= 0, "negative part");
        // |units − total×w/W| < 1  ⇔  |units×W − total×w| < W
        final int at = run;
        assertTrue(
            withinOneUnit(units[i], rawTotal, total, raw[i]),
            () -> "more than one unit off in run " + at);
        sum += units[i];
      }
      assertEquals(total, sum, "parts must add up to the amount");

      if (n > 1) {
        List<Claim> shuffled = new ArrayList<>(claims);
        Collections.shuffle(shuffled, shuffler);
        long[] again = RevenueAllocator.allocate(total, shuffled);
        Map<String, Long> byKey = new HashMap<>();
        for (int i = 0; i < n; i++) {
          byKey.put(shuffled.get(i).key(), again[i]);
        }
        for (int i = 0; i < n; i++) {
          assertEquals(units[i], byKey.get(claims.get(i).key()), "order changed the result");
        }
      }
    }
  }
}
