package io.stave.infrastructure.persistence;

import io.stave.application.authoring.PolicyAuditEntry;
import io.stave.application.authoring.PolicyVersionInfo;
import io.stave.application.authoring.PolicyVersions;
import io.stave.rules.engine.PolicySource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Policy versions, their files and their audit trail in the database, which is their system of
 * record. Each lifecycle step changes its version and writes its audit entry in one transaction,
 * and changes nothing when its precondition (a draft, the checksum the caller saw) no longer holds.
 */
public final class PolicyRepository implements PolicyVersions {
  /** The author of the versions Stave installs itself. */
  public static final String SYSTEM_AUTHOR = "stave";

  private final DataSource dataSource;

  private final PolicyAuditTrail auditTrail;

  public PolicyRepository(DataSource dataSource) {
    this.dataSource = dataSource;
    this.auditTrail = new PolicyAuditTrail(dataSource);
  }

  @Override
  public Optional<PolicySource> findActive() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT version FROM policy_version WHERE status = 'ACTIVE'")) {
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        long version = row.getLong(1);
        if (row.next()) {
          throw new SQLException(
              "more than one policy version is ACTIVE; the database is inconsistent");
        }
        return find(connection, version);
      }
    }
  }

  @Override
  public Optional<PolicySource> find(long version) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return find(connection, version);
    }
  }

  private Optional<PolicySource> find(Connection connection, long version) throws SQLException {
    Map<String, String> files = new LinkedHashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT file_name, content FROM policy_file WHERE version = ? ORDER BY file_name")) {
      select.setLong(1, version);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          files.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return files.isEmpty() ? Optional.empty() : Optional.of(new PolicySource(version, files));
  }

  private static final String INFO_COLUMNS =
      "version, status, author, approver, checksum, description, based_on,"
          + " created_at, updated_at, submitted_by, submitted_at, approved_checksum, approved_at, activated_at";

  @Override
  public List<PolicyVersionInfo> all() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT " + INFO_COLUMNS + " FROM policy_version ORDER BY version DESC");
        ResultSet rows = select.executeQuery()) {
      List<PolicyVersionInfo> versions = new ArrayList<>();
      while (rows.next()) {
        versions.add(info(rows));
      }
      return versions;
    }
  }

  @Override
  public Optional<PolicyVersionInfo> info(long version) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return info(connection, version);
    }
  }

  private static Optional<PolicyVersionInfo> info(Connection connection, long version)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + INFO_COLUMNS + " FROM policy_version WHERE version = ?")) {
      select.setLong(1, version);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(info(row)) : Optional.empty();
      }
    }
  }

  private static PolicyVersionInfo info(ResultSet row) throws SQLException {
    long basedOn = row.getLong(7);
    return new PolicyVersionInfo(
        row.getLong(1),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        row.getString(5),
        row.getString(6),
        row.wasNull() ? null : basedOn,
        instant(row, 8),
        instant(row, 9),
        row.getString(10),
        instant(row, 11),
        row.getString(12),
        instant(row, 13),
        instant(row, 14));
  }

  static Instant instant(ResultSet row, int column) throws SQLException {
    OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  @Override
  public PolicyVersionInfo createDraft(
      Map<String, String> files, String author, Long basedOn, String description, String action)
      throws SQLException {
    for (int attempt = 0; ; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try {
          long version = latestVersion(connection) + 1;
          PolicySource source = new PolicySource(version, files);
          try (PreparedStatement insert =
              connection.prepareStatement(
                  """
              INSERT INTO policy_version (version, status, author, checksum, description, based_on, created_at,
                  updated_at) VALUES (?, 'DRAFT', ?, ?, ?, ?, ?, ?)""")) {
            OffsetDateTime now = now();
            insert.setLong(1, version);
            insert.setString(2, author);
            insert.setString(3, source.checksum());
            insert.setString(4, description);
            insert.setObject(5, basedOn);
            insert.setObject(6, now);
            insert.setObject(7, now);
            insert.executeUpdate();
          }
          insertFiles(connection, source);
          PolicyAuditTrail.append(
              connection,
              version,
              action,
              author,
              source.checksum(),
              (basedOn == null ? "new draft" : "draft based on version " + basedOn)
                  + ", "
                  + files.size()
                  + " file(s)"
                  + (description == null ? "" : ": " + description));
          connection.commit();
          return info(connection, version).orElseThrow();
        } catch (SQLException e) {
          connection.rollback();
          if (attempt < 5 && info(connection, latestVersion(connection)).isPresent()) {
            continue; // another author took the number at the same moment; take the next one
          }
          throw e;
        }
      }
    }
  }

  @Override
  public boolean updateDraft(long version, Map<String, String> files, String actor)
      throws SQLException {
    PolicySource source = new PolicySource(version, files);
    return inTransaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  """
          UPDATE policy_version SET checksum = ?, updated_at = ?, submitted_by = NULL, submitted_at = NULL
          WHERE version = ? AND status = 'DRAFT'""")) {
            update.setString(1, source.checksum());
            update.setObject(2, now());
            update.setLong(3, version);
            if (update.executeUpdate() == 0) {
              return false;
            }
          }
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM policy_file WHERE version = ?")) {
            delete.setLong(1, version);
            delete.executeUpdate();
          }
          insertFiles(connection, source);
          PolicyAuditTrail.append(
              connection, version, "UPDATE", actor, source.checksum(), files.size() + " file(s)");
          return true;
        });
  }

  @Override
  public boolean markSubmitted(long version, String actor, String checksum) throws SQLException {
    return step(
        version,
        checksum,
        "SUBMIT",
        actor,
        "UPDATE policy_version SET submitted_by = ?, submitted_at = ? WHERE version = ? AND status = 'DRAFT'"
            + " AND checksum = ?");
  }

  @Override
  public boolean markApproved(long version, String approver, String checksum) throws SQLException {
    return step(
        version,
        checksum,
        "APPROVE",
        approver,
        "UPDATE policy_version SET approver = ?, approved_at = ?, approved_checksum = checksum WHERE version = ?"
            + " AND status = 'DRAFT' AND checksum = ?");
  }

  private boolean step(long version, String checksum, String action, String actor, String sql)
      throws SQLException {
    return inTransaction(
        connection -> {
          try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, actor);
            update.setObject(2, now());
            update.setLong(3, version);
            update.setString(4, checksum);
            if (update.executeUpdate() == 0) {
              return false;
            }
          }
          PolicyAuditTrail.append(connection, version, action, actor, checksum, null);
          return true;
        });
  }

  @Override
  public boolean activate(long version, String actor) throws SQLException {
    return inTransaction(
        connection -> {
          Long previous = null;
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT version FROM policy_version WHERE status = 'ACTIVE' FOR UPDATE");
              ResultSet row = select.executeQuery()) {
            if (row.next()) {
              previous = row.getLong(1);
            }
          }
          String checksum;
          try (PreparedStatement activate =
              connection.prepareStatement(
                  """
          UPDATE policy_version SET status = 'ACTIVE', activated_at = ?
          WHERE version = ? AND status = 'DRAFT' AND approved_checksum = checksum""")) {
            activate.setObject(1, now());
            activate.setLong(2, version);
            if (activate.executeUpdate() == 0) {
              return false;
            }
          }
          checksum = info(connection, version).orElseThrow().checksum();
          if (previous != null) {
            try (PreparedStatement retire =
                connection.prepareStatement(
                    "UPDATE policy_version SET status = 'RETIRED' WHERE version = ?")) {
              retire.setLong(1, previous);
              retire.executeUpdate();
            }
          }
          PolicyAuditTrail.append(
              connection,
              version,
              "ACTIVATE",
              actor,
              checksum,
              previous == null ? "activated" : "activated, retiring version " + previous);
          return true;
        });
  }

  @Override
  public boolean installShippedBaseline() throws SQLException {
    return new ShippedBaseline(dataSource, this).install();
  }

  @Override
  public List<String> editors(long version) throws SQLException {
    return auditTrail.editors(version);
  }

  @Override
  public List<PolicyAuditEntry> audit(Long version, int limit) throws SQLException {
    return auditTrail.entries(version, limit);
  }

  @Override
  public void record(PolicyAuditEntry entry) throws SQLException {
    auditTrail.record(entry);
  }

  static long latestVersion(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM policy_version");
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  static void insertFiles(Connection connection, PolicySource source) throws SQLException {
    try (PreparedStatement file =
        connection.prepareStatement(
            "INSERT INTO policy_file (version, file_name, content) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, String> entry : source.files().entrySet()) {
        file.setLong(1, source.version());
        file.setString(2, entry.getKey());
        file.setString(3, entry.getValue());
        file.addBatch();
      }
      file.executeBatch();
    }
  }

  private interface Work {
    boolean run(Connection connection) throws SQLException;
  }

  private boolean inTransaction(Work work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        boolean done = work.run(connection);
        if (done) {
          connection.commit();
        } else {
          connection.rollback();
        }
        return done;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  static OffsetDateTime now() {
    return Instant.now().atOffset(ZoneOffset.UTC);
  }

  /** SHA-256 over every file name and text, in name order. */
  public static String checksum(PolicySource source) {
    return source.checksum();
  }
}
