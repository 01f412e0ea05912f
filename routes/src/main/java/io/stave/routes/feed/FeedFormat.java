package io.stave.routes.feed;

import java.util.Locale;
import java.util.Optional;

/** The syntax of a feed message: ERN is XML; consents and split sheets come as CSV or JSON. */
public enum FeedFormat {
  XML("application/xml"),
  CSV("text/csv"),
  JSON("application/json");

  private final String mediaType;

  FeedFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The media type a message of this format is sent and returned as. */
  public String mediaType() {
    return mediaType;
  }

  /** Reads a media type ({@code text/csv; charset=UTF-8}) or a file extension ({@code csv}). */
  public static Optional<FeedFormat> recognise(String mediaTypeOrExtension) {
    if (mediaTypeOrExtension == null) {
      return Optional.empty();
    }
    String value = mediaTypeOrExtension.toLowerCase(Locale.ROOT);
    int parameters = value.indexOf(';');
    if (parameters >= 0) {
      value = value.substring(0, parameters);
    }
    value = value.trim();
    if (value.equals("xml") || value.endsWith("/xml") || value.endsWith("+xml")) {
      return Optional.of(XML);
    }
    if (value.equals("csv") || value.equals("text/csv")) {
      return Optional.of(CSV);
    }
    if (value.equals("json") || value.endsWith("/json") || value.endsWith("+json")) {
      return Optional.of(JSON);
    }
    return Optional.empty();
  }
}
