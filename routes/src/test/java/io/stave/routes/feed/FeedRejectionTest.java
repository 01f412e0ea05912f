package io.stave.routes.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.routes.intake.FeedIntake;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each bad message is rejected with a reason that names where, and nothing from it is applied. */
class FeedRejectionTest {
  private final InMemoryFeedLedger ledger = new InMemoryFeedLedger();
  private final FeedIntake intake = Feeds.intake(ledger, 4 * 1024 * 1024);

  private FeedReceipt rejected(FeedMessage message, String... expected) {
    FeedReceipt receipt = intake.ingest(message);
    String problems =
        receipt.problems().stream().map(FeedProblem::toString).collect(Collectors.joining("\n"));
    assertEquals(FeedStatus.REJECTED, receipt.status(), problems);
    for (String text : expected) {
      assertTrue(problems.contains(text), "expected '" + text + "' in:\n" + problems);
    }
    assertTrue(ledger.applied.isEmpty(), "nothing is applied");
    assertTrue(
        ledger.load(receipt.messageId()).isPresent(), "the original bytes are kept for a replay");
    return receipt;
  }

  private static FeedMessage ern(String xml) {
    return Feeds.http(FeedKind.ERN, FeedFormat.XML, xml);
  }

  @Test
  void malformed_xml() {
    String broken =
        Feeds.sampleText("1-audio.xml").replaceFirst("</MessageId>", "</MessageIdentifier>");
    rejected(ern(broken), "line 8, column 36", "The end-tag for element type \"MessageId\"");
  }

  @Test
  void an_empty_ern_message_says_it_is_empty() {
    rejected(ern(""), "line 1, column 1", "is empty; expected an ERN NewReleaseMessage");
    rejected(ern(" \n"), "line 1, column 1", "is empty");
  }

  @Test
  void schema_invalid_ern() {
    String invalid =
        Feeds.sampleText("1-audio.xml")
            .replaceFirst("<UseType>Stream</UseType>", "<UseType>Streamz</UseType>");
    rejected(ern(invalid), "line ", "Streamz");
  }

  @Test
  void a_released_sound_recording_without_an_isrc_is_not_a_rejection_but_a_warning() {
    // DDEX allows a resource named only by a proprietary id; no decision can name it, so it is
    // skipped.
    String noIsrc =
        Feeds.sampleText("1-audio.xml")
            .replaceFirst(
                "<ISRC>JPTO09404900</ISRC>",
                "<ProprietaryId Namespace=\"PADPIDA2013042401U\">JPTO09404900</ProprietaryId>");
    FeedReceipt receipt = intake.ingest(ern(noIsrc));
    assertEquals(FeedStatus.APPLIED, receipt.status(), receipt.problems().toString());
    assertTrue(
        receipt.warnings().stream()
            .anyMatch(
                w ->
                    w.toString().contains("SoundRecording[A1]")
                        && w.what().contains("has no ISRC")),
        receipt.warnings().toString());
    assertEquals(20, ledger.applied.get(0).recordings().size(), "the other 20 recordings");
  }

  @Test
  void a_malformed_isrc_rejects_its_record() {
    String badIsrc =
        Feeds.sampleText("1-audio.xml")
            .replaceFirst("<ISRC>JPTO09404900</ISRC>", "<ISRC>JPTO0940490</ISRC>");
    rejected(ern(badIsrc), "JPTO0940490");
  }

  @Test
  void an_external_entity() {
    String xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
            + "<ern:NewReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/43\">&x;</ern:NewReleaseMessage>";
    FeedReceipt receipt = rejected(ern(xxe), "line 2", "DOCTYPE is disallowed");
    assertFalse(
        receipt.problems().toString().contains("root:"), "the file's content never appears");
  }

  @Test
  void a_billion_laughs() {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      xml.append("<!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
          .append("\">\n");
    }
    xml.append(
        "]>\n<ern:NewReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/43\">&lol9;</ern:NewReleaseMessage>");
    rejected(ern(xml.toString()), "DOCTYPE is disallowed");
  }

