package io.stave.rules.revenue;

import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.domain.Money;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Largest-remainder allocation of an amount in whole minor units (ISO 4217 exponent of its
 * currency: JPY 0, EUR 2, KWD 3) among claims with weights. Each claim first gets the whole minor
 * units of its exact part (amount × weight ÷ total weight, rounded down); the minor units left over
 * go one each to the claims with the largest dropped fractions. Ties go to the larger weight, then
 * to the claim's key in alphabetical order; keys are unique, so the result does not depend on the
 * order the claims come in. Every payout is within one minor unit of its exact part, none is
 * negative, and the payouts sum to the amount. One allocation is one rounding step: a pool shared
 * by recordings, then each recording's part shared by its split sheet, is two steps.
 */
public final class RevenueAllocator {

  /** A claim on an allocation: a unique key (tie-break and identity) and a weight ≥ 0. */
  public record Claim(String key, BigDecimal weight) {
    public Claim {
      if (key == null) {
        throw new InvalidValueException("key", "a claim needs a key");
      }
      if (weight == null || weight.signum() < 0) {
        throw new InvalidValueException("weight", "claim " + key + " has no weight ≥ 0");
      }
    }

    public static Claim of(String key, long weight) {
      return new Claim(key, BigDecimal.valueOf(weight));
    }
  }

  private RevenueAllocator() {}

  /** Pays an amount by a split sheet, in the sheet's order; keys are party id and role. */
  public static List<Payout> allocate(Money amount, SplitSheet sheet) {
    List<Share> shares = sheet.getShares();
    List<Claim> claims = new ArrayList<>(shares.size());
    for (Share share : shares) {
      claims.add(
          new Claim(
              share.partyId() + "\u0000" + share.role(),
              BigDecimal.valueOf(share.percent().basisPoints())));
    }
    long[] units = allocate(amount.minorUnits(), claims);
    List<Payout> payouts = new ArrayList<>(shares.size());
    for (int i = 0; i < shares.size(); i++) {
      Share share = shares.get(i);
      payouts.add(
          new Payout(share.partyId(), share.role(), new Money(units[i], amount.currency())));
    }
    return payouts;
  }

  /** The amount allocated by weights: one {@link Money} per claim, in the claims' order. */
  public static List<Money> allocate(Money amount, List<Claim> claims) {
    long[] units = allocate(amount.minorUnits(), claims);
    List<Money> parts = new ArrayList<>(units.length);
    for (long unit : units) {
      parts.add(new Money(unit, amount.currency()));
    }
    return parts;
  }

  /**
   * {@code total} minor units allocated by the claims' weights, in the claims' order. The weights
   * must not all be zero unless the total is zero (then everyone gets nothing).
   */
  public static long[] allocate(long total, List<Claim> claims) {
    if (total < 0) {
      throw new InvalidValueException("amount", "must not be negative");
    }
    int n = claims.size();
    if (n == 0) {
      if (total == 0) {
        return new long[0];
      }
      throw new InvalidValueException("claims", "an amount needs at least one claim to go to");
    }
    int scale = 0;
    for (Claim claim : claims) {
      scale = Math.max(scale, claim.weight().scale());
    }
    long[] units = new long[n];
    long[] small = smallWeights(claims, scale);
    long allocated = 0;
    Part[] parts = new Part[n];
    long smallTotal = 0;
    if (small != null) {
      for (long w : small) {
        smallTotal += w; // each < 2^40 and n is small enough not to overflow in practice
        if (smallTotal < 0) {
          small = null;
          break;
        }
      }
    }
    if (small != null && smallTotal > 0 && fitsInLong(total, smallTotal)) {
      for (int i = 0; i < n; i++) {
        long product = total * small[i]; // ≤ total × smallTotal, which fits
        units[i] = product / smallTotal;
        allocated += units[i];
        parts[i] = new Part(i, product % smallTotal, null, small[i], null, claims.get(i).key());
      }
    } else {
      BigInteger[] weights = new BigInteger[n];
      BigInteger weightTotal = BigInteger.ZERO;
      for (int i = 0; i < n; i++) {
        weights[i] = claims.get(i).weight().movePointRight(scale).toBigIntegerExact();
        weightTotal = weightTotal.add(weights[i]);
      }
      if (weightTotal.signum() == 0) {
        if (total == 0) {
          return units;
        }
        throw new InvalidValueException("claims", "every claim weighs nothing; nobody can be paid");
      }
      BigInteger bigTotal = BigInteger.valueOf(total);
      for (int i = 0; i < n; i++) {
        BigInteger[] qr = bigTotal.multiply(weights[i]).divideAndRemainder(weightTotal);
        units[i] = qr[0].longValueExact();
        allocated += units[i];
        parts[i] = new Part(i, 0, qr[1], 0, weights[i], claims.get(i).key());
      }
    }
    checkUniqueKeys(claims);
    long leftOver = total - allocated; // < n, since each claim dropped less than one unit
    if (leftOver > 0) {
      Part[] byRemainder = parts.clone();
      Arrays.sort(byRemainder, LARGEST_REMAINDER_FIRST);
      for (int i = 0; i < leftOver; i++) {
        units[byRemainder[i].index]++;
      }
    }
    return units;
  }

  /** The weights as whole numbers at {@code scale}, or null if one of them would not fit 2^40. */
  private static long[] smallWeights(List<Claim> claims, int scale) {
    long[] weights = new long[claims.size()];
    for (int i = 0; i < weights.length; i++) {
      BigDecimal weight = claims.get(i).weight();
      int shift = scale - weight.scale();
      if (weight.precision() + shift > 12) {
        return null;
      }
      long unscaled = weight.unscaledValue().longValue();
      for (int s = 0; s < shift; s++) {
        unscaled *= 10;
      }
      for (int s = 0; s > shift; s--) {
        unscaled /= 10; // only for negative scales, whose digits are whole
      }
      weights[i] = unscaled;
    }
    return weights;
  }

  private static void checkUniqueKeys(List<Claim> claims) {
    if (claims.size() < 2) {
      return;
    }
    if (claims.size() <= 16) {
      for (int i = 0; i < claims.size(); i++) {
        for (int j = i + 1; j < claims.size(); j++) {
          if (claims.get(i).key().equals(claims.get(j).key())) {
            throw new InvalidValueException(
                "claims", "key " + claims.get(i).key() + " appears twice");
          }
        }
      }
      return;
    }
    Set<String> keys = new HashSet<>(claims.size() * 2);
    for (Claim claim : claims) {
      if (!keys.add(claim.key())) {
        throw new InvalidValueException("claims", "key " + claim.key() + " appears twice");
      }
    }
  }

  private static boolean fitsInLong(long total, long weightTotal) {
    return Math.multiplyHigh(total, weightTotal) == 0 && total * weightTotal >= 0;
  }

  /** Largest dropped fraction first; then the larger weight; then the key in order. */
  private static final Comparator<Part> LARGEST_REMAINDER_FIRST =
      (a, b) -> {
        int byRemainder =
            a.bigRemainder == null
                ? Long.compare(b.remainder, a.remainder)
                : b.bigRemainder.compareTo(a.bigRemainder);
        if (byRemainder != 0) {
          return byRemainder;
        }
        int byWeight =
            a.bigWeight == null
                ? Long.compare(b.weight, a.weight)
                : b.bigWeight.compareTo(a.bigWeight);
        return byWeight != 0 ? byWeight : a.key.compareTo(b.key);
      };

  private record Part(
      int index,
      long remainder,
      BigInteger bigRemainder,
      long weight,
      BigInteger bigWeight,
      String key) {}
}
