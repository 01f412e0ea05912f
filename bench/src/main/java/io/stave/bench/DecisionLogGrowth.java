package io.stave.bench;

import io.stave.infrastructure.persistence.DecisionDocument;
import io.stave.infrastructure.persistence.DurableCommits;
import io.stave.infrastructure.persistence.JdbcDecisionLog;
import io.stave.infrastructure.persistence.Migrations;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.DecisionIds;
import io.stave.rules.engine.EvaluationLimits;
import io.stave.rules.engine.InMemoryFactStore;
import io.stave.rules.engine.PolicyCompiler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The decision log's insert rate at large sizes without writing every row through the log: grows
 * the log in the database itself ({@code INSERT ... SELECT} over a number series: rows of the same
 * shape, with random decision ids, one artist row each, older than anything logged later), then at
 * each size logs a fixed number of real decisions through {@link JdbcDecisionLog} and times that.
 * Usage: {@code DecisionLogGrowth <h2 dir | -> <sizes, e.g. 0,1000000,10000000> <measured rows>
 * <callers> <batch>}; {@code -} and {@code STAVE_DB_*} for PostgreSQL.
 */
public final class DecisionLogGrowth {
  private DecisionLogGrowth() {}

  public static void main(String[] args) throws Exception {
    boolean postgres = "-".equals(args[0]);
    String schema = System.getenv("STAVE_DB_SCHEMA");
    DataSource database = DecisionLogFill.database(args[0], schema);
    Migrations.migrate(database, postgres ? schema : null);
    DurableCommits.ensure(database);
    long measured = Long.parseLong(args[2]);
    int callers = Integer.parseInt(args[3]);
    int batch = Integer.parseInt(args[4]);

    SyntheticCatalogue catalogue = SyntheticCatalogue.realistic();
    InMemoryFactStore facts = catalogue.factStore();
    CompiledPolicy policy = PolicyCompiler.compile(AuthorRules.policy(List.of()));
    List<Decision> templates = new ArrayList<>();
    for (DecisionRequest request : catalogue.requests(10_000, 7L)) {
      templates.add(policy.evaluate(request, facts, EvaluationLimits.DEFAULT));
    }
    String document = DecisionDocument.write(templates.get(0));
    System.out.printf(
        "# decision log growth: %s; %,d decisions logged through JdbcDecisionLog at each size, %d"
            + " callers, %d decisions per record, %d cores%n",
        postgres ? System.getenv("STAVE_DB_URL") + " schema " + schema : "H2 " + args[0],
        measured,
        callers,
        batch,
        Runtime.getRuntime().availableProcessors());
    System.out.println(
        "rows in log before | grown in SQL (s) | logged rows/s | seconds | load average");

    Instant liveFrom = SyntheticCatalogue.NOW;
    AtomicLong live = new AtomicLong();
    try (JdbcDecisionLog log =
        new JdbcDecisionLog(
            database,
            Executors.defaultThreadFactory(),
            10_000,
            Duration.ofSeconds(30),
            Duration.ofSeconds(60))) {
      for (String size : args[1].split(",")) {
        long target = Long.parseLong(size.trim());
        long grownIn = 0;
        long rows = count(database);
        if (rows < target) {
          long start = System.nanoTime();
          grow(database, postgres, rows, target - rows, document);
          grownIn = (System.nanoTime() - start) / 1_000_000_000L;
          rows = count(database);
        }
        AtomicLong issued = new AtomicLong();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
          Thread thread =
              new Thread(
                  () -> {
                    while (true) {
                      long first = issued.getAndAdd(batch);
                      if (first >= measured) {
                        return;
                      }
                      List<Decision> decisions = new ArrayList<>(batch);
                      for (long i = first; i < Math.min(measured, first + batch); i++) {
                        Decision t = templates.get((int) (i % templates.size()));
                        decisions.add(
                            new Decision(
                                DecisionIds.next(),
                                t.request(),
                                t.verdict(),
                                t.reasons(),
                                t.obligations(),
                                t.split(),
                                t.mainArtistIds(),
                                t.policyVersion(),
                                liveFrom.plusMillis(live.incrementAndGet()),
                                t.evaluationNanos()));
                      }
                      log.record(decisions, "client");
                    }
                  });
          thread.start();
          threads.add(thread);
        }
        for (Thread thread : threads) {
          thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "%,d | %d | %,.0f | %.1f | %s%n",
            rows, grownIn, measured / seconds, seconds, DecisionLogFill.loadAverage());
      }
    }
  }

  private static long count(DataSource database) throws Exception {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM decision_log")) {
      row.next();
      return row.getLong(1);
    }
  }

  /**
   * Adds rows in slices of 500,000, each committed; evaluated times count up from the start of the
   * year in 100 ms steps, so they are older than the decisions logged afterwards.
   */
  private static void grow(
      DataSource database, boolean postgres, long from, long count, String document)
      throws Exception {
    String series =
        postgres
            ? "SELECT g AS x, TIMESTAMPTZ '2026-01-01 00:00:00+00' + g * INTERVAL '100 milliseconds'"
                + " AS t, gen_random_uuid()::text AS id FROM generate_series(?::bigint, ?::bigint) g"
            : "SELECT X AS x, DATEADD(MILLISECOND, X * 100,"
                + " TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00') AS t,"
                + " CAST(RANDOM_UUID() AS VARCHAR) AS id FROM SYSTEM_RANGE(?, ?)";
    String insert =
        "INSERT INTO decision_log (decision_id, request_id, feature, use_type, isrc, territory,"
            + " requested_at, verdict, first_reason, policy_version, evaluated_at,"
            + " evaluation_micros, principal, document)"
            + " SELECT s.id, NULL, CONCAT('feature-', MOD(s.x, 600)), 'AI_CURATION',"
            + " CONCAT('QZSAA26', LPAD(CAST(MOD(s.x * 7919, 100000) AS VARCHAR(8)), 5, '0')),"
            + " 'SE', s.t, 'DENY', 'NOT_LICENSED', 1, s.t, 20, 'client', ? FROM ("
            + series
            + ") s";
    String artists =
        "INSERT INTO decision_artist (decision_id, artist_id)"
            + " SELECT decision_id, CONCAT('artist-', SUBSTRING(isrc, 8, 5)) FROM decision_log"
            + " WHERE evaluated_at >= ? AND evaluated_at < ?";
    try (Connection connection = database.getConnection()) {
      connection.setAutoCommit(false);
      for (long first = from; first < from + count; first += 500_000) {
        long last = Math.min(from + count, first + 500_000) - 1;
        try (PreparedStatement rows = connection.prepareStatement(insert);
            PreparedStatement artistRows = connection.prepareStatement(artists)) {
          rows.setString(1, document);
          rows.setLong(2, first);
          rows.setLong(3, last);
          rows.executeUpdate();
          Instant year = Instant.parse("2026-01-01T00:00:00Z");
          artistRows.setObject(1, year.plusMillis(first * 100).atOffset(java.time.ZoneOffset.UTC));
          artistRows.setObject(
              2, year.plusMillis((last + 1) * 100).atOffset(java.time.ZoneOffset.UTC));
          artistRows.executeUpdate();
        }
        connection.commit();
      }
      if (postgres) {
        connection.setAutoCommit(true);
        try (Statement analyze = connection.createStatement()) {
          analyze.execute("ANALYZE decision_log");
          analyze.execute("ANALYZE decision_artist");
        }
      }
    }
  }
}
