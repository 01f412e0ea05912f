package io.stave.routes.feed;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a feed message carries; the name is how channels spell it (paths, file names, headers). */
public enum FeedKind {
  ERN("ern", FeedFormat.XML),
  CONSENTS("consents", FeedFormat.CSV, FeedFormat.JSON),
  SPLITS("splits", FeedFormat.CSV, FeedFormat.JSON);

  private final String wireName;
  private final List<FeedFormat> formats;

  FeedKind(String wireName, FeedFormat... formats) {
    this.wireName = wireName;
    this.formats = List.of(formats);
  }

  /** The formats a message of this kind comes in. */
  public List<FeedFormat> formats() {
    return formats;
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
