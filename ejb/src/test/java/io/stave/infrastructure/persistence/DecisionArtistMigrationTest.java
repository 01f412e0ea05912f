package io.stave.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.application.DecisionQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * V9 rebuilds the decision log's artist table without its key and foreign key: the decisions logged
 * before it must still be found by artist afterwards, on H2 and PostgreSQL.
 */
class DecisionArtistMigrationTest {
  private static final String DOCUMENT =
      """
      {"decisionId":"%s","request":{"useType":"AI_CURATION","isrc":"USRC17607839",\
      "territory":"SE","at":"2026-11-24T10:00:00Z","context":{},"feature":"ai-dj"},\
      "verdict":"DENY","reasons":[{"code":"NOT_LICENSED","rule":"r","message":"m"}],\
      "obligations":[],"mainArtistIds":["%s"],"policyVersion":1,\
      "evaluatedAt":"2026-11-24T10:00:00Z","evaluationNanos":1000}""";

  record Database(String name, DataSource dataSource, String schema) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Database> databases() throws SQLException {
    List<Database> databases = new ArrayList<>();
    JdbcDataSource h2 = new JdbcDataSource();
    Path file = Path.of("target", "h2", "migration-" + UUID.randomUUID()).toAbsolutePath();
    h2.setURL("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    h2.setPassword("sa");
    databases.add(new Database("H2 file", h2, null));
    String url = System.getProperty("stave.test.db.url", "");
    if (url.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource postgres = TestDatabases.postgresSchema(url, "stave_v9_");
      String schema = postgres.getCurrentSchema();
      databases.add(new Database("PostgreSQL " + schema, postgres, schema));
    }
    return databases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void decisionsLoggedBeforeV9AreStillFoundByArtist(Database database) throws SQLException {
    var before = Flyway.configure().dataSource(database.dataSource()).target("8");
    if (database.schema() != null) {
      before.schemas(database.schema());
    }
    before.load().migrate();
    String decisionId = UUID.randomUUID().toString();
    String artist = "artist-" + UUID.randomUUID();
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement decision =
            connection.prepareStatement(
                "INSERT INTO decision_log (decision_id, request_id, feature, use_type, isrc,"
                    + " territory, requested_at, verdict, first_reason, policy_version,"
                    + " evaluated_at, evaluation_micros, principal, document)"
                    + " VALUES (?, NULL, 'ai-dj', 'AI_CURATION', 'USRC17607839', 'SE', ?,"
                    + " 'DENY', 'NOT_LICENSED', 1, ?, 1, 'client', ?)");
        PreparedStatement artistRow =
            connection.prepareStatement(
                "INSERT INTO decision_artist (decision_id, artist_id) VALUES (?, ?)")) {
      var at = Instant.parse("2026-11-24T10:00:00Z").atOffset(ZoneOffset.UTC);
      decision.setString(1, decisionId);
      decision.setObject(2, at);
      decision.setObject(3, at);
      decision.setString(4, DOCUMENT.formatted(decisionId, artist));
      decision.executeUpdate();
      artistRow.setString(1, decisionId);
      artistRow.setString(2, artist);
      artistRow.executeUpdate();
    }

    assertTrue(Migrations.migrate(database.dataSource(), database.schema()) > 0, "V9 ran");
    try (JdbcDecisionLog log =
        new JdbcDecisionLog(
            database.dataSource(),
            Executors.defaultThreadFactory(),
            10,
            Duration.ofSeconds(2),
            Duration.ofSeconds(10))) {
      var byArtist = log.list(new DecisionQuery(null, null, artist, null, null, null, 10, 0));
      assertEquals(
          List.of(decisionId),
          byArtist.decisions().stream().map(d -> d.decision().decisionId()).toList());
    }
  }
}
