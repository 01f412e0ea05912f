package io.stave.infrastructure.persistence;

import io.stave.rules.engine.PolicySource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Policy versions and their rule files in the database, which is their system of record. */
public final class PolicyRepository implements io.stave.application.PolicyStore {
  private final DataSource dataSource;

  public PolicyRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<PolicySource> findActive() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT version FROM policy_version WHERE status = 'ACTIVE'")) {
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        long version = row.getLong(1);
        if (row.next()) {
          throw new SQLException("more than one policy version is ACTIVE; the database is inconsistent");
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
    try (PreparedStatement select = connection.prepareStatement(
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

  /**
   * Stores the shipped baseline as active version 1 when the database holds no policy at all, so a
   * new installation can decide from its first start. Returns true when it did.
   */
  @Override
  public boolean installBaselineIfEmpty() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement count = connection.prepareStatement(
          "SELECT COUNT(*) FROM policy_version"); ResultSet row = count.executeQuery()) {
        row.next();
        if (row.getLong(1) > 0) {
          connection.rollback();
          return false;
        }
      }
      PolicySource baseline = PolicySource.baseline(1);
      try (PreparedStatement version = connection.prepareStatement("""
              INSERT INTO policy_version (version, status, author, approver, checksum, description,
                  created_at, activated_at)
              VALUES (?, 'ACTIVE', 'stave', 'stave', ?, ?, ?, ?)""");
          PreparedStatement file = connection.prepareStatement(
              "INSERT INTO policy_file (version, file_name, content) VALUES (?, ?, ?)")) {
        var now = Instant.now().atOffset(ZoneOffset.UTC);
        version.setLong(1, baseline.version());
        version.setString(2, checksum(baseline));
        version.setString(3, "The baseline policy shipped with Stave (DESIGN.md, Decisions)");
        version.setObject(4, now);
        version.setObject(5, now);
        version.executeUpdate();
        for (Map.Entry<String, String> entry : baseline.files().entrySet()) {
          file.setLong(1, baseline.version());
          file.setString(2, entry.getKey());
          file.setString(3, entry.getValue());
          file.addBatch();
        }
        file.executeBatch();
        connection.commit();
        return true;
      } catch (SQLException e) {
        connection.rollback();
        // Another node may have installed it at the same moment; its version then stands.
        if (findActive().isPresent()) {
          return false;
        }
        throw e;
      }
    }
  }

  /** SHA-256 over every file name and text, in name order. */
  public static String checksum(PolicySource source) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      source.files().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(file -> {
        digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(file.getValue().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      });
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