  @Test
  void a_message_nested_deeper_than_any_ern_is_refused_by_the_parser() {
    String deep =
        "<ern:NewReleaseMessage xmlns:ern=\"http://ddex.net/xml/ern/43\">"
            + "<a>".repeat(100)
            + "</a>".repeat(100)
            + "</ern:NewReleaseMessage>";
    rejected(ern(deep), "line 1", "maxElementDepth");
  }

  @Test
  void an_oversized_message() {
    FeedIntake small = Feeds.intake(ledger, 10_000);
    FeedReceipt receipt = small.ingest(ern(Feeds.sampleText("1-audio.xml")));
    assertEquals(FeedStatus.REJECTED, receipt.status());
    assertTrue(
        receipt.problems().get(0).what().contains("the limit is 10000"),
        receipt.problems().toString());
    assertTrue(ledger.applied.isEmpty());
  }

  @Test
  void a_split_sheet_summing_to_99_99() {
    rejected(
        Feeds.http(
            FeedKind.SPLITS,
            FeedFormat.CSV,
            "isrc,useType,party,role,percent\n"
                + "USRC17607839,,isni:0000000121032683,ARTIST,49.99\n"
                + "USRC17607839,,dpid:PADPIDA2013042401U,LABEL,50.00\n"),
        "lines 2, 3",
        "adds up to 99.99%, not exactly 100%");
  }

  @Test
  void a_json_split_sheet_summing_to_99_99() {
    rejected(
        Feeds.http(
            FeedKind.SPLITS,
            FeedFormat.JSON,
            "{\"splitSheets\": [{\"isrc\": \"USRC17607839\", \"shares\": ["
                + "{\"party\": \"isni:0000000121032683\", \"role\": \"ARTIST\", \"percent\": \"49.99\"},"
                + "{\"party\": \"dpid:PADPIDA2013042401U\", \"role\": \"LABEL\", \"percent\": 50}]}]}"),
        "splitSheets[0].shares",
        "99.99%");
  }

  @Test
  void a_consent_with_an_unknown_use_type() {
    rejected(
        Feeds.http(
            FeedKind.CONSENTS,
            FeedFormat.JSON,
            "{\"consents\": [{\"artist\": \"isni:0000000121032683\","
                + " \"useType\": \"AI_KARAOKE\", \"choice\": \"OPT_IN\", \"effectiveFrom\": \"2026-01-01\", \"source\": \"label portal\"}]}"),
        "consents[0].useType",
        "'AI_KARAOKE' is not an AI use type");
  }

  @Test
  void a_consent_with_a_number_for_its_artist_is_rejected_not_applied_to_an_artist_named_5() {
    rejected(
        Feeds.http(
            FeedKind.CONSENTS,
            FeedFormat.JSON,
            "{\"consents\":[{\"artist\":5,\"useType\":\"AI_TRAINING\",\"choice\":\"OPT_IN\","
                + "\"effectiveFrom\":\"2026-01-01\",\"source\":\"x\"}]}"),
        "consents[0].artist: must be a string");
  }

  @Test
  void a_json_consent_naming_a_field_twice_is_rejected_whichever_value_a_reader_would_keep() {
    rejected(
        Feeds.http(
            FeedKind.CONSENTS,
            FeedFormat.JSON,
            "{\"consents\": [{\"artist\": \"isni:0000000121032683\", \"useType\": \"AI_TRAINING\","
                + " \"choice\": \"OPT_OUT\", \"choice\": \"OPT_IN\", \"effectiveFrom\": \"2026-01-01\","
                + " \"source\": \"label portal\"}]}"),
        "consents[0].choice: appears twice");
    rejected(
        Feeds.http(
            FeedKind.SPLITS,
            FeedFormat.JSON,
            "{\"splitSheets\": [{\"isrc\": \"USRC17607839\", \"shares\": ["
                + "{\"party\": \"isni:0000000121032683\", \"role\": \"ARTIST\", \"percent\": 100,"
                + " \"party\": \"dpid:PADPIDA2013042401U\"}]}]}"),
        "splitSheets[0].shares[0].party: appears twice");
  }

