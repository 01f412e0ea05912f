package io.stave.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stave.routes.tabular.CsvTable;
import io.stave.rules.domain.Money;
import io.stave.rules.domain.UseType;
import io.stave.rules.revenue.Statement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exports read back to the statements' totals, with quoting where a cell needs it. */
class StatementExportsTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final YearMonth MARCH = YearMonth.of(2026, 3);

  private static Statement statement(String party, long... lines) {
    List<Statement.Line> items = new java.util.ArrayList<>();
    long earned = 0;
    for (int i = 0; i < lines.length; i++) {
      items.add(
          new Statement.Line(
              "MAIN_ARTIST",
              i % 2 == 0 ? "ai-dj" : "rate-card",
              i % 2 == 0 ? UseType.AI_CURATION : UseType.AI_VOICEOVER,
              "ai-dj",
              "GBAAA260000" + i,
              new Money(lines[i], EUR),
              lines[i]));
      earned += lines[i];
    }
    return new Statement(
        party,
        MARCH,
        EUR,
        100,
        items,
        earned,
        List.of(new Statement.Adjustment("a1", -30, "over-reported, \"twice\"", "2026-02")),
        -30,
        0,
        earned / 10,
        1000,
        0,
        100 + earned - 30 - earned / 10,
        List.of(
            new Statement.Rate(
                Currency.getInstance("JPY"),
                EUR,
                new BigDecimal("0.0062"),
                LocalDate.of(2026, 3, 31))),
        1);
  }

  @Test
  void theCsvReadsBackToEachStatementsEarningsAndBalances() {
    List<Statement> statements = List.of(statement("isni:1", 123, 77), statement("dpid:X,Y", 5));
    String csv = StatementExports.csv(statements);
    // read back with the feeds' RFC 4180 reader (quotes, doubled quotes, commas in cells)
    CsvTable table = CsvTable.parse(csv, List.of("line_type", "amount"), List.of());
    assertEquals(StatementExports.CSV_HEADER, String.join(",", table.header()));
    BigDecimal earnings = BigDecimal.ZERO;
    BigDecimal closing = BigDecimal.ZERO;
    for (CsvTable.Row row : table.rows()) {
      assertEquals(13, row.values().size(), row.toString());
      if ("EARNING".equals(row.get("line_type"))) {
        earnings = earnings.add(new BigDecimal(row.get("amount")));
      } else if ("CLOSING".equals(row.get("line_type"))) {
        closing = closing.add(new BigDecimal(row.get("amount")));
      }
    }
    assertEquals(new BigDecimal("2.05"), earnings);
    long expectedClosing = statements.stream().mapToLong(Statement::closing).sum();
    assertEquals(BigDecimal.valueOf(expectedClosing, 2), closing);
    assertTrue(csv.contains("\"dpid:X,Y\""), "a party id with a comma is quoted");
    assertTrue(csv.contains("\"over-reported, \"\"twice\"\" (refers to 2026-02)\""), csv);
  }

  @Test
  void theDsrSummariesAndUsageLinesAddUpAndTheFooterCountsTheRecords() {
    String dsr =
        StatementExports.dsr(
            MARCH, List.of(statement("isni:1", 123, 77), statement("b", 5)), "ALL");
    String[] records = dsr.split("\n");
    String[] head = records[0].split("\t");
    assertEquals("HEAD", head[0]);
    assertEquals("BasicAudioProfile", head[2]);
    assertEquals("2026-03-01", head[8]);
    assertEquals("2026-03-31", head[9]);
    BigDecimal usage = BigDecimal.ZERO;
    BigDecimal summaries = BigDecimal.ZERO;
    for (String record : records) {
      String[] cells = record.split("\t", -1);
      if (cells[0].equals("SU02")) {
        usage = usage.add(new BigDecimal(cells[7]));
      } else if (cells[0].equals("SY02")) {
        summaries = summaries.add(new BigDecimal(cells[7]));
      }
    }
    assertEquals(new BigDecimal("2.05"), usage);
    assertEquals(new BigDecimal("2.05"), summaries);
    String[] foot = records[records.length - 1].split("\t");
    assertEquals("FOOT", foot[0]);
    assertEquals(records.length, Integer.parseInt(foot[1]));
  }
}
