package io.stave.rules.engine;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Decision ids: UUIDs of version 7 (RFC 9562), whose first 48 bits are the Unix time in
 * milliseconds and whose other 74 are random. They stay as unguessable as random UUIDs for anyone
 * holding another caller's decision id, but ids made close in time sort close together, so the
 * decision log's index on the id grows at one end like the log does instead of taking writes all
 * over its pages (on H2 every page touched is rewritten at commit; on PostgreSQL every touched page
 * is a buffer to dirty and a full-page image in the WAL after a checkpoint).
 */
public final class DecisionIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private DecisionIds() {}

  public static String next() {
    return at(System.currentTimeMillis());
  }

  static String at(long epochMillis) {
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    long high =
        (epochMillis & 0xFFFF_FFFF_FFFFL) << 16
            | 0x7000L
            | (random[0] & 0x0FL) << 8
            | (random[1] & 0xFFL);
    long low = 0x8000_0000_0000_0000L | (random[2] & 0x3FL) << 56;
    for (int i = 3; i < 10; i++) {
      low |= (random[i] & 0xFFL) << (8 * (9 - i));
    }
    return new UUID(high, low).toString();
  }
}
