package io.stave.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.rules.domain.UseType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DecisionTableVerifierTest {
  private static final String HEADER =
      """
      "RuleSet","io.stave.policy.test"
      "Import","io.stave.rules.domain.DecisionRequest, io.stave.rules.domain.UseType"
      ""
      "RuleTable Test"
      "NAME","CONDITION","CONDITION","ACTION"
      "","$request : DecisionRequest","",""
      "","useType == UseType.$param","feature == ""$param""\",\"insert( new X( $param ) );"
      "Rule","Use type","Feature","Outcome"
      """;

  private static String baseline() throws IOException {
    try (InputStream in =
        DecisionTableVerifierTest.class.getResourceAsStream(
            "/io/stave/rules/policy/baseline/consent-defaults.drl.csv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String table(String... rows) {
    return HEADER + String.join("\n", rows) + "\n";
  }

  private static String everyUseType(String outcome) {
    return Arrays.stream(UseType.values())
        .map(u -> "\"" + u + " rule\",\"" + u + "\",\"\",\"" + outcome + "\"")
        .collect(Collectors.joining("\n"));
  }

  @Test
  void theShippedConsentDefaultsHaveNoGapConflictOrRedundantRow() throws IOException {
    DecisionTableVerifier.Report report = DecisionTableVerifier.verify(baseline());

    assertEquals(1, report.tables());
    assertEquals(UseType.values().length, report.rows());
    assertEquals(List.of(), report.findings());
  }

  @Test
  void aUseTypeWithoutRowIsAGapNamingIt() throws IOException {
    String withoutTraining =
        Arrays.stream(baseline().split("\n"))
            .filter(line -> !line.contains("\"AI_TRAINING\""))
            .collect(Collectors.joining("\n"));

    DecisionTableVerifier.Report report = DecisionTableVerifier.verify(withoutTraining);

    assertEquals(1, report.count("GAP"), report::toString);
    assertTrue(report.findings().get(0).message().contains("AI_TRAINING"), report::toString);
  }

  @Test
  void twoRowsMatchingOneRequestWithDifferentActionsConflictAtTheirLines() {
    String csv = table(everyUseType("A"), "\"Other curation\",\"AI_CURATION\",\"\",\"B\"");

    DecisionTableVerifier.Report report = DecisionTableVerifier.verify(csv);

    assertEquals(1, report.count("CONFLICT"), report::toString);
    DecisionTableVerifier.Finding conflict = report.findings().get(0);
    // the AI_CURATION row is the first data row (line 9); the added row is line 15
    assertEquals(List.of(9, 15), conflict.rows());
    assertTrue(conflict.message().contains("AI_CURATION"), conflict::message);
    assertEquals(0, report.count("GAP"));
  }

  @Test
  void aRowContainedInAWiderRowWithTheSameActionsIsRedundant() {
    String csv =
        table(everyUseType("A"), "\"Curation for the DJ\",\"AI_CURATION\",\"ai-dj\",\"A\"");

    DecisionTableVerifier.Report report = DecisionTableVerifier.verify(csv);

    assertEquals(1, report.count("REDUNDANT"), report::toString);
    assertEquals(List.of(15, 9), report.findings().get(0).rows(), "the narrower row comes first");
    assertEquals(0, report.count("CONFLICT"));
  }

  @Test
  void aBlankConditionMatchesEverythingSoItConflictsWithEveryOtherAction() {
    String csv =
        table(
            "\"Curation\",\"AI_CURATION\",\"\",\"A\"",
            "\"Training\",\"AI_TRAINING\",\"\",\"B\"",
            "\"Anything for the DJ\",\"\",\"ai-dj\",\"A\"");

    DecisionTableVerifier.Report report = DecisionTableVerifier.verify(csv);

    // the wildcard row overlaps curation partially (same action) and conflicts with training
    assertEquals(1, report.count("CONFLICT"), report::toString);
    assertEquals(1, report.count("OVERLAP"), report::toString);
    // a blank use type matches every use type, so no use type is left without a row
    assertEquals(0, report.count("GAP"), report::toString);
  }

  @Test
  void rowsForDifferentFeaturesDoNotOverlap() {
    String csv =
        table(
            "\"DJ curation\",\"AI_CURATION\",\"ai-dj\",\"A\"",
            "\"Playlist curation\",\"AI_CURATION\",\"ai-playlist\",\"B\"");

    DecisionTableVerifier.Report report = DecisionTableVerifier.verify(csv);

    assertEquals(0, report.count("CONFLICT"), report::toString);
    assertEquals(0, report.count("OVERLAP"), report::toString);
  }

  @Test
  void inListCellsOverlapWhenTheyShareAValue() {
    String csv =
        """
        "Import","io.stave.rules.domain.DecisionRequest"
        "RuleTable Lists"
        "CONDITION","ACTION"
        "$request : DecisionRequest",""
        "useType in ($param)","insert( $param );"
        "Use types","Outcome"
        "AI_CURATION, AI_VOICEOVER","A"
        "AI_VOICEOVER, AI_ANALYSIS","A"
        "AI_DERIVATIVE, AI_VOICE_LIKENESS, AI_TRAINING","C"
        """;

    DecisionTableVerifier.Report report = DecisionTableVerifier.verify(csv);

    assertEquals(1, report.count("OVERLAP"), report::toString);
    assertTrue(report.findings().get(0).message().contains("AI_VOICEOVER"), report::toString);
    assertEquals(0, report.count("GAP"), "the three rows cover every use type: " + report);
  }

  @Test
  void aValueThatIsNoConstantOfTheEnumIsInvalid() {
    String csv = table(everyUseType("A").replace("\"AI_TRAINING\"", "\"AI_TRAINNG\""));

    DecisionTableVerifier.Report report = DecisionTableVerifier.verify(csv);

    assertEquals(1, report.count("INVALID_VALUE"), report::toString);
    assertEquals(1, report.count("GAP"), "AI_TRAINING has no row left: " + report);
  }

  @Test
  void aTableWithoutClosedDomainSaysGapsAreNotChecked() {
    String csv =
        """
        "RuleTable Free"
        "CONDITION","ACTION"
        "$request : DecisionRequest",""
        "feature == ""$param""\",\"insert( $param );"
        "Feature","Outcome"
        "ai-dj","A"
        """;

    DecisionTableVerifier.Report report = DecisionTableVerifier.verify(csv);

    assertEquals(List.of(), report.findings());
    assertFalse(report.notes().isEmpty());
    assertTrue(report.notes().get(0).contains("gaps are not checked"), report::toString);
  }

  @Test
  void fiveThousandRowsVerifyQuicklyAndListAtMostTheCap() {
    StringBuilder rows = new StringBuilder(everyUseType("A"));
    for (int i = 0; i < 5_000; i++) {
      rows.append("\n\"Feature ")
          .append(i)
          .append("\",\"AI_TRAINING\",\"feature-")
          .append(i)
          .append("\",\"A\"");
    }
    long start = System.nanoTime();

    DecisionTableVerifier.Report report = DecisionTableVerifier.verify(table(rows.toString()));

    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(5_000 + UseType.values().length, report.rows());
    // every feature row is contained in the plain AI_TRAINING row with the same action
    assertEquals(DecisionTableVerifier.MAX_FINDINGS, report.findings().size());
    assertTrue(report.truncated());
    assertTrue(millis < 10_000, "took " + millis + " ms");
  }
}
