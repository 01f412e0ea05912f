package io.stave.infrastructure.startup;

import io.stave.rules.engine.EvaluationLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The node's tuning settings, read once from system properties when the node starts (the server
 * configuration sets them from the {@code STAVE_*} environment variables; README, "Configuration",
 * lists both names). The cluster's settings ({@code stave.cluster.*}) are read and checked by
 * {@code ClusterConfiguration}, the database's by the datasource; the web module's two body limits
 * ({@code stave.api.max-request-bytes}, {@code stave.api.max-policy-bytes}) are read by its
 * resources and H2's statement cache ({@code h2.queryCacheSize}) by H2, but all three are checked
 * here, so that a mistyped one stops the start like any other.
 *
 * @param decisionLogWriters groups of decisions the log commits at once, each on its own connection
 *     ({@code stave.decision-log.writers}, 1; at most 16)
 * @param decisionLogQueue decisions waiting for the log's writers ({@code
 *     stave.decision-log.queue}, 10,000)
 * @param decisionLogEnqueueTimeout how long a caller waits for room in that queue before a 503
 *     ({@code stave.decision-log.enqueue-timeout-ms}, 2 s)
 * @param decisionLogCommitTimeout how long a caller waits for its decision's commit before a 503
 *     ({@code stave.decision-log.commit-timeout-ms}, 10 s)
 * @param evaluationLimits rule firings and time one decision may take ({@code
 *     stave.decision.fire-limit}, {@code stave.decision.deadline-ms})
 * @param activationWait how long an activation waits for every node to have compiled the new
 *     version ({@code stave.policy.activation-wait-seconds}, 120 s)
 * @param feedInbox the watched feed inbox, or null for none ({@code stave.feeds.inbox}, else {@code
 *     <stave.data.dir>/inbox}; {@code off}: none)
 * @param feedPollMillis how often the inbox is polled ({@code stave.feeds.poll-ms}, 500)
 * @param feedMaxMessageBytes larger feed messages are rejected unread ({@code
 *     stave.feeds.max-message-bytes}, 64 MiB)
 * @param feedLanes how many feed messages of different releases are applied at once, or 0 to leave
 *     it to the database ({@code stave.feeds.lanes}, 1–64; 1 applies every message in arrival
 *     order; unset: {@link #feedLanes(boolean)})
 * @param feedGroupCommit the most feed messages written in one transaction, or 0 to leave it to the
 *     database ({@code stave.feeds.group-commit}, 1–256; unset: {@link #feedGroupCommit(boolean)})
 * @param usageDecisionValidity how long after its decision a use may be reported against it ({@code
 *     stave.usage.decision-validity-hours}, 24 h)
 * @param problems one line per setting that is set but is no whole number or out of its range; such
 *     a setting counts as its default here, and the node refuses to start on any problem ({@code
 *     StaveStartup}), so a mistyped value is never quietly replaced
 */
public record StaveSettings(
    int decisionLogWriters,
    int decisionLogQueue,
    Duration decisionLogEnqueueTimeout,
    Duration decisionLogCommitTimeout,
    EvaluationLimits evaluationLimits,
    Duration activationWait,
    Path feedInbox,
    long feedPollMillis,
    long feedMaxMessageBytes,
    int feedLanes,
    int feedGroupCommit,
    Duration usageDecisionValidity,
    List<String> problems) {

  private static final long MAX = Integer.MAX_VALUE;

  public StaveSettings {
    problems = List.copyOf(problems);
  }

  public static StaveSettings from(Properties properties) {
    List<String> problems = new ArrayList<>();
    Reader read = new Reader(properties, problems);
    // Read elsewhere (the web resources with Long.getLong, H2 itself), so checked here: 'abc' was
    // quietly the default, -5 answered every decision 413, and H2's 'abc' blamed the database URL.
    read.number("stave.api.max-request-bytes", 4L * 1024 * 1024, 1, Long.MAX_VALUE);
    read.number("stave.api.max-policy-bytes", 32L * 1024 * 1024, 1, Long.MAX_VALUE);
    read.number("h2.queryCacheSize", 64, 0, MAX);
    return new StaveSettings(
        (int) read.number("stave.decision-log.writers", 1, 1, 16),
        (int) read.number("stave.decision-log.queue", 10_000, 1, MAX),
        Duration.ofMillis(read.number("stave.decision-log.enqueue-timeout-ms", 2_000, 1, MAX)),
        Duration.ofMillis(read.number("stave.decision-log.commit-timeout-ms", 10_000, 1, MAX)),
        new EvaluationLimits(
            (int)
                read.number(
                    "stave.decision.fire-limit", EvaluationLimits.DEFAULT.fireLimit(), 1, MAX),
            Duration.ofMillis(
                read.number(
                    "stave.decision.deadline-ms",
                    EvaluationLimits.DEFAULT.deadline().toMillis(),
                    1,
                    MAX))),
        Duration.ofSeconds(read.number("stave.policy.activation-wait-seconds", 120, 1, MAX)),
        inbox(properties),
        read.number("stave.feeds.poll-ms", 500, 1, MAX),
        read.number("stave.feeds.max-message-bytes", 64L * 1024 * 1024, 1, Long.MAX_VALUE),
        (int) read.number("stave.feeds.lanes", 0, 1, 64),
        (int) read.number("stave.feeds.group-commit", 0, 1, 256),
        Duration.ofHours(read.number("stave.usage.decision-validity-hours", 24, 1, 24L * 366)),
        problems);
  }

  /**
   * The feed lanes on this database, unless set: 4 on H2, where the node's two cores are the limit
   * and more lanes only contend; 16 on PostgreSQL, where the lanes fill the shared transactions
   * (session 13, grouped: 16 lanes 1.74 MB/s, 64 lanes 1.65, 4 lanes 0.93).
   */
  public int feedLanes(boolean postgreSql) {
    if (feedLanes > 0) {
      return feedLanes;
    }
    return postgreSql ? 16 : 4;
  }

  /**
   * The most feed messages one transaction writes together on this database, unless set. Measured
   * (BENCHMARKS.md, session 13): on PostgreSQL a shared commit saves round trips and WAL flushes
   * (+12 to +40 % in three pairs, 20–30 % less server CPU per message); on H2 grouping was 20 %
   * slower in two pairs, with more CPU per message, so H2 writes each message alone. PostgreSQL's
   * default is 16, as many as its default lanes can hand in at once: each message in a group is a
   * savepoint (two when it is filed in the same transaction), and a transaction of more than 64
   * subtransactions overflows PostgreSQL's per-backend cache of them, which slows every other
   * session's snapshot checks.
   */
  public int feedGroupCommit(boolean postgreSql) {
    if (feedGroupCommit > 0) {
      return feedGroupCommit;
    }
    return postgreSql ? 16 : 1;
  }

  /** Reads whole numbers; an unset one is its default, a wrong one a problem (and its default). */
  private record Reader(Properties properties, List<String> problems) {
    long number(String name, long fallback, long min, long max) {
      String value = properties.getProperty(name);
      if (value == null || value.isBlank()) {
        return fallback;
      }
      try {
        long number = Long.parseLong(value.trim());
        if (number >= min && number <= max) {
          return number;
        }
      } catch (NumberFormatException e) {
        // said below, with the range
      }
      boolean unbounded = max == MAX || max == Long.MAX_VALUE;
      problems.add(
          name
              + " is '"
              + value.trim()
              + "', not a whole number "
              + (unbounded ? "of at least " + min : "from " + min + " to " + max));
      return fallback;
    }
  }

  private static Path inbox(Properties properties) {
    String setting = properties.getProperty("stave.feeds.inbox", "").trim();
    if (setting.equals("off")) {
      return null;
    }
    if (!setting.isEmpty()) {
      return Path.of(setting).toAbsolutePath();
    }
    String dataDir = properties.getProperty("stave.data.dir", "").trim();
    return dataDir.isEmpty() ? null : Path.of(dataDir, "inbox").toAbsolutePath();
  }
}
