package io.stave.routes.rights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedRejectedException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every bad share of a split-sheet message is named by its line or JSON path, never a crash. */
class SplitSheetFeedReaderTest {
  private static final String HEADER = "isrc,useType,party,role,percent\n";
  private static final String LABEL = "GBQZS2600006,,dpid:PADPIDA2026112401E,LABEL,";
  private static final String ARTIST = "GBQZS2600006,,isni:0000000121032683,MAIN_ARTIST,";

  private final SplitSheetFeedReader reader = new SplitSheetFeedReader();

  private List<String> problems(FeedFormat format, String body) {
    FeedRejectedException rejection =
        assertThrows(
            FeedRejectedException.class,
            () -> reader.read(format, body.getBytes(StandardCharsets.UTF_8)));
    return rejection.problems().stream().map(FeedProblem::toString).toList();
  }

  private List<String> csvProblems(String rows) {
    return problems(FeedFormat.CSV, HEADER + rows);
  }

  @Test
  void a_percent_that_is_not_a_number_names_its_line() {
    assertEquals(
        List.of("line 2, column percent: 'abc' is not a number"), csvProblems(LABEL + "abc\n"));
  }

  @Test
  void negative_and_over_a_hundred_shares_are_each_named_even_when_they_add_up_to_100() {
    assertEquals(
        List.of(
            "line 2, column percent: 140 is not within 0..100",
            "line 3, column percent: -40 is not within 0..100"),
        csvProblems(LABEL + "140\n" + ARTIST + "-40\n"));
  }

  @Test
  void percents_with_more_than_two_decimals_name_their_lines() {
    assertEquals(
        List.of(
            "line 2, column percent: 50.005 has more than two decimals",
            "line 3, column percent: 49.995 has more than two decimals"),
        csvProblems(LABEL + "50.005\n" + ARTIST + "49.995\n"));
  }

  @Test
  void shares_not_adding_up_to_100_name_the_lines_of_their_sheet() {
    assertEquals(
        List.of(
            "lines 3, 4: the general split sheet of GBQZS2600006: shares: split"
                + " split:GBQZS2600006:* for GBQZS2600006 adds up to 90.00%, not exactly 100%"),
        csvProblems(
            "USRC17607839,,dpid:PADPIDA2026112401E,LABEL,100\n"
                + LABEL
                + "60\n"
                + ARTIST
                + "30\n"));
  }

  @Test
  void every_bad_line_is_named_not_only_the_first() {
    assertEquals(
        List.of(
            "line 3, column percent: 'abc' is not a number",
            "line 5, column percent: 100.001 is not within 0..100",
            "line 6, column isrc: 'GBQZS26' is not an ISRC (CC-XXX-YY-NNNNN, 12 characters without"
                + " dashes)"),
        csvProblems(
            "USRC17607839,,dpid:PADPIDA2026112401E,LABEL,100\n"
                + LABEL
                + "abc\n"
                + "USRC17607840,,dpid:PADPIDA2026112401E,LABEL,100\n"
                + "USRC17607841,,dpid:PADPIDA2026112401E,LABEL,100.001\n"
                + "GBQZS26,,dpid:PADPIDA2026112401E,LABEL,100\n"));
  }

  @Test
  void every_bad_field_of_a_line_is_named_not_only_the_first() {
    assertEquals(
        List.of(
            "line 2, column isrc: 'GBQZS26' is not an ISRC (CC-XXX-YY-NNNNN, 12 characters without"
                + " dashes)",
            "line 2, column role: is required",
            "line 2, column percent: 'abc' is not a number"),
        csvProblems("GBQZS26,,dpid:PADPIDA2026112401E,,abc\n"));
  }

  @Test
  void a_sheet_with_a_bad_share_is_not_also_reported_with_a_total_nobody_wrote() {
    assertEquals(
        List.of("line 3, column percent: 'abc' is not a number"),
        csvProblems(LABEL + "60\n" + ARTIST + "abc\n"));
  }

  @Test
  void a_message_with_more_bad_lines_than_the_cap_lists_the_cap() {
    assertEquals(
        FeedRejectedException.MAX_PROBLEMS,
        csvProblems((LABEL + "abc\n").repeat(FeedRejectedException.MAX_PROBLEMS + 50)).size());
  }

  @Test
  void every_bad_share_of_a_json_sheet_is_named_by_its_path() {
    assertEquals(
        List.of(
            "splitSheets[0].shares[0].percent: 'abc' is not a number",
            "splitSheets[0].shares[1].percent: -40 is not within 0..100"),
        problems(
            FeedFormat.JSON,
            """
            {"splitSheets": [{"isrc": "GBQZS2600006", "shares": [
              {"party": "dpid:PADPIDA2026112401E", "role": "LABEL", "percent": "abc"},
              {"party": "isni:0000000121032683", "role": "MAIN_ARTIST", "percent": "-40"}]}]}
            """));
  }

  /** A good one-share JSON sheet, with one field's value replaced by {@code json}. */
  private static String sheetWith(String field, String json) {
    String sheet =
        """
        {"isrc": "GBQZS2600006", "useType": "AI_TRAINING", "shares": [
          {"party": "dpid:PADPIDA2026112401E", "role": "LABEL", "percent": "100"}]}"""
            .replaceFirst("\"" + field + "\": \"[^\"]*\"", "\"" + field + "\": " + json);
    return "{\"splitSheets\": [" + sheet + "]}";
  }

  @Test
  void no_text_field_of_a_json_sheet_takes_a_number_boolean_object_or_array() {
    for (String field : List.of("isrc", "useType")) {
      assertEquals(
          List.of("splitSheets[0]." + field + ": must be a string, not a number (7)"),
          problems(FeedFormat.JSON, sheetWith(field, "7")));
    }
    for (String field : List.of("party", "role")) {
      assertEquals(
          List.of("splitSheets[0].shares[0]." + field + ": must be a string, not a boolean (true)"),
          problems(FeedFormat.JSON, sheetWith(field, "true")));
      assertEquals(
          List.of("splitSheets[0].shares[0]." + field + ": must be a string, not an object"),
          problems(FeedFormat.JSON, sheetWith(field, "{}")));
    }
  }

  @Test
  void a_json_percent_may_be_a_number_but_not_a_boolean_object_or_array() {
    assertEquals(
        "100.00",
        reader
            .read(FeedFormat.JSON, sheetWith("percent", "1e2").getBytes(StandardCharsets.UTF_8))
            .splitSheets()
            .get(0)
            .getShares()
            .get(0)
            .percent()
            .toString());
    assertEquals(
        List.of("splitSheets[0].shares[0].percent: 100.001 is not within 0..100"),
        problems(FeedFormat.JSON, sheetWith("percent", "100.001")));
    assertEquals(
        List.of(
            "splitSheets[0].shares[0].percent: must be a number or a string, not a boolean (true)"),
        problems(FeedFormat.JSON, sheetWith("percent", "true")));
    assertEquals(
        List.of("splitSheets[0].shares[0].percent: must be a number or a string, not an object"),
        problems(FeedFormat.JSON, sheetWith("percent", "{\"value\": 100}")));
    assertEquals(
        List.of("splitSheets[0].shares[0].percent: must be a number or a string, not an array"),
        problems(FeedFormat.JSON, sheetWith("percent", "[100]")));
  }
}
