package io.stave.infrastructure.startup;

import io.stave.rules.engine.EvaluationLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The node's tuning settings, read once from system properties when the node starts (the server
 * configuration sets them from the {@code STAVE_*} environment variables; README, "Configuration",
 * lists both names). The cluster's settings ({@code stave.cluster.*}) are read and checked by
 * {@code ClusterConfiguration}, the database's by the datasource; the web module's two body limits
 * ({@code stave.api.max-request-bytes}, {@code stave.api.max-policy-bytes}) by its resources.
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
 * @param feedLanes how many feed messages of different releases are applied at once ({@code
 *     stave.feeds.lanes}, 4; 1 applies every message in arrival order)
 * @param usageDecisionValidity how long after its decision a use may be reported against it ({@code
 *     stave.usage.decision-validity-hours}, 24 h)
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
    Duration usageDecisionValidity) {

  public static StaveSettings from(Properties properties) {
    return new StaveSettings(
        (int) Math.max(1, Math.min(16, number(properties, "stave.decision-log.writers", 1))),
        (int) number(properties, "stave.decision-log.queue", 10_000),
        Duration.ofMillis(number(properties, "stave.decision-log.enqueue-timeout-ms", 2_000)),
        Duration.ofMillis(number(properties, "stave.decision-log.commit-timeout-ms", 10_000)),
        new EvaluationLimits(
            (int)
                number(
                    properties, "stave.decision.fire-limit", EvaluationLimits.DEFAULT.fireLimit()),
            Duration.ofMillis(
                number(
                    properties,
                    "stave.decision.deadline-ms",
                    EvaluationLimits.DEFAULT.deadline().toMillis()))),
        Duration.ofSeconds(number(properties, "stave.policy.activation-wait-seconds", 120)),
        inbox(properties),
        number(properties, "stave.feeds.poll-ms", 500),
        number(properties, "stave.feeds.max-message-bytes", 64L * 1024 * 1024),
        (int) Math.max(1, Math.min(64, number(properties, "stave.feeds.lanes", 4))),
        Duration.ofHours(number(properties, "stave.usage.decision-validity-hours", 24)));
  }

  /** As {@code Long.getLong} read them: a value that is no number counts as not set. */
  private static long number(Properties properties, String name, long fallback) {
    try {
      return Long.parseLong(properties.getProperty(name, "").trim());
    } catch (NumberFormatException e) {
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
