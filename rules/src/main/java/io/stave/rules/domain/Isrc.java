package io.stave.rules.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * International Standard Recording Code: country (2 letters), registrant (3 alphanumerics), year (2
 * digits) and designation (5 digits). Accepts the dashed display form and stores the compact one.
 */
public final class Isrc implements java.io.Serializable, Comparable<Isrc> {
  private static final long serialVersionUID = 1L;
  private static final Pattern COMPACT = Pattern.compile("[A-Z]{2}[A-Z0-9]{3}[0-9]{7}");

  private final String code;

  private Isrc(String code) {
    this.code = code;
  }

  public static Isrc of(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException("isrc", "is required");
    }
    String compact = value.trim().replace("-", "").toUpperCase(java.util.Locale.ROOT);
    if (!COMPACT.matcher(compact).matches()) {
      throw new InvalidValueException(
          "isrc", "'" + value + "' is not an ISRC (CC-XXX-YY-NNNNN, 12 characters without dashes)");
    }
    return new Isrc(compact);
  }

  public String code() {
    return code;
  }

  /** The dashed display form, e.g. {@code US-RC1-76-07839}. */
  public String display() {
    return code.substring(0, 2)
        + "-"
        + code.substring(2, 5)
        + "-"
        + code.substring(5, 7)
        + "-"
        + code.substring(7);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Isrc other && code.equals(other.code);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code);
  }

  @Override
  public int compareTo(Isrc o) {
    return code.compareTo(o.code);
  }

  @Override
  public String toString() {
    return code;
  }
}
