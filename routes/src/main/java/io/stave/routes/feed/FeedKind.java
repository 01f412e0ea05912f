package io.stave.routes.feed;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a feed message carries; the name is how channels spell it (paths, file names, headers). */
public enum FeedKind {
  ERN("ern"),
  CONSENTS("consents"),
  SPLITS("splits");

  private final String wireName;

  FeedKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<FeedKind> fromWireName(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(kind -> kind.wireName.equals(wanted)).findFirst();
  }
}
