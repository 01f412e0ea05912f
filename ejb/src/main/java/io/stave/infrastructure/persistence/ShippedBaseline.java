package io.stave.infrastructure.persistence;

import io.stave.rules.engine.PolicySource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/** Installs the baseline policy shipped with Stave, and replaces an older one it installed. */
final class ShippedBaseline {
  private final DataSource dataSource;
  private final PolicyRepository versions;

  ShippedBaseline(DataSource dataSource, PolicyRepository versions) {
    this.dataSource = dataSource;
    this.versions = versions;
  }

  /**
   * Makes sure the shipped baseline is what a system-installed policy runs. On an empty database it
   * becomes active version 1. When the active version is a baseline Stave installed earlier (author
   * {@code stave}) and the shipped baseline has changed since, the new baseline is stored as the
   * next version and activated, and the old one retired: a baseline written for an older fact model
   * would otherwise no longer compile after an upgrade. A version a policy author published is
   * never replaced. Returns true when it stored a version.
   */
  boolean install() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        long next;
        Long retire = null;
        try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT version, author, checksum FROM policy_version WHERE status = 'ACTIVE'");
            ResultSet active = select.executeQuery()) {
          long latest = PolicyRepository.latestVersion(connection);
          if (!active.next()) {
            if (latest > 0) {
              connection.rollback();
              return false; // versions exist but none is active: an operator's decision, not ours
            }
            next = 1;
          } else {
            boolean systemBaseline = PolicyRepository.SYSTEM_AUTHOR.equals(active.getString(2));
            boolean current = active.getString(3).equals(PolicySource.baseline(1).checksum());
            if (!systemBaseline || current) {
              connection.rollback();
              return false;
            }
            retire = active.getLong(1);
            next = latest + 1;
          }
        }
        if (retire != null) {
          Sql.update(
              connection, "UPDATE policy_version SET status = 'RETIRED' WHERE version = ?", retire);
        }
        insertActive(
            connection,
            PolicySource.baseline(next),
            retire == null
                ? "The baseline policy shipped with Stave (DESIGN.md, Decisions)"
                : "The baseline shipped with this Stave release, replacing version " + retire);
        connection.commit();
        return true;
      } catch (SQLException e) {
        connection.rollback();
        // Another node may have stored it at the same moment; its version then stands.
        if (versions.findActive().isPresent()) {
          return false;
        }
        throw e;
      }
    }
  }

  private static void insertActive(Connection connection, PolicySource source, String description)
      throws SQLException {
    try (PreparedStatement version =
        connection.prepareStatement(
            """
            INSERT INTO policy_version (version, status, author, approver, checksum, description,
                created_at, activated_at)
            VALUES (?, 'ACTIVE', ?, ?, ?, ?, ?, ?)""")) {
      var now = Instant.now().atOffset(ZoneOffset.UTC);
      version.setLong(1, source.version());
      version.setString(2, PolicyRepository.SYSTEM_AUTHOR);
      version.setString(3, PolicyRepository.SYSTEM_AUTHOR);
      version.setString(4, source.checksum());
      version.setString(5, description);
      version.setObject(6, now);
      version.setObject(7, now);
      version.executeUpdate();
    }
    PolicyRepository.insertFiles(connection, source);
    PolicyAuditTrail.append(
        connection,
        source.version(),
        "INSTALL_BASELINE",
        PolicyRepository.SYSTEM_AUTHOR,
        source.checksum(),
        description);
  }
}
