package io.stave.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One Stave node started by {@code deploy/run.sh} as a separate process, as an operator starts it:
 * on shifted ports and its own cluster, so it never meets the Arquillian server. It can be killed
 * hard ({@code kill -9} of the server JVM) and started again on the same data.
 */
final class StaveNode implements AutoCloseable {
  static final int PORT_OFFSET = 400;
  private static final Path REPO = Path.of(System.getProperty("stave.repo.root"));

  private final Path data;
  private final Map<String, String> environment = new HashMap<>();
  private Process runner;
  private int starts;

  /** A node on a fresh data directory; {@code environment} adds or overrides STAVE_* settings. */
  StaveNode(String name, Map<String, String> environment) {
    this.data =
        Path.of(
            System.getProperty("stave.build.dir"), "fault-nodes", name + "-" + UUID.randomUUID());
    this.environment.put("STAVE_DATA_DIR", data.toString());
    this.environment.put("STAVE_PORT_OFFSET", Integer.toString(PORT_OFFSET));
    this.environment.put("STAVE_CLUSTER_NAME", "faults-" + UUID.randomUUID());
    this.environment.put("STAVE_CLUSTER_PORT", "6101");
    this.environment.put("STAVE_CLUSTER_MEMBERS", "127.0.0.1:6101");
    this.environment.put("STAVE_DEMO", "0");
    this.environment.put("STAVE_HEAP", "1g");
    this.environment.put("STAVE_READY_TIMEOUT", "300");
    this.environment.putAll(environment);
  }

  /** Starts run.sh and waits until it says the node is ready. */
  StaveNode start() throws IOException {
    Files.createDirectories(data);
    Path log = data.resolve("run-" + (++starts) + ".log");
    ProcessBuilder run =
        new ProcessBuilder(REPO.resolve("deploy/run.sh").toString(), "--no-build")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    run.environment().putAll(environment);
    runner = run.start();
    Process started = runner;
    await("the node started by run.sh is ready (" + log + ")")
        .atMost(Duration.ofSeconds(330))
        .pollInterval(Duration.ofMillis(500))
        .failFast("run.sh ended: " + log, () -> !started.isAlive())
        .until(() -> Files.readString(log).contains("Stave is ready"));
    return this;
  }

  /** SIGKILL to the server JVM (not to run.sh): no shutdown hook, nothing flushed or closed. */
  void killHard() throws Exception {
    long pid = Long.parseLong(Files.readString(data.resolve("server.pid")).trim());
    ProcessHandle server =
        ProcessHandle.of(pid)
            .orElseThrow(() -> new AssertionError("the server JVM " + pid + " is not running"));
    server.destroyForcibly();
    server.onExit().get(60, TimeUnit.SECONDS);
    if (!runner.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("run.sh did not end after its server was killed");
    }
  }

  /** Stops the node as Ctrl-C would (run.sh stops the server and waits for it). */
  void stop() throws InterruptedException {
    if (runner == null || !runner.isAlive()) {
      return;
    }
    runner.destroy();
    if (!runner.waitFor(120, TimeUnit.SECONDS)) {
      runner.descendants().forEach(ProcessHandle::destroyForcibly);
      runner.destroyForcibly();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  URI api() {
    return URI.create("http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/api/v1/");
  }

  /** The node's JMS broker, reached through its HTTP port (as FeedQueueIT does). */
  String broker() {
    return "tcp://127.0.0.1:"
        + (8080 + PORT_OFFSET)
        + "?httpUpgradeEnabled=true&enable1xPrefixes=true";
  }

  URI readiness() {
    return URI.create("http://127.0.0.1:" + (9990 + PORT_OFFSET) + "/health/ready");
  }

  Path inbox() {
    return data.resolve("inbox");
  }

  StaveClient as(String user) {
    return StaveClient.as(user, api());
  }
}
