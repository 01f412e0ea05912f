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
 * a mangled artist id or ISRC through as if it had been sent. A leading byte-order mark is dropped;
 * a UTF-16 byte-order mark (FE FF or FF FE, as spreadsheet exports write) makes it read UTF-16,
 * just as strictly.
 */
public final class StrictUtf8 {
  private StrictUtf8() {}

  public static String decode(byte[] bytes) {
    if (bytes.length >= 2
        && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
            || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
      return decodeUtf16(
          bytes, (bytes[0] & 0xFF) == 0xFE ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
    }
    return decodeUtf8(bytes);
  }

  private static String decodeUtf16(byte[] bytes, java.nio.charset.Charset charset) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, 2, bytes.length - 2);
    CharBuffer out = CharBuffer.allocate(bytes.length / 2);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      out.flip();
      String before = out.toString();
      int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
      int column = before.length() - before.lastIndexOf('\n');
      throw new MalformedTextException(
          "line " + line + ", column " + column + " (byte " + in.position() + ")",
          "is not valid "
              + charset.name()
              + " (the byte-order mark says UTF-16): malformed sequence");
    }
    out.flip();
    return out.toString();
  }

  private static String decodeUtf8(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
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
    String what =
        "is not valid UTF-8: "
            + (result.isMalformed() ? "malformed" : "unmappable")
            + " byte sequence "
            + shown
            + (offset + result.length() >= bytes.length ? " at the end of the input" : "");
    return new MalformedTextException(
        "line " + line + ", column " + column + " (byte " + offset + ")", what);
  }
}