  @Test
  void a_csv_with_a_bad_row_in_the_middle_rejects_the_whole_message_naming_the_row() {
    rejected(
        Feeds.http(
            FeedKind.CONSENTS,
            FeedFormat.CSV,
            "artist,useType,choice,effectiveFrom,source\n"
                + "isni:0000000121032683,AI_TRAINING,OPT_IN,2026-01-01,label portal\n"
                + "isni:0000000121032683,AI_DERIVATIVE,MAYBE,2026-01-01,label portal\n"
                + "isni:0000000121032683,AI_VOICE_LIKENESS,OPT_OUT,2026-01-01,label portal\n"),
        "line 3, column choice",
        "'MAYBE' is neither OPT_IN nor OPT_OUT");
  }

  @Test
  void a_csv_row_with_a_missing_field_is_named_by_its_line() {
    rejected(
        Feeds.http(
            FeedKind.CONSENTS,
            FeedFormat.CSV,
            "artist,useType,choice,effectiveFrom,source\n"
                + "isni:0000000121032683,AI_TRAINING,OPT_IN,2026-01-01\n"),
        "line 2",
        "has 4 field(s); the header has 5");
  }

  @Test
  void consents_nested_a_hundred_thousand_levels_deep_are_rejected_naming_where_not_overflowing() {
    // The enclosing object is level 1, so the 64th bracket (column 14 + 63) is the 65th level.
    String deep = "{\"consents\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    rejected(
        Feeds.http(FeedKind.CONSENTS, FeedFormat.JSON, deep),
        "line 1, column 77",
        "deeper than 64 levels");
  }

  @Test
  void a_split_sheet_nested_deeply_inside_its_shares_is_rejected() {
    String deep =
        "{\"splitSheets\": [{\"isrc\": \"USRC17607839\", \"shares\": [\n"
            + "{\"party\": ".repeat(100_000)
            + "1"
            + "}".repeat(100_000)
            + "]}]}";
    rejected(
        Feeds.http(FeedKind.SPLITS, FeedFormat.JSON, deep),
        "line 2, column ",
        "deeper than 64 levels");
  }

  @Test
  void invalid_utf8_in_a_json_message_is_rejected_naming_line_and_byte() {
    byte[] body =
        ("{\"consents\": [{\"artist\": \"isni:0000000121032683\",\n \"source\": \"\u00e9\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    body[body.length - 6] = (byte) 0xFF;
    rejected(
        new FeedMessage(FeedKind.CONSENTS, FeedFormat.JSON, FeedChannel.HTTP, "test", body),
        "line 2, column 13 (byte 62)",
        "not valid UTF-8",
        "0xFF");
  }

  @Test
  void invalid_utf8_in_a_csv_message_is_rejected_naming_line_and_byte() {
    byte[] body =
        ("artist,useType,choice,effectiveFrom,source\n"
                + "isni:0000000121032683,AI_TRAINING,OPT_IN,2026-01-01,label portal\n")
            .getBytes(StandardCharsets.UTF_8);
    body[body.length - 3] = (byte) 0xC0;
    rejected(
        new FeedMessage(FeedKind.CONSENTS, FeedFormat.CSV, FeedChannel.HTTP, "test", body),
        "line 2, column 63 (byte 105)",
        "not valid UTF-8",
        "0xC0");
  }

  @Test
  void json_of_the_wrong_shape_is_rejected_naming_what_was_expected() {
    rejected(
        Feeds.http(FeedKind.CONSENTS, FeedFormat.JSON, "\"consents\""),
        "message: is a JSON string; expected {\"consents\"");
    rejected(
        Feeds.http(FeedKind.CONSENTS, FeedFormat.JSON, "{\"consents\": {\"artist\": \"x\"}}"),
        "consents: must be an array, not OBJECT");
    rejected(
        Feeds.http(
            FeedKind.SPLITS,
            FeedFormat.JSON,
            "{\"splitSheets\": [{\"isrc\": \"USRC17607839\", \"shares\": 7}]}"),
        "splitSheets[0].shares: must be an array");
    rejected(
        Feeds.http(FeedKind.SPLITS, FeedFormat.JSON, "{\"splitSheets\": [[]]}"),
        "splitSheets[0]: must be an object");
  }

  @Test
  void truncated_and_empty_json_messages_are_rejected() {
    rejected(
        Feeds.http(FeedKind.CONSENTS, FeedFormat.JSON, "{\"consents\": [{\"artist\": "),
        "line 1, column ",
        "not valid JSON");
    rejected(Feeds.http(FeedKind.SPLITS, FeedFormat.JSON, ""), "line 1, column 1", "empty");
  }

  @Test
  void values_echoed_in_problems_are_bounded_so_the_rejection_can_be_recorded() {
    StringBuilder csv = new StringBuilder("artist,useType,choice,effectiveFrom,source\n");
    String huge = "AI_" + "\u0000X".repeat(5_000);
    for (int row = 0; row < 150; row++) {
      csv.append("isni:0000000121032683,").append(huge).append(",OPT_IN,2026-01-01,portal\n");
    }
    FeedReceipt receipt =
        rejected(
            Feeds.http(FeedKind.CONSENTS, FeedFormat.CSV, csv.toString()),
            "line 2, column usetype");
    assertEquals(FeedRejectedException.MAX_PROBLEMS, receipt.problems().size());
    for (FeedProblem problem : receipt.problems()) {
      assertTrue(
          problem.what().length() <= FeedProblem.MAX_WHAT, problem.what().length() + " characters");
      assertTrue(
          problem.what().chars().noneMatch(Character::isISOControl),
          "control characters are not echoed");
    }
  }

  @Test
  void an_ern_message_id_too_long_to_file_is_rejected_under_its_content_id() {
    String longId =
        Feeds.sampleText("1-audio.xml")
            .replaceFirst(
                "<MessageId>Test1.1</MessageId>", "<MessageId>" + "M".repeat(700) + "</MessageId>");
    FeedReceipt receipt = rejected(ern(longId), "MessageHeader/MessageId", "at most 500");
    assertTrue(receipt.messageId().startsWith("ern:sha256:"), receipt.messageId());
  }

  @Test
  void a_good_consent_message_applies_and_a_redelivery_changes_nothing() {
    FeedMessage message =
        Feeds.http(
            FeedKind.CONSENTS,
            FeedFormat.CSV,
            "artist,useType,choice,effectiveFrom,source\n"
                + "isni:0000000121032683,AI_TRAINING,OPT_IN,2026-01-01,label portal\n"
                + "\"isni:0000000121032683\",AI_DERIVATIVE,opt_out,2026-01-01T12:00:00Z,\"portal, v2\"\n");
    FeedReceipt first = intake.ingest(message);
    FeedReceipt again = intake.ingest(message);
    assertEquals(FeedStatus.APPLIED, first.status(), first.problems().toString());
    assertEquals(2, ledger.applied.get(0).consents().size());
    assertEquals("portal, v2", ledger.applied.get(0).consents().get(1).source());
    assertTrue(again.duplicate());
    assertEquals(1, ledger.applied.size(), "applied once");
  }

  @Test
  void a_rejected_message_replays_once_the_cause_is_fixed() {
    // The ledger refuses the first attempt (as the database would for a conflicting fact) ...
    InMemoryFeedLedger refusing =
        new InMemoryFeedLedger()
            .failingFirstApplyWith(
                new FeedRejectedException(
                    new FeedProblem("consent", "conflicts with a stored fact")));
    FeedIntake refusingIntake = Feeds.intake(refusing, 1_000_000);
    FeedReceipt first =
        refusingIntake.ingest(
            Feeds.http(
                FeedKind.CONSENTS,
                FeedFormat.CSV,
                "artist,useType,choice,effectiveFrom,source\nisni:0000000121032683,AI_TRAINING,OPT_IN,2026-01-01,portal\n"));
    assertEquals(FeedStatus.REJECTED, first.status());
    // ... and the replay, from the stored bytes, applies it.
    FeedReceipt replayed = refusingIntake.replay(first.messageId()).orElseThrow();
    assertEquals(FeedStatus.APPLIED, replayed.status());
    assertEquals(1, refusing.applied.size());
    assertEquals(
        new String(
                refusing.load(first.messageId()).orElseThrow().message().body(),
                StandardCharsets.UTF_8)
            .lines()
            .count(),
        2);
  }

  @Test
  void a_message_whose_apply_failed_for_an_infrastructure_reason_is_applied_when_redelivered() {
    InMemoryFeedLedger flaky =
        new InMemoryFeedLedger()
            .failingFirstApplyWith(new IllegalStateException("database connection lost"));
    FeedIntake flakyIntake = Feeds.intake(flaky, 1_000_000);
    FeedMessage message =
        Feeds.http(
            FeedKind.CONSENTS,
            FeedFormat.CSV,
            "artist,useType,choice,effectiveFrom,source\nisni:0000000121032683,AI_TRAINING,OPT_IN,2026-01-01,portal\n");

    assertThrows(
        IllegalStateException.class,
        () -> flakyIntake.ingest(message),
        "the channel sees the failure and redelivers");
    assertEquals(
        FeedStatus.RECEIVED, flaky.receipts().get(0).status(), "filed, bytes kept, not decided");
    FeedReceipt redelivered = flakyIntake.ingest(message);

    assertEquals(FeedStatus.APPLIED, redelivered.status());
    assertFalse(redelivered.duplicate());
    assertEquals(1, flaky.applied.size());
  }

  @Test
  void a_deal_from_before_the_year_1_is_a_problem_naming_its_period_not_a_failed_write() {
    // xs:dateTime allows negative years (Java reads them); a 5-digit year it does not parse.
    String beforeYearOne =
        Feeds.sampleText("1-audio.xml")
            .replaceFirst(
                "<StartDate>2004-04-01</StartDate>",
                "<StartDateTime>-0001-04-01T00:00:00Z</StartDateTime>");
    rejected(
        ern(beforeYearOne),
        "DealTerms/ValidityPeriod[1]",
        "StartDateTime: '-0001-04-01T00:00:00Z' is outside the years 0001 to 9999 (UTC)");
  }

  @Test
  void a_message_created_in_the_year_99999_is_rejected_naming_its_header() {
    String farFuture =
        Feeds.sampleText("1-audio.xml")
            .replaceFirst(
                "<MessageCreatedDateTime>2014-09-24T14:57:25\\+01:00</MessageCreatedDateTime>",
                "<MessageCreatedDateTime>99999-09-24T14:57:25+01:00</MessageCreatedDateTime>");
    rejected(
        ern(farFuture), "MessageHeader/MessageCreatedDateTime", "outside the years 0001 to 9999");
  }

  @Test
  void a_consent_effective_from_the_year_99999_is_rejected_naming_its_field() {
    rejected(
        Feeds.http(
            FeedKind.CONSENTS,
            FeedFormat.CSV,
            "artist,useType,choice,effectiveFrom,source\n"
                + "isni:0000000121032683,AI_TRAINING,OPT_IN,+99999-01-01T00:00:00Z,label portal\n"),
        "line 2, column effectivefrom",
        "is outside the years 0001 to 9999 (UTC)");
  }

  @Test
  void a_main_artist_isni_with_a_wrong_check_character_rejects_the_message() {
    String badIsni =
        Feeds.sampleText("1-audio.xml")
            .replaceFirst("</Party>", "<PartyId><ISNI>0000000121032684</ISNI></PartyId></Party>");
    rejected(
        ern(badIsni),
        "PartyList/Party[PSaekoShu]/PartyId/ISNI",
        "has check character 4, expected 3");
  }

  @Test
  void a_wrong_check_character_on_an_id_no_rule_keys_on_is_only_a_warning() {
    String labelIsni =
        Feeds.sampleText("1-audio.xml")
            .replaceFirst(
                "(<PartyReference>PEMI</PartyReference>\\s*<PartyName>\\s*<FullName>EMI MUSIC JAPAN INC.</FullName>\\s*</PartyName>)",
                "$1<PartyId><ISNI>0000000121032684</ISNI></PartyId>");
    FeedReceipt receipt = intake.ingest(ern(labelIsni));
    assertEquals(FeedStatus.APPLIED, receipt.status(), receipt.problems().toString());
    assertTrue(
        receipt.warnings().toString().contains("PartyList/Party[PEMI]/PartyId/ISNI"),
        receipt.warnings().toString());
  }
}
