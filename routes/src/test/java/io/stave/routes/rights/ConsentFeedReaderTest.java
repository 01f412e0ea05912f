package io.stave.routes.rights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stave.routes.feed.FeedFacts;
import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedRejectedException;
import io.stave.rules.domain.UseType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Consents are read field by field; a value of the wrong kind is named, never guessed at. */
class ConsentFeedReaderTest {
  private static final Instant RECEIVED = Instant.parse("2026-03-01T00:00:00Z");

  private final ConsentFeedReader reader = new ConsentFeedReader();

  private FeedFacts read(FeedFormat format, String body) {
    return reader.read(format, body.getBytes(StandardCharsets.UTF_8), "consents:test", RECEIVED);
  }

  private List<String> problems(FeedFormat format, String body) {
    FeedRejectedException rejection =
        assertThrows(FeedRejectedException.class, () -> read(format, body));
    return rejection.problems().stream().map(FeedProblem::toString).toList();
  }

  /** A good consent in JSON, with one field's value replaced by {@code json}. */
  private static String consentWith(String field, String json) {
    String consent =
        """
        {"artist": "isni:0000000121032683", "useType": "AI_TRAINING", "choice": "OPT_IN",
         "effectiveFrom": "2026-01-01", "source": "label portal"}"""
            .replaceFirst("\"" + field + "\": \"[^\"]*\"", "\"" + field + "\": " + json);
    return "{\"consents\": [" + consent + "]}";
  }

  @Test
  void a_number_where_the_artist_belongs_is_a_problem_not_an_artist_named_5() {
    assertEquals(
        List.of("consents[0].artist: must be a string, not a number (5)"),
        problems(FeedFormat.JSON, consentWith("artist", "5")));
  }

  @Test
  void no_field_takes_a_number_boolean_object_or_array_for_its_text() {
    for (String field : ConsentFeedReader.COLUMNS) {
      assertEquals(
          List.of("consents[0]." + field + ": must be a string, not a boolean (true)"),
          problems(FeedFormat.JSON, consentWith(field, "true")));
      assertEquals(
          List.of("consents[0]." + field + ": must be a string, not a number (20260101)"),
          problems(FeedFormat.JSON, consentWith(field, "20260101")));
      assertEquals(
          List.of("consents[0]." + field + ": must be a string, not an object"),
          problems(FeedFormat.JSON, consentWith(field, "{\"value\": \"OPT_IN\"}")));
      assertEquals(
          List.of("consents[0]." + field + ": must be a string, not an array"),
          problems(FeedFormat.JSON, consentWith(field, "[\"AI_TRAINING\"]")));
    }
  }

  @Test
  void a_null_field_is_missing_like_an_absent_one() {
    assertEquals(
        List.of("consents[0].source: is required"),
        problems(FeedFormat.JSON, consentWith("source", "null")));
  }

  @Test
  void strings_are_read_as_written() {
    FeedFacts facts = read(FeedFormat.JSON, consentWith("artist", "\" isni:0000000121032683 \""));
    assertEquals("isni:0000000121032683", facts.consents().get(0).artistId());
  }

  @Test
  void every_bad_field_of_a_csv_row_is_named_not_only_the_first() {
    assertEquals(
        List.of(
            "line 3, column usetype: 'AI_KARAOKE' is not an AI use type; expected one of "
                + UseType.names(),
            "line 3, column choice: 'MAYBE' is neither OPT_IN nor OPT_OUT",
            "line 3, column effectivefrom: '2026-13-01' is not a date (2026-01-01) or an instant"
                + " (2026-01-01T00:00:00Z)",
            "line 4, column source: is required"),
        problems(
            FeedFormat.CSV,
            "artist,useType,choice,effectiveFrom,source\n"
                + "isni:0000000121032683,AI_TRAINING,OPT_IN,2026-01-01,label portal\n"
                + "isni:0000000121032683,AI_KARAOKE,MAYBE,2026-13-01,label portal\n"
                + "isni:0000000121032683,AI_TRAINING,OPT_OUT,2026-01-01,\n"));
  }

  @Test
  void every_bad_field_of_a_json_consent_is_named() {
    assertEquals(
        List.of(
            "consents[0].artist: must be a string, not a number (5)",
            "consents[0].choice: 'MAYBE' is neither OPT_IN nor OPT_OUT"),
        problems(FeedFormat.JSON, consentWith("artist", "5").replace("\"OPT_IN\"", "\"MAYBE\"")));
  }
}
