package io.stave.rules.engine;

import static io.stave.rules.engine.GuardVocabulary.ALLOWED_IMPORTS;
import static io.stave.rules.engine.GuardVocabulary.CONSTRUCTION;
import static io.stave.rules.engine.GuardVocabulary.CONSTRUCTIONS_ALLOWED;
import static io.stave.rules.engine.GuardVocabulary.DOMAIN;
import static io.stave.rules.engine.GuardVocabulary.FORBIDDEN;
import static io.stave.rules.engine.GuardVocabulary.IMPORT;
import static io.stave.rules.engine.GuardVocabulary.QUALIFIED;
import static io.stave.rules.engine.GuardVocabulary.QUALIFIED_CALL;
import static io.stave.rules.engine.GuardVocabulary.STATIC_CALL;
import static io.stave.rules.engine.GuardVocabulary.STATIC_CALLS_ALLOWED;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

/**
 * Refuses, before anything is compiled, rule sources that reach outside the fact model and the
 * result types. DRL is Java in disguise: a consequence, a function or a decision-table cell can
 * call any class the server can load. A policy author may decide; an author must not read files,
 * open sockets, start threads or poke the engine. Anything this guard does not recognise as the
 * fact model, the result types or a small set of value helpers is refused, naming the file, the
 * line and the construct, so a refusal is something the author can act on.
 *
 * <p>Comments and string literals are blanked before scanning (a reason sentence may say "System"),
 * so line and column numbers stay those of the author's file.
 */
public final class PolicyGuard {

