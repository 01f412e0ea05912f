package io.stave.application.authoring;

import java.time.Instant;

/** One step of the lifecycle: who did what to which version, when, and the checksum it saw. */
public record PolicyAuditEntry(
    long version, String action, String actor, Instant at, String checksum, String detail) {}
