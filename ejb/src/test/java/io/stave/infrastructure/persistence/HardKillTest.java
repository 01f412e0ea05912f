package io.stave.infrastructure.persistence;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kill -9} of a JVM that is logging decisions: every decision acknowledged before the kill
 * is in the log afterwards. The JVM is a child process ({@link DecisionLogProcess}) that runs the
 * server's own database start-up ({@link Migrations}, {@link DurableCommits}) and decision log.
 *
 * <p>This test fails on H2 without {@link DurableCommits}: run it with {@code
 * -Dstave.test.hard-kill.commits=as-configured} to see H2's default write delay lose the
 * acknowledged decisions (213 of 305 when this was written).
 */
class HardKillTest {
  private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

  /**
   * Where the child writes: a fresh H2 file, and a fresh PostgreSQL schema when one is configured.
   */
  record Target(String name, String url, String user, String password, String schema) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    Path file = Path.of("target", "h2", "hard-kill-" + UUID.randomUUID()).toAbsolutePath();
    // Kept open between connections, as the server's pool keeps it: otherwise closing the last
    // connection would close the database, which writes everything each time.
    targets.add(
        new Target(
            "H2 file",
            "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1",
            "sa",
            "sa",
            "-"));
    String postgres = System.getProperty("stave.test.db.url", "");
    if (postgres.startsWith("jdbc:postgresql:")) {
      String schema =
          "stave_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      targets.add(
          new Target(
              "PostgreSQL " + schema,
              postgres,
              System.getProperty("stave.test.db.user", "postgres"),
              System.getProperty("stave.test.db.password", ""),
              schema));
    }
    return targets;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void everyDecisionAcknowledgedBeforeAKill9IsInTheLogAfterwards(Target target) throws Exception {
    Path errors = Files.createTempFile("decision-log-process", ".err");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DecisionLogProcess.class.getName(),
                target.url(),
                target.user(),
                target.password(),
                target.schema(),
                System.getProperty("stave.test.hard-kill.commits", "durable"))
            .redirectError(errors.toFile())
            .start();
    List<String> acknowledged = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> readIds(child, acknowledged));
    reader.start();
    try {
      await("the child JVM acknowledges " + ACKNOWLEDGED_BEFORE_KILL + " decisions")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(20))
          .failFast("the child JVM ended: " + tail(errors), () -> !child.isAlive())
          .until(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL);
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, nothing flushed
      child.waitFor(30, TimeUnit.SECONDS);
    }
    reader.join(10_000);
    assertEquals(137, child.exitValue(), "the child was killed by SIGKILL");

    Set<String> missing = missing(target, acknowledged);
    assertTrue(
        missing.isEmpty(),
        missing.size()
            + " of "
            + acknowledged.size()
            + " acknowledged decisions are not in the log after kill -9 on "
            + target
            + ", e.g. "
            + missing.stream().limit(3).toList());
  }

  /** Everything the child printed before it died; a line cut short by the kill is not an id. */
  private static void readIds(Process child, List<String> acknowledged) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.length() == 36) {
          acknowledged.add(line);
        }
      }
    } catch (IOException e) {
      // the pipe closes when the child dies; what was read is what was acknowledged
    }
  }

  private static Set<String> missing(Target target, List<String> acknowledged) throws Exception {
    DataSource dataSource =
        DecisionLogProcess.dataSource(
            target.url(),
            target.user(),
            target.password(),
            "-".equals(target.schema()) ? null : target.schema());
    Set<String> missing = new HashSet<>(acknowledged);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT decision_id FROM decision_log");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        missing.remove(rows.getString(1));
      }
    }
    return missing;
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no output)";
    }
  }
}
