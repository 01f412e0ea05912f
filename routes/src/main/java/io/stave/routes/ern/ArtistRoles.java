package io.stave.routes.ern;

import io.stave.routes.ern.ReleaseNotification.ArtistCredit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a resource's {@code DisplayArtist}s are its main artists, whose consents the rules check
 * (docs/feeds.md, "DisplayArtistRole"). DDEX 2025 values:
 *
 * <ul>
 *   <li>{@code MainArtist}: a main artist.
 *   <li>{@code Artist} ("not known whether featured or main"): a main artist when the resource
 *       names no {@code MainArtist} — reading it as featured would let a use that needs every main
 *       artist's opt-in go ahead without asking the only artist named.
 *   <li>{@code FeaturedArtist}, {@code Composer}, {@code Brand}, {@code UserDefined} (kept as
 *       {@code UserDefined:<value>}): credited on the recording, not main artists.
 * </ul>
 *
 * A resource that names no main artist either way is applied with a warning; the shipped policy
 * then denies every use that needs the main artists' opt-in ({@code NO_MAIN_ARTIST}).
 */
final class ArtistRoles {
  static final String MAIN_ARTIST = "MainArtist";
  static final String ARTIST = "Artist";
  static final String USER_DEFINED_PREFIX = "UserDefined:";

  private ArtistRoles() {}

  /** The party references of the resource's main artists, in the order the message gives them. */
  static Set<String> mainArtistReferences(List<ArtistCredit> artists) {
    Set<String> main = new LinkedHashSet<>();
    artists.stream()
        .filter(a -> MAIN_ARTIST.equals(a.role()))
        .forEach(a -> main.add(a.partyReference()));
    if (main.isEmpty()) {
      artists.stream()
          .filter(a -> ARTIST.equals(a.role()))
          .forEach(a -> main.add(a.partyReference()));
    }
    return main;
  }

  /** The role a credit is recorded under: the DDEX value as sent. */
  static String creditRole(String role) {
    return role == null ? "DisplayArtist" : role;
  }
}
