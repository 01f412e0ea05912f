package io.stave.routes.ern;

import io.stave.routes.ern.ReleaseNotification.PartyDescription;
import io.stave.routes.identifiers.CheckCharacters;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A party's stable id (DESIGN, "Party id"): its ISNI if given, else its DPID, else its first
 * proprietary id with the namespace, else its name scoped to the party that sent the message.
 * Consents and split sheets name parties by these ids; {@code GET /api/v1/recordings/{isrc}} shows
 * them.
 */
public final class PartyIds {
  private PartyIds() {}

  public static String of(PartyDescription party, String senderKey) {
    if (party.isni() != null && !party.isni().isBlank()) {
      return "isni:" + CheckCharacters.compact(party.isni());
    }
    if (party.dpid() != null && !party.dpid().isBlank()) {
      return "dpid:" + party.dpid().trim();
    }
    if (!party.proprietaryIds().isEmpty()) {
      var id = party.proprietaryIds().get(0);
      return "prop:" + id.namespace() + ":" + id.value().trim();
    }
    return byName(party.name(), senderKey);
  }

  /** A name-based id, scoped to the sender: the same name from two labels is two parties. */
  public static String byName(String name, String senderKey) {
    String normalised =
        Normalizer.normalize(name == null ? "unnamed" : name, Normalizer.Form.NFKC)
            .trim()
            .replaceAll("\\s+", " ")
            .toLowerCase(Locale.ROOT);
    return "name:" + senderKey + ":" + normalised;
  }

  /** Whose deals these are: the sender's DPID, or its name when it gave none. */
  public static String senderKey(ErnMessage message) {
    if (message.senderDpid() != null && !message.senderDpid().isBlank()) {
      return message.senderDpid().trim();
    }
    return "sender-name:"
        + (message.senderName() == null ? "unknown" : message.senderName().trim());
  }
}
