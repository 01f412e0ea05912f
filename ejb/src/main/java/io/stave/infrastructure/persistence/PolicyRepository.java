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
  /** The author of the versions Stave installs itself. */
  public static final String SYSTEM_AUTHOR = "stave";

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
   * Makes sure the shipped baseline is what a system-installed policy runs. On an empty database it
   * becomes active version 1. When the active version is a baseline Stave installed earlier (author
   * {@code stave}) and the shipped baseline has changed since, the new baseline is stored as the
   * next version and activated, and the old one retired: a baseline written for an older fact model
   * would otherwise no longer compile after an upgrade. A version a policy author published is
   * never replaced. Returns true when it stored a version.
   */
  @Override
  public boolean installShippedBaseline() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        long next;
        Long retire = null;
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT version, author, checksum FROM policy_version WHERE status = 'ACTIVE'");
            ResultSet active = select.executeQuery()) {
          long latest = latestVersion(connection);
          if (!active.next()) {
            if (latest > 0) {
              connection.rollback();
              return false; // versions exist but none is active: an operator's decision, not ours
            }
            next = 1;
          } else {
            boolean systemBaseline = SYSTEM_AUTHOR.equals(active.getString(2));
            boolean current = active.getString(3).equals(checksum(PolicySource.baseline(1)));
            if (!systemBaseline || current) {
              connection.rollback();
              return false;
            }
            retire = active.getLong(1);
            next = latest + 1;
          }
        }
        if (retire != null) {
          try (PreparedStatement update = connection.prepareStatement(
              "UPDATE policy_version SET status = 'RETIRED' WHERE version = ?")) {
            update.setLong(1, retire);
            update.executeUpdate();
          }
        }
        insertActive(connection, PolicySource.baseline(next),
            retire == null ? "The baseline policy shipped with Stave (DESIGN.md, Decisions)"
                : "The baseline shipped with this Stave release, replacing version " + retire);
        connection.commit();
        return true;
      } catch (SQLException e) {
        connection.rollback();
        // Another node may have stored it at the same moment; its version then stands.
        if (findActive().isPresent()) {
          return false;
        }
        throw e;
      }
    }
  }

  private static long latestVersion(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT COALESCE(MAX(version), 0) FROM policy_version"); ResultSet row = select.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private static void insertActive(Connection connection, PolicySource source, String description)
      throws SQLException {
    try (PreparedStatement version = connection.prepareStatement("""
            INSERT INTO policy_version (version, status, author, approver, checksum, description,
                created_at, activated_at)
            VALUES (?, 'ACTIVE', ?, ?, ?, ?, ?, ?)""");
        PreparedStatement file = connection.prepareStatement(
            "INSERT INTO policy_file (version, file_name, content) VALUES (?, ?, ?)")) {
      var now = Instant.now().atOffset(ZoneOffset.UTC);
      version.setLong(1, source.version());
      version.setString(2, SYSTEM_AUTHOR);
      version.setString(3, SYSTEM_AUTHOR);
      version.setString(4, checksum(source));
      version.setString(5, description);
      version.setObject(6, now);
      version.setObject(7, now);
      version.executeUpdate();
      for (Map.Entry<String, String> entry : source.files().entrySet()) {
        file.setLong(1, source.version());
        file.setString(2, entry.getKey());
        file.setString(3, entry.getValue());
        file.addBatch();
      }
      file.executeBatch();
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
