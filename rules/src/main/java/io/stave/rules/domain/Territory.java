package io.stave.rules.domain;

import java.util.Locale;
import java.util.Set;

/** An ISO 3166-1 alpha-2 country, or {@code Worldwide} (which only deals may name). */
public record Territory(String code) implements java.io.Serializable {
  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
  public static final Territory WORLDWIDE = new Territory("Worldwide");

  public Territory {
    if (code == null || code.isBlank()) {
      throw new InvalidValueException("territory", "is required");
    }
    if (!code.equals("Worldwide") && !ISO_COUNTRIES.contains(code)) {
      throw new InvalidValueException(
          "territory", "'" + code + "' is not an ISO 3166-1 alpha-2 country code or Worldwide");
    }
  }

  public static Territory of(String code) {
    if (code != null && code.equalsIgnoreCase("worldwide")) {
      return WORLDWIDE;
    }
    return new Territory(code == null ? null : code.trim().toUpperCase(Locale.ROOT));
  }

  /** A listener is always in a country; a request for "Worldwide" would be ambiguous. */
  public static Territory listenerCountry(String code) {
    Territory territory = of(code);
    if (territory.isWorldwide()) {
      throw new InvalidValueException(
          "territory", "a listener's territory must be a country, not Worldwide");
    }
    return territory;
  }

  public boolean isWorldwide() {
    return this.equals(WORLDWIDE);
  }

  @Override
  public String toString() {
    return code;
  }
}
