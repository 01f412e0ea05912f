package io.stave.infrastructure.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The node's settings: defaults when unset, and a mistyped value named, never quietly replaced. */
class StaveSettingsTest {

  private static Properties with(String... namesAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
    }
    return properties;
  }

  @Test
  void unsetSettingsTakeTheirDefaultsWithoutAProblem() {
    StaveSettings settings = StaveSettings.from(with());

    assertEquals(1, settings.decisionLogWriters());
    assertEquals(10_000, settings.decisionLogQueue());
    assertEquals(4, settings.feedLanes(false), "H2");
    assertEquals(16, settings.feedLanes(true), "PostgreSQL");
    assertEquals(Duration.ofHours(24), settings.usageDecisionValidity());
    assertEquals(List.of(), settings.problems());
  }

  @Test
  void valuesInRangeAreTaken() {
    StaveSettings settings =
        StaveSettings.from(with("stave.decision-log.writers", " 4 ", "stave.feeds.lanes", "64"));

    assertEquals(4, settings.decisionLogWriters());
    assertEquals(64, settings.feedLanes(false));
    assertEquals(64, settings.feedLanes(true));
    assertEquals(List.of(), settings.problems());
  }

  @Test
  void aValueThatIsNoNumberOrOutOfRangeIsAProblemNamingTheSetting() {
    StaveSettings settings =
        StaveSettings.from(
            with(
                "stave.feeds.lanes", "four",
                "stave.decision-log.writers", "17",
                "stave.decision-log.queue", "0"));

    assertEquals(
        List.of(
            "stave.decision-log.writers is '17', not a whole number from 1 to 16",
            "stave.decision-log.queue is '0', not a whole number of at least 1",
            "stave.feeds.lanes is 'four', not a whole number from 1 to 64"),
        settings.problems());
    assertEquals(
        4, settings.feedLanes(false), "the default stands in until the node refuses to start");
    assertTrue(settings.decisionLogQueue() > 0);
  }

  /** Unset, the database decides: PostgreSQL shares commits between messages, H2 does not. */
  @Test
  void feedMessagesShareACommitOnPostgreSqlUnlessSetOtherwise() {
    StaveSettings unset = StaveSettings.from(with());
    StaveSettings set = StaveSettings.from(with("stave.feeds.group-commit", "8"));
    StaveSettings wrong = StaveSettings.from(with("stave.feeds.group-commit", "0"));

    assertEquals(16, unset.feedGroupCommit(true));
    assertEquals(1, unset.feedGroupCommit(false));
    assertEquals(8, set.feedGroupCommit(true));
    assertEquals(8, set.feedGroupCommit(false));
    assertEquals(
        List.of("stave.feeds.group-commit is '0', not a whole number from 1 to 256"),
        wrong.problems());
  }

  /** Read by the web resources and by H2, so nothing else caught them. */
  @Test
  void theBodyLimitsAndH2sStatementCacheAreCheckedToo() {
    StaveSettings settings =
        StaveSettings.from(
            with(
                "stave.api.max-request-bytes", "-5",
                "stave.api.max-policy-bytes", "32MB",
                "h2.queryCacheSize", "abc"));

    assertEquals(
        List.of(
            "stave.api.max-request-bytes is '-5', not a whole number of at least 1",
            "stave.api.max-policy-bytes is '32MB', not a whole number of at least 1",
            "h2.queryCacheSize is 'abc', not a whole number of at least 0"),
        settings.problems());
  }
}
