package io.stave.routes.ern;

import java.time.Instant;

/**
 * An ERN message Stave reads, whatever its kind and version: a {@link ReleaseNotification} (the
 * {@code NewReleaseMessage}) or a {@link PurgeNotification}. Its header says who sent it and when.
 */
public sealed interface ErnMessage permits ReleaseNotification, PurgeNotification {
  ErnVersion version();

  String messageId();

  Instant createdAt();

  String senderDpid();

  String senderName();
}
