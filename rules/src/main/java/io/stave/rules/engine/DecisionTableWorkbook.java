package io.stave.rules.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Decision tables as authors keep them in spreadsheets. A version stores a table as CSV (text: it
 * diffs, the guard reads it, the compiler takes it); an XLSX workbook is turned into that CSV on
 * the way in (its first sheet, cells as displayed) and can be had back as XLSX.
 */
public final class DecisionTableWorkbook {
  private static final int MAX_ROWS = 100_000;
  private static final int MAX_COLUMNS = 256;

  private DecisionTableWorkbook() {}

  /** The first sheet of an XLSX (or XLS) workbook as a decision-table CSV, every cell quoted. */
  public static String toCsv(byte[] workbook) {
    try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(workbook))) {
      if (book.getNumberOfSheets() == 0) {
        throw new IllegalArgumentException("the workbook has no sheet");
      }
      Sheet sheet = book.getSheetAt(0);
      if (sheet.getLastRowNum() >= MAX_ROWS) {
        throw new IllegalArgumentException("the sheet has more than " + MAX_ROWS + " rows");
      }
      DataFormatter formatter = new DataFormatter();
      StringBuilder csv = new StringBuilder();
      for (int r = 0; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        List<String> cells = new ArrayList<>();
        if (row != null) {
          int last = Math.min(row.getLastCellNum(), MAX_COLUMNS);
          for (int c = 0; c < last; c++) {
            Cell cell = row.getCell(c);
            cells.add(cell == null ? "" : formatter.formatCellValue(cell));
          }
        }
        while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
          cells.remove(cells.size() - 1);
        }
        csv.append(
                cells.isEmpty()
                    ? "\"\""
                    : String.join(",", cells.stream().map(DecisionTableWorkbook::quote).toList()))
            .append('\n');
      }
      return csv.toString();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "is not a spreadsheet Stave can read: " + e.getMessage(), e);
    }
  }

  /** A decision-table CSV as an XLSX workbook of one sheet. */
  public static byte[] toXlsx(String csv) {
    try (XSSFWorkbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet("Decision table");
      int r = 0;
      for (String line : csv.split("\r?\n")) {
        Row row = sheet.createRow(r++);
        List<String> cells = cells(line);
        for (int c = 0; c < cells.size(); c++) {
          row.createCell(c).setCellValue(cells.get(c));
        }
      }
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("the workbook cannot be written: " + e.getMessage(), e);
    }
  }

  private static String quote(String cell) {
    return "\"" + cell.replace("\"", "\"\"") + "\"";
  }

  /** The cells of one CSV line (quoted cells with doubled quotes inside). */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
