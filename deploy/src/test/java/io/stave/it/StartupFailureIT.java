package io.stave.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * deploy/run.sh with bad configuration: it must stop with one line that says what is wrong and
 * where, and exit non-zero, never leave a wall of stack traces or a half-started node behind. Runs
 * on shifted ports and its own cluster name, so it never meets the Arquillian server.
 */
class StartupFailureIT {
  private static final int PORT_OFFSET = 300;
  private static final Path REPO = Path.of(System.getProperty("stave.repo.root"));

  private record Outcome(int exitCode, String output) {
    List<String> failureLines() {
      return output.lines().filter(line -> line.startsWith("STAVE NOT STARTED")).toList();
    }
  }

  private static Outcome runWith(Map<String, String> environment) throws Exception {
    Path data =
        Path.of(
            System.getProperty("stave.build.dir"),
            "startup-failures",
            UUID.randomUUID().toString());
    ProcessBuilder run =
        new ProcessBuilder(REPO.resolve("deploy/run.sh").toString(), "--no-build")
            .redirectErrorStream(true);
    run.environment().put("STAVE_DATA_DIR", data.toString());
    run.environment().put("STAVE_PORT_OFFSET", Integer.toString(PORT_OFFSET));
    run.environment().put("STAVE_CLUSTER_NAME", "startup-failure-" + UUID.randomUUID());
    run.environment().put("STAVE_CLUSTER_PORT", "5901");
    run.environment().put("STAVE_READY_TIMEOUT", "120");
    run.environment().putAll(environment);
    Path output = Files.createTempFile("run-sh", ".log");
    Process process = run.redirectOutput(output.toFile()).start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("run.sh did not stop within 180 s: " + Files.readString(output));
    }
    return new Outcome(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  private static void assertOneClearLine(Outcome outcome, String... mustSay) {
    assertEquals(1, outcome.exitCode(), outcome.output());
    List<String> lines = outcome.failureLines();
    assertEquals(1, lines.size(), outcome.output());
    for (String words : mustSay) {
      assertTrue(lines.get(0).contains(words), "'" + words + "' missing in: " + lines.get(0));
    }
    assertFalse(outcome.output().contains("Exception"), outcome.output());
    assertFalse(outcome.output().contains("\tat "), outcome.output());
  }

  @Test
  void anUnreachableDatabaseStopsTheStartNamingTheDatabase() throws Exception {
    Outcome outcome = runWith(Map.of("STAVE_DB_URL", "jdbc:postgresql://127.0.0.1:9/stave"));
    assertOneClearLine(outcome, "[database]", "jdbc:postgresql://127.0.0.1:9/stave");
  }

  @Test
  void aBadClusterMemberListStopsTheStartNamingTheBadEntry() throws Exception {
    Outcome outcome = runWith(Map.of("STAVE_CLUSTER_MEMBERS", "127.0.0.1:5901,not a host"));
    assertOneClearLine(outcome, "[cluster]", "STAVE_CLUSTER_MEMBERS", "'not a host'");
  }

  /** WildFly refused the datasource and run.sh said only "the Stave deployment failed". */
  @Test
  void anEmptyDatabasePasswordStopsTheStartNamingIt() throws Exception {
    Outcome outcome = runWith(Map.of("STAVE_DB_PASSWORD", ""));
    assertOneClearLine(outcome, "STAVE_DB_PASSWORD", "may not be empty");
  }

  @Test
  void aPortInUseStopsTheStartNamingThePort() throws Exception {
    int port = 8080 + PORT_OFFSET;
    try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      Outcome outcome = runWith(Map.of());
      assertOneClearLine(outcome, "port " + port, "in use");
    } catch (IOException e) {
      throw new AssertionError("the test could not take port " + port + " itself", e);
    }
  }
}
