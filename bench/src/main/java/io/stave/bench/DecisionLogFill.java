package io.stave.bench;

import io.stave.application.DecisionQuery;
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
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How the decision log's write cost grows with its size: fills the log through the server's own
 * {@link JdbcDecisionLog} (group commit, durable commits on H2) to the given number of rows and
 * prints the insert throughput of every step, then times the auditors' reads on the full log.
 *
 * <p>The decisions are real ones: 10,000 requests over the realistic catalogue decided by the
 * baseline policy, then logged again and again with fresh ids, spread over 30 days of {@code
 * evaluated_at}. Callers log batches as the HTTP API does (a batch request is one {@code record}
 * call). Usage: {@code java -cp ... io.stave.bench.DecisionLogFill <h2 dir | -> <rows> <step>
 * <callers> <batch>}; {@code -} and {@code STAVE_DB_URL}/{@code _USER}/{@code _PASSWORD}/{@code
 * _SCHEMA} for PostgreSQL; {@code STAVE_H2_OPTIONS} (e.g. {@code ;CACHE_SIZE=131072}) is appended
 * to the H2 URL, to try H2's settings.
 */
public final class DecisionLogFill {
  private DecisionLogFill() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: DecisionLogFill <h2 dir | -> <rows> <step> <callers> <batch>");
      System.exit(2);
    }
    long rows = Long.parseLong(args[1]);
    long step = Long.parseLong(args[2]);
    int callers = Integer.parseInt(args[3]);
    int batch = Integer.parseInt(args[4]);
    String schema = System.getenv("STAVE_DB_SCHEMA");
    DataSource database = database(args[0], schema);
    Migrations.migrate(database, "-".equals(args[0]) ? schema : null);
    DurableCommits.ensure(database);

    SyntheticCatalogue catalogue = SyntheticCatalogue.realistic();
    InMemoryFactStore facts = catalogue.factStore();
    CompiledPolicy policy = PolicyCompiler.compile(AuthorRules.policy(List.of()));
    List<Decision> templates = new ArrayList<>();
    for (DecisionRequest request : catalogue.requests(10_000, 7L)) {
      templates.add(policy.evaluate(request, facts, EvaluationLimits.DEFAULT));
    }
    System.out.printf(
        "# decision log fill: %s, %,d rows in steps of %,d, %d callers, %d decisions per record,"
            + " %d cores%n",
        "-".equals(args[0]) ? System.getenv("STAVE_DB_URL") + " schema " + schema : "H2 " + args[0],
        rows,
        step,
        callers,
        batch,
        Runtime.getRuntime().availableProcessors());
    System.out.println("rows in log | step rows/s | step seconds | load average");

    AtomicLong issued = new AtomicLong();
    Instant firstDay = SyntheticCatalogue.NOW.minus(Duration.ofDays(30));
    long millisPerRow = Duration.ofDays(30).toMillis() / Math.max(1, rows);
    Supplier<List<Decision>> next =
        () -> {
          long first = issued.getAndAdd(batch);
          if (first >= rows) {
            return List.of();
          }
          List<Decision> decisions = new ArrayList<>(batch);
          for (long i = first; i < Math.min(rows, first + batch); i++) {
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
                    firstDay.plusMillis(i * Math.max(1, millisPerRow)),
                    t.evaluationNanos()));
          }
          return decisions;
        };

    AtomicLong logged = new AtomicLong();
    try (JdbcDecisionLog log =
        new JdbcDecisionLog(
            database,
            Executors.defaultThreadFactory(),
            10_000,
            Duration.ofSeconds(30),
            Duration.ofSeconds(60))) {
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < callers; c++) {
        Thread thread =
            new Thread(
                () -> {
                  List<Decision> decisions;
                  while (!(decisions = next.get()).isEmpty()) {
                    log.record(decisions, "client");
                    logged.addAndGet(decisions.size());
                  }
                });
        thread.start();
        threads.add(thread);
      }
      long stepStart = System.nanoTime();
      long stepFrom = 0;
      long nextReport = step;
      while (threads.stream().anyMatch(Thread::isAlive)) {
        Thread.sleep(200);
        long now = logged.get();
        if (now >= nextReport || threads.stream().noneMatch(Thread::isAlive)) {
          long elapsed = System.nanoTime() - stepStart;
          System.out.printf(
              "%,d | %,.0f | %.1f | %s%n",
              now, (now - stepFrom) * 1e9 / elapsed, elapsed / 1e9, loadAverage());
          stepStart = System.nanoTime();
          stepFrom = now;
          nextReport = (now / step + 1) * step;
        }
      }
      for (Thread thread : threads) {
        thread.join();
      }

      Decision last = templates.get((int) ((rows - 1) % templates.size()));
      String artist = last.mainArtistIds().isEmpty() ? null : last.mainArtistIds().get(0);
      time(
          "newest 50",
          () -> log.list(new DecisionQuery(null, null, null, null, null, null, 50, 0)));
      time(
          "newest 50 of one feature",
          () ->
              log.list(
                  new DecisionQuery(
                      last.request().getFeature(), null, null, null, null, null, 50, 0)));
      time(
          "newest 50 of one recording",
          () ->
              log.list(
                  new DecisionQuery(
                      null, last.request().getIsrc(), null, null, null, null, 50, 0)));
      if (artist != null) {
        time(
            "newest 50 of one artist",
            () -> log.list(new DecisionQuery(null, null, artist, null, null, null, 50, 0)));
      }
      String someId =
          log.list(new DecisionQuery(null, null, null, null, null, null, 1, 0))
              .decisions()
              .get(0)
              .decision()
              .decisionId();
      time("one decision by id", () -> log.find(someId).orElseThrow());
    }
  }

  private static void time(String what, Runnable read) {
    read.run(); // once to warm up, then timed
    long start = System.nanoTime();
    read.run();
    System.out.printf("read: %s: %.1f ms%n", what, (System.nanoTime() - start) / 1e6);
  }

  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).substring(0, 14).trim();
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  /**
   * One connection kept open for the writer and the reads, as the server's pool keeps its
   * connections: opening one per group commit would measure the login, not the log.
   */
  static DataSource database(String h2Directory, String schema) throws Exception {
    DataSource plain;
    if ("-".equals(h2Directory)) {
      PGSimpleDataSource postgres = new PGSimpleDataSource();
      postgres.setURL(System.getenv("STAVE_DB_URL"));
      postgres.setUser(System.getenv().getOrDefault("STAVE_DB_USER", "postgres"));
      postgres.setPassword(System.getenv().getOrDefault("STAVE_DB_PASSWORD", ""));
      if (schema != null && !schema.isBlank()) {
        postgres.setCurrentSchema(schema);
      }
      plain = postgres;
    } else {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(
          "jdbc:h2:file:"
              + Path.of(h2Directory).toAbsolutePath().resolve("stave")
              + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
              + System.getenv().getOrDefault("STAVE_H2_OPTIONS", ""));
      h2.setUser("sa");
      h2.setPassword("sa");
      plain = h2;
    }
    return pooled(plain);
  }

  private static DataSource pooled(DataSource plain) {
    ThreadLocal<Connection> connections = new ThreadLocal<>();
    return (DataSource)
        Proxy.newProxyInstance(
            DecisionLogFill.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, arguments) -> {
              if (!method.getName().equals("getConnection")) {
                return method.invoke(plain, arguments);
              }
              Connection open = connections.get();
              if (open == null || open.isClosed()) {
                open = plain.getConnection();
                connections.set(open);
              }
              Connection real = open;
              return Proxy.newProxyInstance(
                  DecisionLogFill.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (p, m, a) -> {
                    if (m.getName().equals("close")) {
                      if (!real.getAutoCommit()) {
                        real.rollback();
                        real.setAutoCommit(true);
                      }
                      return null;
                    }
                    try {
                      return m.invoke(real, a);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
            });
  }
}
