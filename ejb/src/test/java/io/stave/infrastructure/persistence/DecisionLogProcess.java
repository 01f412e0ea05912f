package io.stave.infrastructure.persistence;

import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Reason;
import io.stave.rules.domain.ReasonCode;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.domain.Verdict;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The child JVM of {@link HardKillTest}: the server's start-up steps for the database (migrate,
 * {@link DurableCommits}) and its decision log, with eight callers logging decisions as fast as
 * they are acknowledged. Each acknowledged decision id is printed (and flushed) only after {@code
 * record} returned, so the parent knows exactly what was acknowledged when it kills this JVM.
 *
 * <p>Arguments: JDBC URL, user, password, schema ({@code -} for none), and {@code durable} or
 * {@code as-configured} (skip {@link DurableCommits}: shows what H2 does by default).
 */
public final class DecisionLogProcess {
  private DecisionLogProcess() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String schema = "-".equals(args[3]) ? null : args[3];
    DataSource dataSource = dataSource(url, args[1], args[2], schema);
    Migrations.migrate(dataSource, schema);
    if ("durable".equals(args[4])) {
      DurableCommits.ensure(dataSource);
    }
    JdbcDecisionLog log =
        new JdbcDecisionLog(
            dataSource,
            Executors.defaultThreadFactory(),
            10_000,
            Duration.ofSeconds(2),
            Duration.ofSeconds(10));
    PrintStream out = System.out;
    for (int caller = 0; caller < 8; caller++) {
      Thread thread =
          new Thread(
              () -> {
                while (true) {
                  Decision decision = deny();
                  log.record(List.of(decision), "client");
                  synchronized (out) {
                    out.println(decision.decisionId());
                    out.flush();
                  }
                }
              });
      thread.start();
    }
  }

  static DataSource dataSource(String url, String user, String password, String schema) {
    if (url.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource postgres = new PGSimpleDataSource();
      postgres.setURL(url);
      postgres.setUser(user);
      postgres.setPassword(password);
      if (schema != null) {
        postgres.setCurrentSchema(schema);
      }
      return postgres;
    }
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url);
    h2.setUser(user);
    h2.setPassword(password);
    return h2;
  }

  private static Decision deny() {
    var request =
        new DecisionRequest(
            "req-" + UUID.randomUUID(),
            "hard-kill",
            UseType.AI_TRAINING,
            Isrc.of("USRC17607839"),
            Territory.of("SE"),
            Instant.now(),
            Map.of());
    return new Decision(
        UUID.randomUUID().toString(),
        request,
        Verdict.DENY,
        List.of(new Reason(ReasonCode.NOT_LICENSED, "No deal", "No deal covers it.")),
        List.of(),
        null,
        List.of("artist-" + UUID.randomUUID()),
        1,
        Instant.now(),
        1_000);
  }
}
