package io.stave.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decision tables kept in spreadsheets: XLSX in and out, the same rules either way. */
class DecisionTableWorkbookTest {
  @Test
  void theShippedDecisionTableSurvivesARoundTripThroughXlsxAndStillCompiles() throws Exception {
    String csv = PolicySource.baseline(1).files().get("consent-defaults.drl.csv");
    String back = DecisionTableWorkbook.toCsv(DecisionTableWorkbook.toXlsx(csv));

    assertEquals(
        DecisionTableWorkbook.cells(csv.lines().skip(9).findFirst().orElseThrow()),
        DecisionTableWorkbook.cells(back.lines().skip(9).findFirst().orElseThrow()));
    Map<String, String> files = new LinkedHashMap<>(PolicySource.baseline(1).files());
    files.put("consent-defaults.drl.csv", back);
    try (CompiledPolicy fromXlsx = PolicyCompiler.compile(new PolicySource(2, files));
        CompiledPolicy shipped = PolicyCompiler.compile(PolicySource.baseline(1))) {
      assertEquals(shipped.ruleNames(), fromXlsx.ruleNames());
    }
  }

  @Test
  void somethingThatIsNoSpreadsheetIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> DecisionTableWorkbook.toCsv("not a workbook".getBytes()));
  }
}
