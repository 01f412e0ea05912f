package io.stave.rules.revenue;

import io.stave.rules.domain.Money;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Largest-remainder allocation. Each share first gets the whole minor units of its exact part
 * (amount × percent, rounded down); the minor units left over go one each to the shares with the
 * largest dropped fractions. Ties go to the larger share, then to the party id and role in
 * alphabetical order, so the same input always pays the same way. Every payout is within one minor
 * unit of its exact part and the payouts sum to the amount.
 */
public final class RevenueAllocator {
  private static final BigInteger WHOLE = BigInteger.valueOf(10_000); // 100.00% in basis points

  private RevenueAllocator() {}

  public static List<Payout> allocate(Money amount, SplitSheet sheet) {
    List<Share> shares = sheet.getShares();
    BigInteger total = BigInteger.valueOf(amount.minorUnits());
    List<Part> parts = new ArrayList<>(shares.size());
    long allocated = 0;
    for (Share share : shares) {
      BigInteger[] quotientAndRemainder =
          total
              .multiply(BigInteger.valueOf(share.percent().basisPoints()))
              .divideAndRemainder(WHOLE);
      long floor = quotientAndRemainder[0].longValueExact();
      allocated += floor;
      parts.add(new Part(share, floor, quotientAndRemainder[1].longValueExact()));
    }
    long leftOver = amount.minorUnits() - allocated; // < number of shares, since each drop < 1
    List<Part> byRemainder = new ArrayList<>(parts);
    byRemainder.sort(
        Comparator.comparingLong(Part::remainder)
            .reversed()
            .thenComparing(p -> p.share().percent(), Comparator.reverseOrder())
            .thenComparing(p -> p.share().partyId())
            .thenComparing(p -> p.share().role()));
    for (int i = 0; i < leftOver; i++) {
      byRemainder.get(i).units++;
    }
    List<Payout> payouts = new ArrayList<>(parts.size());
    for (Part part : parts) {
      payouts.add(
          new Payout(
              part.share().partyId(),
              part.share().role(),
              new Money(part.units, amount.currency())));
    }
    return payouts;
  }

  private static final class Part {
    private final Share share;
    private long units;
    private final long remainder;

    Part(Share share, long units, long remainder) {
      this.share = share;
      this.units = units;
      this.remainder = remainder;
    }

    Share share() {
      return share;
    }

    long remainder() {
      return remainder;
    }
  }
}
