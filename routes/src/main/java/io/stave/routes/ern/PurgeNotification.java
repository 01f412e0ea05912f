package io.stave.routes.ern;

import io.stave.routes.ern.ReleaseNotification.ProprietaryId;
import java.time.Instant;
import java.util.List;

/**
 * An ERN {@code PurgeReleaseMessage}: the sender takes a release off the recipient's books. It
 * names the release by its identifiers only (all optional in the standard).
 */
public record PurgeNotification(
    ErnVersion version,
    String messageId,
    Instant createdAt,
    String senderDpid,
    String senderName,
    String icpn,
    String grid,
    String catalogNumber,
    List<ProprietaryId> proprietaryIds)
    implements ErnMessage {}
