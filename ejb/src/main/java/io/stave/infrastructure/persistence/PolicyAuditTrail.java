package io.stave.infrastructure.persistence;

import io.stave.application.authoring.PolicyAuditEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The policy audit trail ({@code policy_audit}): who did what to which version, when, and the
 * checksum they saw. Entries are appended on the connection of the step they record, so a step and
 * its entry commit together.
 */
final class PolicyAuditTrail {
  private final DataSource dataSource;

  PolicyAuditTrail(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  List<String> editors(long version) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                """
            SELECT DISTINCT actor FROM policy_audit WHERE version = ? AND action IN ('CREATE', 'UPDATE', 'ROLLBACK')
            UNION SELECT author FROM policy_version WHERE version = ?""")) {
      select.setLong(1, version);
      select.setLong(2, version);
      List<String> editors = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          editors.add(rows.getString(1));
        }
      }
      return editors;
    }
  }

  List<PolicyAuditEntry> entries(Long version, int limit) throws SQLException {
    String sql =
        "SELECT version, action, actor, at, checksum, detail FROM policy_audit"
            + (version == null ? "" : " WHERE version = ?")
            + " ORDER BY at DESC, audit_id DESC";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setMaxRows(limit);
      if (version != null) {
        select.setLong(1, version);
      }
      List<PolicyAuditEntry> entries = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          entries.add(
              new PolicyAuditEntry(
                  rows.getLong(1),
                  rows.getString(2),
                  rows.getString(3),
                  PolicyRepository.instant(rows, 4),
                  rows.getString(5),
                  rows.getString(6)));
        }
      }
      return entries;
    }
  }

  void record(PolicyAuditEntry entry) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      append(
          connection,
          entry.version(),
          entry.action(),
          entry.actor(),
          entry.checksum(),
          entry.detail());
    }
  }

  static void append(
      Connection connection,
      long version,
      String action,
      String actor,
      String checksum,
      String detail)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO policy_audit (audit_id, version, action, actor, at, checksum, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, UUID.randomUUID().toString());
      insert.setLong(2, version);
      insert.setString(3, action);
      insert.setString(4, actor);
      insert.setObject(5, PolicyRepository.now());
      insert.setString(6, checksum);
      insert.setString(
          7, detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) : detail);
      insert.executeUpdate();
    }
  }
}
