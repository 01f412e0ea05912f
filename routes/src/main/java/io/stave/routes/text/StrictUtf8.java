package io.stave.routes.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 and refuses what is not UTF-8, naming the line, column and byte where it stops
 * being so. {@code new String(bytes, UTF_8)} would instead turn every bad byte into U+FFFD and let
 * a mangled artist id or ISRC through as if it had been sent. A leading byte-order mark is dropped.
 */
public final class StrictUtf8 {
  private StrictUtf8() {}

  public static String decode(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw invalidAt(bytes, in.position(), result);
    }
    out.flip();
    if (out.hasRemaining() && out.charAt(0) == '\uFEFF') {
      out.position(1);
    }
    return out.toString();
  }

  private static MalformedTextException invalidAt(byte[] bytes, int offset, CoderResult result) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        column = 1;
      } else if ((bytes[i] & 0xC0) != 0x80) {
        column++; // a continuation byte is part of the character before it
      }
    }
    StringBuilder shown = new StringBuilder();
    for (int i = offset; i < Math.min(bytes.length, offset + Math.max(1, result.length())); i++) {
      shown.append(shown.length() == 0 ? "" : " ").append(String.format("0x%02X", bytes[i] & 0xFF));
    }
    String what = "is not valid UTF-8: " + (result.isMalformed() ? "malformed" : "unmappable")
        + " byte sequence " + shown + (offset + result.length() >= bytes.length ? " at the end of the input" : "");
    return new MalformedTextException("line " + line + ", column " + column + " (byte " + offset + ")", what);
  }
}