  /** One refusal: where, which kind of construct, and a sentence saying what to do instead. */
  public record Finding(String file, int line, int column, String construct, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ":" + column + ": " + construct + ": " + message;
    }
  }

  private PolicyGuard() {}

  /** Every refusal in every file of the version; empty when the sources stay inside the model. */
  public static List<Finding> check(PolicySource source) {
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, String> file : source.files().entrySet()) {
      if (PolicySource.isRuleFile(file.getKey())) {
        checkUnicodeEscapes(file.getKey(), file.getValue(), findings);
      }
      if (file.getKey().endsWith(".drl")) {
        checkDrl(file.getKey(), file.getValue(), findings);
      } else if (file.getKey().endsWith(".drl.csv")) {
        checkDecisionTable(file.getKey(), file.getValue(), findings);
      }
    }
    checkRecursion(source, findings);
    return findings;
  }

  /**
   * The Java compiler translates unicode escapes (a backslash, {@code u}, four hex digits) before
   * it sees strings and comments, so an escaped quote, line break or comment end can hide code from
   * the scan inside what looks like a string or a comment. Every escape the compiler would
   * translate (a backslash preceded by an even number of backslashes, then {@code u}) is refused;
   * an author writes the character itself (sources are UTF-8).
   */
  private static void checkUnicodeEscapes(String file, String text, List<Finding> findings) {
    int backslashes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (backslashes % 2 == 0 && i + 1 < text.length() && text.charAt(i + 1) == 'u') {
          add(
              findings,
              file,
              text,
              i,
              "unicode escape",
              "a \\u escape is read by the compiler before strings and comments, so it could hide"
                  + " code from this check; write the character itself");
        }
        backslashes++;
      } else {
        backslashes = 0;
      }
    }
  }

  private static void checkDrl(String file, String text, List<Finding> findings) {
    String code = blankCommentsAndStrings(text);
    Matcher imports = IMPORT.matcher(code);
    while (imports.find()) {
      checkImport(file, code, imports.start(2), imports.group(2), imports.group(1), findings);
    }
    checkCode(file, code, 0, 0, findings);
  }

  private static void checkImport(
      String file, String code, int at, String name, String modifier, List<Finding> findings) {
    if (modifier != null && !modifier.isBlank()) {
      add(
          findings,
          file,
          code,
          at,
          "import",
          "'import "
              + modifier.trim()
              + " "
              + name
              + "' is refused; rules use the fact model's own methods");
      return;
    }
    if (!allowedType(name)) {
      add(
          findings,
          file,
          code,
          at,
          "import",
          "'"
              + name
              + "' is outside the fact model ("
              + DOMAIN
              + "*) and the value types a rule may use ("
              + String.join(", ", new java.util.TreeSet<>(ALLOWED_IMPORTS))
              + ")");
    }
  }

  private static boolean allowedType(String name) {
    if (name.startsWith(DOMAIN)) {
      return name.indexOf('.', DOMAIN.length()) < 0; // a class of the package, or the package's *
    }
    return ALLOWED_IMPORTS.contains(name);
  }

  /**
   * Scans code whose offsets start at {@code base} in the text; {@code lineOffset} for table cells.
   */
  private static void checkCode(
      String file, String code, int base, int lineOffset, List<Finding> findings) {
    for (Map.Entry<Pattern, String> forbidden : FORBIDDEN.entrySet()) {
      Matcher match = forbidden.getKey().matcher(code);
      while (match.find()) {
        add(
            findings,
            file,
            code,
            match.start(),
            lineOffset,
            forbidden.getValue(),
            "'"
                + match.group().trim()
                + "' is refused: rules may only read the facts and assert results");
      }
    }
    Matcher qualified = QUALIFIED.matcher(code);
    while (qualified.find()) {
      String name = qualified.group(1).replaceAll("\\s", "") + "." + qualified.group(3);
      if (!allowedType(name) && !isPackageDeclaration(code, qualified.start())) {
        add(
            findings,
            file,
            code,
            qualified.start(),
            lineOffset,
            "qualified name",
            "'" + name + "' names a class outside the fact model");
      }
    }
    Matcher call = STATIC_CALL.matcher(code);
    while (call.find()) {
      checkStaticCall(file, code, call.start(), lineOffset, call.group(1), call.group(2), findings);
    }
    Matcher qualifiedCall = QUALIFIED_CALL.matcher(code);
    while (qualifiedCall.find()) {
      checkStaticCall(
          file,
          code,
          qualifiedCall.start(),
          lineOffset,
          qualifiedCall.group(1),
          qualifiedCall.group(2),
          findings);
    }
    Matcher construction = CONSTRUCTION.matcher(code);
    while (construction.find()) {
      String type = construction.group(1);
      String simple = type.substring(type.lastIndexOf('.') + 1);
      boolean qualifiedOk = !type.contains(".") || allowedType(type);
      if (!qualifiedOk || !(CONSTRUCTIONS_ALLOWED.contains(simple) || isDomainType(simple))) {
        add(
            findings,
            file,
            code,
            construction.start(),
            lineOffset,
            "construction",
            "'new "
                + type
                + "' is refused; rules construct only the fact model's results and plain values");
      }
    }
  }

  private static void checkStaticCall(
      String file,
      String code,
      int at,
      int lineOffset,
      String type,
      String method,
      List<Finding> findings) {
    boolean allowed = STATIC_CALLS_ALLOWED.getOrDefault(type, Set.of()).contains(method);
    if (!allowed && !isDomainType(type)) {
      add(
          findings,
          file,
          code,
          at,
          lineOffset,
          "static call",
          "'"
              + type
              + "."
              + method
              + "(…)' is not on the allow-list (the fact model's own types,"
              + " and value helpers such as Map.of, List.of, Math.min, String.format, Instant.parse)");
    }
  }

  private static final Pattern FUNCTION =
      Pattern.compile("\\bfunction\\s+[\\w.<>\\[\\],\\s]+?\\s+(\\w+)\\s*\\(");

  /**
   * A function that calls itself, directly or through other functions, may never return, and
   * nothing stops it: the deadline and the fire limit act between rule firings (a function that
   * recursed without end overflowed the stack; one that recursed too widely would hold a core).
   * Functions are shared by every file of the version, so the calls are followed across files
   * (decision tables as the DRL they expand to); each function on a cycle is refused where it is
   * declared.
   */
  private static void checkRecursion(PolicySource source, List<Finding> findings) {
    record Declared(String file, String code, int at, boolean table) {}
    Map<String, Declared> declared = new LinkedHashMap<>();
    Map<String, String> bodies = new HashMap<>();
    for (Map.Entry<String, String> file : source.files().entrySet()) {
      boolean table = file.getKey().endsWith(".drl.csv");
      String drl = table ? expand(file.getValue()) : file.getValue();
      if (drl == null || !(table || file.getKey().endsWith(".drl"))) {
        continue;
      }
      String code = blankCommentsAndStrings(drl);
      Matcher function = FUNCTION.matcher(code);
      while (function.find()) {
        int open = code.indexOf('{', function.end());
        if (open < 0) {
          continue;
        }
        int depth = 0;
        int close = open;
        while (close < code.length()) {
          char c = code.charAt(close);
          depth += c == '{' ? 1 : c == '}' ? -1 : 0;
          if (depth == 0) {
            break;
          }
          close++;
        }
        String name = function.group(1);
        declared.putIfAbsent(name, new Declared(file.getKey(), code, function.start(), table));
        bodies.merge(name, code.substring(open, close), String::concat);
      }
    }
    Map<String, Set<String>> calls = new HashMap<>();
    for (String caller : declared.keySet()) {
      for (String callee : declared.keySet()) {
        if (Pattern.compile("\\b" + Pattern.quote(callee) + "\\s*\\(")
            .matcher(bodies.get(caller))
            .find()) {
          calls.computeIfAbsent(caller, k -> new TreeSet<>()).add(callee);
        }
      }
    }
    for (Map.Entry<String, Declared> function : declared.entrySet()) {
      String name = function.getKey();
      if (!reaches(calls, name, name)) {
        continue;
      }
      Declared at = function.getValue();
      String construct = "recursion (nothing can stop a call that never returns)";
      String message =
          "function '"
              + name
              + "' calls itself"
              + (calls.get(name).contains(name) ? "" : " through other functions")
              + "; write it without recursion";
      if (at.table()) {
        findings.add(
            new Finding(at.file(), 1, 1, construct, message + " (in the rules the table makes)"));
      } else {
        add(findings, at.file(), at.code(), at.at(), construct, message);
      }
    }
  }

  /** Whether {@code from}'s calls lead, through any number of functions, to {@code to}. */
  private static boolean reaches(Map<String, Set<String>> calls, String from, String to) {
    Deque<String> next = new ArrayDeque<>(calls.getOrDefault(from, Set.of()));
    Set<String> seen = new HashSet<>();
    while (!next.isEmpty()) {
      String callee = next.pop();
      if (callee.equals(to)) {
        return true;
      }
      if (seen.add(callee)) {
        next.addAll(calls.getOrDefault(callee, Set.of()));
      }
    }
    return false;
  }

  private static boolean isPackageDeclaration(String code, int at) {
    int lineStart = code.lastIndexOf('\n', at) + 1;
    String before = code.substring(lineStart, at).trim();
    return before.equals("package") || before.equals("import") || before.startsWith("import ");
  }

  /** A simple name of the fact model: a class of io.stave.rules.domain that exists. */
  private static boolean isDomainType(String simpleName) {
    try {
      Class.forName(DOMAIN + simpleName, false, PolicyGuard.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * A decision table: its Import row is checked like DRL imports, a Variables row (globals) is
   * refused, and every other cell is checked as code, at its CSV row.
   */
  private static void checkDecisionTable(String file, String text, List<Finding> findings) {
    int before = findings.size();
    checkTableCells(file, text, findings);
    if (findings.size() == before) {
      checkExpandedTable(file, text, findings);
    }
  }

  /** The DRL a decision table expands to, or null when Drools cannot read the table. */
  private static String expand(String table) {
    try {
      return new SpreadsheetCompiler()
          .compile(new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8)), InputType.CSV);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private static final Pattern RULE_VALUES_AT = Pattern.compile("// rule values at [A-Z]+(\\d+)");

  /**
   * A cell is code only once Drools has put it into its column's template: {@code Sys$1} with the
   * value {@code tem} is {@code System}, though neither cell names it. So the table is also
   * expanded to the DRL the compiler reads and that is checked, each finding at the row of its
   * rule.
   */
  private static void checkExpandedTable(String file, String text, List<Finding> findings) {
    String drl = expand(text);
    if (drl == null) {
      return; // the compiler reports a table it cannot read, at its line
    }
    List<Finding> expanded = new ArrayList<>();
    checkCode(file, blankCommentsAndStrings(drl), 0, 0, expanded);
    String[] lines = drl.split("\n", -1);
    for (Finding finding : expanded) {
      int row = 0;
      for (int i = Math.min(finding.line(), lines.length) - 1; i >= 0 && row == 0; i--) {
        Matcher at = RULE_VALUES_AT.matcher(lines[i]);
        if (at.find()) {
          row = Integer.parseInt(at.group(1));
        }
      }
      findings.add(
          new Finding(
              file,
              Math.max(row, 1),
              1,
              finding.construct(),
              finding.message() + " (in the rule this row makes from its column templates)"));
    }
  }

  private static void checkTableCells(String file, String text, List<Finding> findings) {
    String[] rows = text.split("\r?\n", -1);
    for (int row = 0; row < rows.length; row++) {
      List<String> cells = DecisionTableWorkbook.cells(rows[row]);
      if (cells.isEmpty()) {
        continue;
      }
      String keyword = cells.get(0).trim();
      if (keyword.equalsIgnoreCase("Import") && cells.size() > 1) {
        for (String name : cells.get(1).split(",")) {
          if (!name.isBlank()) {
            if (!allowedType(name.trim())) {
              findings.add(
                  new Finding(
                      file,
                      row + 1,
                      1,
                      "import",
                      "'"
                          + name.trim()
                          + "' is outside the fact model and the value types a rule may use"));
            }
          }
        }
        continue;
      }
      if (keyword.equalsIgnoreCase("Variables")
          || keyword.equalsIgnoreCase("Functions")
          || keyword.equalsIgnoreCase("Queries")) {
        findings.add(
            new Finding(
                file,
                row + 1,
                1,
                "engine access",
                "a decision table's "
                    + keyword
                    + " row is refused; write rules as rows of a RuleTable"));
        continue;
      }
      if (keyword.equalsIgnoreCase("Notes") || keyword.equalsIgnoreCase("RuleSet")) {
        continue;
      }
      for (String cell : cells) {
        checkCode(file, blankCommentsAndStrings(cell), 0, row, findings);
      }
    }
  }

  /** Comments and the insides of string and character literals become spaces; newlines stay. */
  static String blankCommentsAndStrings(String text) {
    StringBuilder code = new StringBuilder(text);
    int i = 0;
    while (i < code.length()) {
      char c = code.charAt(i);
      char next = i + 1 < code.length() ? code.charAt(i + 1) : 0;
      if (c == '/' && next == '/') {
        while (i < code.length() && code.charAt(i) != '\n') {
          code.setCharAt(i++, ' ');
        }
      } else if (c == '/' && next == '*') {
        while (i < code.length()
            && !(code.charAt(i) == '*' && i + 1 < code.length() && code.charAt(i + 1) == '/')) {
          blank(code, i++);
        }
        if (i < code.length()) {
          code.setCharAt(i++, ' ');
          code.setCharAt(i++, ' ');
        }
      } else if (c == '"' || c == '\'') {
        i++;
        while (i < code.length() && code.charAt(i) != c && code.charAt(i) != '\n') {
          if (code.charAt(i) == '\\' && i + 1 < code.length()) {
            blank(code, i++);
          }
          blank(code, i++);
        }
        i++;
      } else {
        i++;
      }
    }
    return code.toString();
  }

  private static void blank(StringBuilder code, int at) {
    if (code.charAt(at) != '\n') {
      code.setCharAt(at, ' ');
    }
  }

  private static void add(
      List<Finding> findings, String file, String code, int at, String construct, String message) {
    add(findings, file, code, at, 0, construct, message);
  }

  private static void add(
      List<Finding> findings,
      String file,
      String code,
      int at,
      int lineOffset,
      String construct,
      String message) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at && i < code.length(); i++) {
      if (code.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    findings.add(new Finding(file, line + lineOffset, at - lineStart + 1, construct, message));
  }
}
