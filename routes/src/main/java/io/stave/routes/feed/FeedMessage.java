package io.stave.routes.feed;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A feed message as it arrived: what it claims to be, by which channel, under which name (a file
 * name, or the HTTP caller), and its original bytes, kept so a rejected message can be replayed.
 */
public record FeedMessage(
    FeedKind kind, FeedFormat format, FeedChannel channel, String sourceName, byte[] body) {
  public FeedMessage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(body, "body");
    sourceName =
        sourceName == null ? channel.name().toLowerCase(java.util.Locale.ROOT) : sourceName;
  }

  /** SHA-256 of the bytes, hex: the message id when the message itself names none. */
  public String contentSha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return kind.wireName()
        + " "
        + format
        + " message '"
        + sourceName
        + "' via "
        + channel
        + " ("
        + body.length
        + " bytes)";
  }
}
