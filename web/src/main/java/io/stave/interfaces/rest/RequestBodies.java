package io.stave.interfaces.rest;

import io.stave.interfaces.rest.problem.ContentTooLarge;
import io.stave.interfaces.rest.problem.FieldError;
import io.stave.interfaces.rest.problem.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads a request body into memory, never more than its endpoint's limit: a body whose
 * Content-Length is above the limit is refused unread, a longer chunked body as soon as it passes
 * the limit. Either way the client gets a 413 problem document naming the limit.
 *
 * <p>The limit of the decision endpoints is {@code stave.api.max-request-bytes} (environment {@code
 * STAVE_API_MAX_REQUEST_BYTES}, default 4 MiB: a batch of 1,000 requests is about 150 KB, and 1,000
 * requests of every field at its longest stay under 4 MiB). The feeds have their own ({@code
 * stave.feeds.max-message-bytes}). Undertow's {@code max-post-size} is set far above both (server
 * configuration), so the application's check answers first.
 */
final class RequestBodies {
  static final long DECISION_LIMIT = Long.getLong("stave.api.max-request-bytes", 4L * 1024 * 1024);
  private static final int LARGEST_ARRAY = Integer.MAX_VALUE - 8;

  private RequestBodies() {}

  /** The body, or a 413 when it is larger than {@code limit}; {@code contentLength} may be null. */
  static byte[] read(InputStream body, String contentLength, long limit, String setting) {
    long declared = declaredLength(contentLength);
    if (declared > limit) {
      throw tooLarge(declared + " bytes", limit, setting);
    }
    byte[] bytes = readAtMost(body, limit + 1, limit, setting);
    if (bytes.length > limit) {
      throw tooLarge("more than " + limit + " bytes", limit, setting);
    }
    return bytes;
  }

  /** At most {@code max} bytes of the body (fewer when it ends first). */
  static byte[] readAtMost(InputStream body, long max, long limit, String setting) {
    try {
      return body.readNBytes((int) Math.min(max, LARGEST_ARRAY));
    } catch (IOException e) {
      // Undertow's own limit (max-post-size) surfaces as an IOException named so; it is set above
      // the
      // application's limits, so this only happens if an operator lowers it.
      if (e.getClass().getSimpleName().equals("RequestTooBigException")) {
        throw tooLarge("larger than the server's HTTP limit", limit, setting);
      }
      throw new InvalidRequestException(
          "The body could not be read to its end: " + e.getMessage(),
          List.of(new FieldError("body", "ended before its Content-Length or was cut off")));
    }
  }

  static long declaredLength(String contentLength) {
    if (contentLength == null) {
      return -1;
    }
    try {
      return Long.parseLong(contentLength.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static ContentTooLarge tooLarge(String size, long limit, String setting) {
    return new ContentTooLarge(
        "The body is "
            + size
            + "; this endpoint takes at most "
            + limit
            + " bytes ("
            + setting
            + ").");
  }
}
