package io.stave.routes.tabular;

import io.stave.routes.feed.FeedProblem;
import io.stave.routes.feed.FeedRejectedException;
import io.stave.routes.text.MalformedTextException;
import io.stave.routes.text.StrictUtf8;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV document (RFC 4180: commas, double-quoted fields, doubled quotes inside them) with a header
 * row, read into rows that remember their line, so every problem can name the line and the column.
 * Blank lines are skipped; a row with the wrong number of fields is a problem.
 */
public final class CsvTable {
  private final List<String> header;
  private final List<Row> rows;

  private CsvTable(List<String> header, List<Row> rows) {
    this.header = header;
    this.rows = rows;
  }

  /** One data row; {@code line} is the line it starts on (the header is line 1). */
  public record Row(int line, Map<String, String> values) implements FeedRecord {
    @Override
    public String get(String column) {
      String value = values.get(column);
      return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String where(String column) {
      return "line " + line + ", column " + column;
    }
  }

  /** Reads UTF-8 bytes; bytes that are not UTF-8 are a problem naming their line and column. */
  public static CsvTable parse(byte[] utf8, List<String> required, List<String> optional) {
    String text;
    try {
      text = StrictUtf8.decode(utf8);
    } catch (MalformedTextException e) {
      throw new FeedRejectedException(new FeedProblem(e.where(), e.what()));
    }
    return parse(text, required, optional);
  }

  public static CsvTable parse(String text, List<String> required, List<String> optional) {
    List<List<String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean recordHasContent = false;
    int line = 1;
    int recordLine = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        recordHasContent = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        recordHasContent = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (recordHasContent || field.length() > 0) {
          fields.add(field.toString());
          records.add(fields);
          lines.add(recordLine);
        }
        fields = new ArrayList<>();
        field.setLength(0);
        recordHasContent = false;
        line++;
        recordLine = line;
      } else {
        field.append(c);
        recordHasContent = true;
      }
    }
    if (quoted) {
      throw new FeedRejectedException(
          new FeedProblem("line " + recordLine, "a quoted field is never closed"));
    }
    if (recordHasContent || field.length() > 0) {
      fields.add(field.toString());
      records.add(fields);
      lines.add(recordLine);
    }
    if (records.isEmpty()) {
      throw new FeedRejectedException(
          new FeedProblem(
              "line 1", "the CSV is empty; expected a header row " + String.join(",", required)));
    }
    List<String> header =
        records.get(0).stream()
            .map(h -> h.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT))
            .toList();
    List<FeedProblem> problems = new ArrayList<>();
    for (String column : required) {
      if (!header.contains(column.toLowerCase(Locale.ROOT))) {
        problems.add(
            new FeedProblem(
                "line 1",
                "the header has no column '"
                    + column
                    + "' (expected "
                    + String.join(",", required)
                    + (optional.isEmpty() ? "" : " and optionally " + String.join(",", optional))
                    + ")"));
      }
    }
    if (!problems.isEmpty()) {
      throw new FeedRejectedException(problems);
    }
    List<Row> rows = new ArrayList<>();
    for (int r = 1; r < records.size(); r++) {
      List<String> record = records.get(r);
      if (record.size() != header.size()) {
        problems.add(
            new FeedProblem(
                "line " + lines.get(r),
                "has " + record.size() + " field(s); the header has " + header.size()));
        continue;
      }
      Map<String, String> values = new HashMap<>();
      for (int c = 0; c < header.size(); c++) {
        values.put(header.get(c), record.get(c));
      }
      rows.add(new Row(lines.get(r), values));
    }
    if (!problems.isEmpty()) {
      throw new FeedRejectedException(problems);
    }
    if (rows.isEmpty()) {
      throw new FeedRejectedException(
          new FeedProblem("line 2", "the CSV has a header but no rows"));
    }
    return new CsvTable(header, rows);
  }

  public List<String> header() {
    return header;
  }

  public List<Row> rows() {
    return rows;
  }
}
