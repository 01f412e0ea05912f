package io.stave.application.authoring;

import io.stave.application.PolicyStore;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where versions, their files and the audit trail are kept (the database). Every write records its
 * audit entry in the same transaction; a write whose precondition no longer holds (the version is
 * no longer a draft, or the draft changed under the approver) changes nothing and says so.
 */
public interface PolicyVersions extends PolicyStore {
  List<PolicyVersionInfo> all() throws SQLException;

  Optional<PolicyVersionInfo> info(long version) throws SQLException;

  /** Stores a new draft under the next version number. */
  PolicyVersionInfo createDraft(
      Map<String, String> files, String author, Long basedOn, String description, String action)
      throws SQLException;

  /**
   * Replaces a draft's files; clears its submission and leaves any approval stale. False if not a
   * draft.
   */
  boolean updateDraft(long version, Map<String, String> files, String actor) throws SQLException;

  /** False if the version is not a draft or its checksum is no longer {@code checksum}. */
  boolean markSubmitted(long version, String actor, String checksum) throws SQLException;

  /** False if the version is not a draft or its checksum is no longer {@code checksum}. */
  boolean markApproved(long version, String approver, String checksum) throws SQLException;

  /**
   * Makes the approved draft the one ACTIVE version and retires the one before. False if the
   * version is not a draft approved for its current checksum.
   */
  boolean activate(long version, String actor) throws SQLException;

  /**
   * Every actor who created or changed the version's files (four eyes: none of them may approve).
   */
  List<String> editors(long version) throws SQLException;

  List<PolicyAuditEntry> audit(Long version, int limit) throws SQLException;

  /** Records a step that changes no version (validate, test, impact). */
  void record(PolicyAuditEntry entry) throws SQLException;
}
