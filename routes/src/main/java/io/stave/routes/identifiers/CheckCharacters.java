package io.stave.routes.identifiers;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Format and check-character tests for the identifiers feeds carry. Each answers with a reason when
 * the value is wrong and null when it is right, so callers decide whether a bad value rejects a
 * record (an identifier the rules key on) or only warns.
 */
public final class CheckCharacters {
  private static final Pattern ISNI = Pattern.compile("[0-9]{15}[0-9X]");
  private static final Pattern DPID = Pattern.compile("PADPIDA[0-9]{10}[0-9A-Z]");
  private static final Pattern ICPN = Pattern.compile("[0-9]{12,14}");
  private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private CheckCharacters() {}

  /** ISNI (ISO 27729): 16 characters, the last an ISO 7064 MOD 11-2 check character. */
  public static String isniProblem(String value) {
    String isni = compact(value);
    if (!ISNI.matcher(isni).matches()) {
      return "'" + value + "' is not an ISNI (16 characters: 15 digits and a check character)";
    }
    char expected = isniCheckCharacter(isni.substring(0, 15));
    return isni.charAt(15) == expected
        ? null
        : "ISNI '" + value + "' has check character " + isni.charAt(15) + ", expected " + expected;
  }

  /** DDEX Party ID: PADPIDA, 10 digits and an ISO 7064 MOD 37-36 check character. */
  public static String dpidProblem(String value) {
    String dpid = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    if (!DPID.matcher(dpid).matches()) {
      return "'" + value + "' is not a DDEX Party ID (PADPIDA, 10 digits and a check character)";
    }
    int product = 36;
    for (int i = 0; i < dpid.length() - 1; i++) {
      int sum = (product + ALPHANUMERIC.indexOf(dpid.charAt(i))) % 36;
      product = (sum == 0 ? 36 : sum) * 2 % 37;
    }
    char expected = ALPHANUMERIC.charAt((37 - product) % 36);
    char given = dpid.charAt(dpid.length() - 1);
    return given == expected
        ? null
        : "DPID '" + value + "' has check character " + given + ", expected " + expected;
  }

  /** ICPN (EAN/UPC/GTIN): 12 to 14 digits, the last a GS1 mod-10 check digit. */
  public static String icpnProblem(String value) {
    String icpn = value == null ? "" : value.trim();
    if (!ICPN.matcher(icpn).matches()) {
      return "'" + value + "' is not an ICPN (12 to 14 digits)";
    }
    int expected = icpnCheckDigit(icpn.substring(0, icpn.length() - 1));
    int given = icpn.charAt(icpn.length() - 1) - '0';
    return given == expected
        ? null
        : "ICPN '" + value + "' has check digit " + given + ", expected " + expected;
  }

  /** The ISO 7064 MOD 11-2 check character of an ISNI's first 15 digits. */
  public static char isniCheckCharacter(String first15) {
    int total = 0;
    for (int i = 0; i < 15; i++) {
      total = (total + (first15.charAt(i) - '0')) * 2;
    }
    int check = (12 - total % 11) % 11;
    return check == 10 ? 'X' : (char) ('0' + check);
  }

  /** The GS1 mod-10 check digit of an ICPN's digits before it. */
  public static int icpnCheckDigit(String digits) {
    int total = 0;
    for (int i = digits.length() - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
      total += (digits.charAt(i) - '0') * weight;
    }
    return (10 - total % 10) % 10;
  }

  /** An ISNI without the spaces people write it with. */
  public static String compact(String isni) {
    return isni == null ? "" : isni.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
  }
}
