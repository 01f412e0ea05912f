package io.stave.application.authoring;

import java.time.Instant;

/**
 * What the lifecycle knows of one version. {@link #stage()} reads the status and the approval
 * together: an approval holds only for the checksum the approver saw.
 */
public record PolicyVersionInfo(
    long version,
    String status,
    String author,
    String approver,
    String checksum,
    String description,
    Long basedOn,
    Instant createdAt,
    Instant updatedAt,
    String submittedBy,
    Instant submittedAt,
    String approvedChecksum,
    Instant approvedAt,
    Instant activatedAt) {

  public static final String DRAFT = "DRAFT";
  public static final String ACTIVE = "ACTIVE";
  public static final String RETIRED = "RETIRED";

  /**
   * DRAFT, SUBMITTED, APPROVED, APPROVAL_STALE (changed since it was approved), ACTIVE or RETIRED.
   */
  public String stage() {
    if (!DRAFT.equals(status)) {
      return status;
    }
    if (approvedChecksum != null) {
      return approvedChecksum.equals(checksum) ? "APPROVED" : "APPROVAL_STALE";
    }
    return submittedAt != null ? "SUBMITTED" : DRAFT;
  }

  public boolean isDraft() {
    return DRAFT.equals(status);
  }
}
