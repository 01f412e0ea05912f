package io.stave.interfaces.rest;

import io.stave.rules.revenue.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statements as files finance and rights holders load elsewhere: a CSV with one row per balance,
 * earning, correction and exchange rate, and a DDEX DSR flat file shaped after the DSRF basic audio
 * profile (tab-separated HEAD, SY02 summaries per use type, AS01 resource blocks with their SU02
 * usage lines, FOOT). Both parse back to the statements' totals.
 */
final class StatementExports {
  static final String CSV_HEADER =
      "period,party_id,currency,line_type,role,model,use_type,feature,isrc,original_amount,"
          + "original_currency,amount,note";

  private StatementExports() {}

  static String csv(List<Statement> statements) {
    StringBuilder csv = new StringBuilder(CSV_HEADER).append("\r\n");
    for (Statement s : statements) {
      total(csv, s, "OPENING", s.format(s.opening()), "");
      for (Statement.Line l : s.lines()) {
        row(
            csv,
            s,
            "EARNING",
            l.role(),
            l.model(),
            l.useType().name(),
            l.feature(),
            l.isrc(),
            l.original().asDecimal().toPlainString(),
            l.original().currency().getCurrencyCode(),
            s.format(l.amount()),
            "");
      }
      for (Statement.Adjustment a : s.adjustmentLines()) {
        total(
            csv,
            s,
            "ADJUSTMENT",
            s.format(a.amount()),
            a.reason() + (a.refersTo() == null ? "" : " (refers to " + a.refersTo() + ")"));
      }
      total(csv, s, "RESERVE_RELEASED", s.format(s.reserveReleased()), "");
      total(csv, s, "RESERVE_HELD", s.format(s.reserveHeld()), "");
      total(
          csv, s, "PAYOUT", s.format(s.payout()), "minimum payout " + s.format(s.minimumPayout()));
      total(csv, s, "CLOSING", s.format(s.closing()), "");
      for (Statement.Rate r : s.rates()) {
        row(
            csv,
            s,
            "RATE",
            "",
            "",
            "",
            "",
            "",
            "1",
            r.from().getCurrencyCode(),
            r.rate().toPlainString(),
            "valid from " + r.validFrom());
      }
    }
    return csv.toString();
  }

  /** A row of the statement's totals: only its amount and a note. */
  private static void total(
      StringBuilder csv, Statement s, String type, String amount, String note) {
    row(csv, s, type, "", "", "", "", "", "", "", amount, note);
  }

  private static void row(StringBuilder csv, Statement s, String type, String... cells) {
    List<String> all = new ArrayList<>();
    all.add(s.period().toString());
    all.add(s.partyId());
    all.add(s.currency().getCurrencyCode());
    all.add(type);
    all.addAll(List.of(cells));
    for (int i = 0; i < all.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(quote(all.get(i)));
    }
    csv.append("\r\n");
  }

  private static String quote(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
    return cell;
  }

  /**
   * The DSR flat file of a period. {@code recipient} names whom it is for (a party, or "ALL").
   * Amounts are the statement currency's, as decimals.
   */
  static String dsr(YearMonth period, List<Statement> statements, String recipient) {
    List<String> records = new ArrayList<>();
    String currency = statements.isEmpty() ? "EUR" : statements.get(0).currency().getCurrencyCode();
    records.add(
        String.join(
            "\t",
            "HEAD",
            "dsrf/1.1.2/1.6/1.0",
            "BasicAudioProfile",
            "1.3",
            "stave-" + period + "-" + recipient,
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            "1",
            "1",
            period.atDay(1).toString(),
            period.atEndOfMonth().toString(),
            "Stave",
            recipient));
    // Summaries per use type: SY02 id, commercial model, use type, territory, currency, lines, net.
    Map<String, long[]> byUse = new TreeMap<>();
    Map<String, List<String[]>> byIsrc = new LinkedHashMap<>();
    Statement any = statements.isEmpty() ? null : statements.get(0);
    for (Statement s : statements) {
      for (Statement.Line l : s.lines()) {
        long[] sum = byUse.computeIfAbsent(l.useType().name(), u -> new long[2]);
        sum[0]++;
        sum[1] += l.amount();
        byIsrc
            .computeIfAbsent(l.isrc(), i -> new ArrayList<>())
            .add(
                new String[] {
                  l.useType().name(),
                  s.partyId(),
                  l.role(),
                  l.model(),
                  l.feature(),
                  s.format(l.amount())
                });
      }
    }
    Map<String, String> summaryIds = new LinkedHashMap<>();
    int n = 1;
    for (var use : byUse.entrySet()) {
      String id = "SY" + n++;
      summaryIds.put(use.getKey(), id);
      records.add(
          String.join(
              "\t",
              "SY02",
              id,
              "AiUsage",
              use.getKey(),
              "Worldwide",
              currency,
              Long.toString(use.getValue()[0]),
              any == null ? "0" : any.format(use.getValue()[1])));
    }
    int block = 1;
    int usageRecords = 0;
    for (var isrc : byIsrc.entrySet()) {
      String blockId = "BL" + block;
      records.add(String.join("\t", "AS01", blockId, "R" + block, isrc.getKey()));
      for (String[] u : isrc.getValue()) {
        // SU02: block, summary, party, role, revenue model, feature, net revenue
        records.add(
            String.join("\t", "SU02", blockId, summaryIds.get(u[0]), u[1], u[2], u[3], u[4], u[5]));
        usageRecords++;
      }
      block++;
    }
    records.add(
        String.join(
            "\t",
            "FOOT",
            Integer.toString(records.size() + 1),
            Integer.toString(block - 1),
            Integer.toString(usageRecords)));
    return String.join("\n", records) + "\n";
  }
}
