package io.stave.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.infrastructure.persistence.TestDatabases.TestDatabase;
import io.stave.rules.engine.PolicySource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which policy a node runs after an install or an upgrade, on the real databases. */
class PolicyRepositoryTest {

  static List<TestDatabase> databases() throws Exception {
    return TestDatabases.all();
  }

  private static void storeActive(TestDatabase database, long version, String author, String text)
      throws Exception {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO policy_version (version, status, author, approver, checksum, created_at)"
                    + " VALUES (?, 'ACTIVE', ?, ?, ?, ?)");
        PreparedStatement file =
            connection.prepareStatement(
                "INSERT INTO policy_file (version, file_name, content) VALUES (?, 'rules.drl', ?)")) {
      insert.setLong(1, version);
      insert.setString(2, author);
      insert.setString(3, author);
      insert.setString(4, "checksum-of-" + text.hashCode());
      insert.setObject(5, OffsetDateTime.now());
      insert.executeUpdate();
      file.setLong(1, version);
      file.setString(2, text);
      file.executeUpdate();
    }
  }

  private static String status(TestDatabase database, long version) throws Exception {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT status FROM policy_version WHERE version = ?")) {
      select.setLong(1, version);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getString(1) : "absent";
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anEmptyDatabaseGetsTheShippedBaselineAsActiveVersionOneOnce(TestDatabase database)
      throws Exception {
    var policies = new PolicyRepository(database.dataSource());
    assertTrue(policies.installShippedBaseline());
    assertFalse(policies.installShippedBaseline());
    PolicySource active = policies.findActive().orElseThrow();
    assertEquals(1, active.version());
    assertEquals(PolicySource.baseline(1).files(), active.files());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anOlderBaselineStaveInstalledIsReplacedByTheShippedOneAndRetired(TestDatabase database)
      throws Exception {
    storeActive(database, 1, PolicyRepository.SYSTEM_AUTHOR, "// the baseline of an older release");
    var policies = new PolicyRepository(database.dataSource());
    assertTrue(policies.installShippedBaseline());
    PolicySource active = policies.findActive().orElseThrow();
    assertEquals(2, active.version());
    assertEquals(PolicySource.baseline(1).files(), active.files());
    assertEquals("RETIRED", status(database, 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aVersionAPolicyAuthorPublishedIsNeverReplaced(TestDatabase database) throws Exception {
    storeActive(database, 1, "author", "// the label's own policy");
    var policies = new PolicyRepository(database.dataSource());
    assertFalse(policies.installShippedBaseline());
    assertEquals(1, policies.findActive().orElseThrow().version());
    assertEquals("absent", status(database, 2));
  }
}
