package io.stave.rules.domain;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Who is paid for a recording (optionally for one use type), in shares that add up to exactly 100
 * percent. A sheet that does not add up cannot be built.
 */
public final class SplitSheet implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String splitId;
  private final Isrc isrc;
  private final UseType useType;
  private final List<Share> shares;

  public SplitSheet(String splitId, Isrc isrc, UseType useType, List<Share> shares) {
    if (splitId == null || splitId.isBlank()) {
      throw new InvalidValueException("splitId", "is required");
    }
    if (isrc == null) {
      throw new InvalidValueException("isrc", "is required");
    }
    if (shares == null || shares.isEmpty()) {
      throw new InvalidValueException("shares", "split " + splitId + " has no shares");
    }
    long total = shares.stream().mapToLong(s -> s.percent().basisPoints()).sum();
    if (total != Percent.HUNDRED.basisPoints()) {
      throw new InvalidValueException(
          "shares",
          "split "
              + splitId
              + " for "
              + isrc
              + " adds up to "
              + java.math.BigDecimal.valueOf(total, 2).toPlainString()
              + "%, not exactly 100%");
    }
    var seen = new HashSet<String>();
    for (Share share : shares) {
      if (!seen.add(share.partyId() + "/" + share.role())) {
        throw new InvalidValueException(
            "shares", "party " + share.partyId() + " appears twice as " + share.role());
      }
    }
    this.splitId = splitId;
    this.isrc = isrc;
    this.useType = useType;
    this.shares = List.copyOf(shares);
  }

  public String getSplitId() {
    return splitId;
  }

  public Isrc getIsrc() {
    return isrc;
  }

  /** The use type this sheet is for, or empty for the recording's general sheet. */
  public Optional<UseType> getUseType() {
    return Optional.ofNullable(useType);
  }

  public List<Share> getShares() {
    return shares;
  }
}
