package io.stave.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DRL is code: the guard refuses, before compiling, anything that reaches outside the fact model.
 */
class PolicyGuardTest {
  private static final String HEADER =
      """
      package io.stave.policy.custom;

      import io.stave.rules.domain.DecisionRequest;
      import io.stave.rules.domain.Denial;
      import io.stave.rules.domain.ReasonCode;
      """;

  private static String rule(String consequence) {
    return HEADER
        + """

        rule "Author's rule"
        when
            $request : DecisionRequest()
        then
            %s
        end
        """
            .formatted(consequence);
  }

  private static List<PolicyGuard.Finding> check(String drl) {
    return PolicyGuard.check(new PolicySource(2, Map.of("custom.drl", drl)));
  }

  @Test
  void theShippedBaselinePassesTheGuard() {
    assertEquals(List.of(), PolicyGuard.check(PolicySource.baseline(1)));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "java.nio.file.Files.readAllLines(java.nio.file.Path.of(\"/etc/passwd\"));   | file or network access",
        "new java.io.File(\"/tmp/x\").delete();                                     | file or network access",
        "new java.net.Socket(\"127.0.0.1\", 22);                                    | file or network access",
        "System.exit(1);                                                          | System",
        "Runtime.getRuntime().halt(0);                                            | Runtime",
        "new ProcessBuilder(\"sh\").start();                                        | processes",
        "new Thread(() -> {}).start();                                            | threads",
        "$request.getClass().getClassLoader();                                    | reflection",
        "String.class.getDeclaredMethods();                                        | reflection",
        "drools.getKieRuntime().halt();                                            | engine access",
        "javax.naming.InitialContext.doLookup(\"java:jboss\");                      | qualified name",
        "java.util.concurrent.Executors.newSingleThreadExecutor();                | qualified name",
        "Integer.getInteger(\"x\");                                              | static call",
        "java.time.Instant.now();                                                 | static call",
        "new java.util.Scanner(\"x\");                                              | construction",
        "UseType.AI_CURATION.getDeclaringClass().getClassLoader().loadClass(\"x\");    | reflection",
        "$request.getUseType().getDeclaringClass().getConstructors()[0].newInstance(); | reflection",
        "List.of(drools).get(0).getKieRuntime().halt();                           | engine access",
        "while (true) { }                                                         | loops",
        "for (int i = 0; ; i++) { }                                               | loops",
        "do { } while (1 > 0);                                                    | loops",
      })
  void aConsequenceThatReachesOutsideTheFactModelIsRefusedNamingTheConstruct(
      String consequence, String construct) {
    List<PolicyGuard.Finding> findings = check(rule(consequence));
    assertTrue(
        findings.stream().anyMatch(f -> f.construct().startsWith(construct)),
        () -> "expected a '" + construct + "' finding for " + consequence + ", got " + findings);
    PolicyGuard.Finding first = findings.get(0);
    assertEquals("custom.drl", first.file());
    assertEquals(11, first.line(), () -> "the consequence's line: " + findings);
  }

  @Test
  void importsOutsideTheFactModelAreRefused() {
    List<PolicyGuard.Finding> findings =
        check(
            HEADER.replace(
                "import io.stave.rules.domain.Denial;",
                "import java.io.File;\nimport static java.lang.System.exit;\nimport function java.lang.Runtime.getRuntime;"));
    assertEquals(
        3,
        findings.stream().filter(f -> f.construct().equals("import")).count(),
        findings::toString);
    assertEquals(4, findings.get(0).line());
  }

  @Test
  void evalGlobalsAndLoopsOfTheEngineAreRefused() {
    String drl =
        HEADER
            + """
        global java.util.List out;

        rule "Uses eval"
        when
            $request : DecisionRequest()
            eval( $request.getFeature() != null )
        then
        end
        """;
    List<String> constructs = check(drl).stream().map(PolicyGuard.Finding::construct).toList();
    assertTrue(constructs.contains("eval"), constructs::toString);
    assertTrue(constructs.contains("engine access"), constructs::toString);
  }

  @Test
  void aFunctionThatCallsItselfIsRefusedWhereItIsDeclared() {
    // The deadline and the fire limit act between firings: a call that never returns is never
    // stopped. Directly or through another function, the cycle is refused; a function calling a
    // function that returns is not.
    String drl =
        HEADER
            + """

        function int deeper(int x) { return deeper(x + 1) + 1; }
        function int ping(int x) { return x > 0 ? pong(x) : 0; }
        function int pong(int x) { return ping(x - 1); }
        function int twice(int x) { return 2 * x; }
        function int quadruple(int x) { return twice(twice(x)); }
        """;
    List<PolicyGuard.Finding> findings = check(drl);
    assertEquals(
        List.of("deeper", "ping", "pong"),
        findings.stream()
            .filter(f -> f.construct().startsWith("recursion"))
            .map(f -> f.message().substring("function '".length(), f.message().indexOf("' ")))
            .toList(),
        findings::toString);
    assertTrue(findings.get(0).message().contains("calls itself;"), findings::toString);
    assertTrue(
        findings.get(1).message().contains("calls itself through other functions"),
        findings::toString);
    assertEquals(List.of(), check(HEADER + "\nfunction int twice(int x) { return 2 * x; }\n"));
    // Functions are shared by the version's files: a cycle across two files is one too.
    List<PolicyGuard.Finding> across =
        PolicyGuard.check(
            new PolicySource(
                2,
                Map.of(
                    "a.drl", HEADER + "\nfunction int ping(int x) { return pong(x); }\n",
                    "b.drl", HEADER + "\nfunction int pong(int x) { return ping(x); }\n")));
    assertEquals(
        List.of("a.drl:7", "b.drl:7"),
        across.stream().map(f -> f.file() + ":" + f.line()).sorted().toList(),
        across::toString);
  }

  @Test
  void wordsInsideStringsAndCommentsAreNotCode() {
    String drl =
        rule(
            """
        // System.exit would be refused here, but this is a comment
        insert( new Denial( ReasonCode.POLICY_DENIED, "r", "Runtime and System are just words; java.io too" ) );""");
    assertEquals(List.of(), check(drl));
  }

  /**
   * The compiler reads unicode escapes before strings and comments: an escaped quote, line break or
   * comment end turned "text" the guard had blanked into code it never scanned (a draft and a dry
   * run then ran it on the server).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "String s = \"\\u0022; s = System.getProperty(\\u0022user.dir\\u0022); //\";",
        "// \\u000a System.exit(1);",
        "/* \\u002a\\u002f System.exit(1); /* */",
      })
  void aUnicodeEscapeThatCouldHideCodeInAStringOrCommentIsRefused(String consequence) {
    List<PolicyGuard.Finding> findings = check(rule(consequence));
    assertTrue(
        findings.stream().anyMatch(f -> f.construct().equals("unicode escape") && f.line() == 11),
        () ->
            "expected a 'unicode escape' finding at line 11 for "
                + consequence
                + ", got "
                + findings);
    String table =
        String.join(
            "\n",
            "\"RuleSet\",\"io.stave.policy.custom\"",
            "\"Import\",\"io.stave.rules.domain.DecisionRequest\"",
            "\"\"",
            "\"RuleTable Escape\"",
            "\"CONDITION\",\"ACTION\"",
            "\"$request : DecisionRequest\",\"\"",
            "\"feature == \"\"$param\"\"\",\"" + consequence.replace("\"", "\"\"") + "\"",
            "\"Feature\",\"Action\"",
            "\"ai-dj\",\"x\"");
    List<PolicyGuard.Finding> inTable =
        PolicyGuard.check(new PolicySource(2, Map.of("escape.drl.csv", table)));
    assertTrue(
        inTable.stream().anyMatch(f -> f.construct().equals("unicode escape") && f.line() == 7),
        inTable::toString);
  }

  @Test
  void anEscapedBackslashBeforeUIsNotAUnicodeEscape() {
    String drl =
        rule("insert( new Denial( ReasonCode.POLICY_DENIED, \"r\", \"C:\\\\users\\\\x\" ) );");
    assertEquals(List.of(), check(drl));
  }

  @Test
  void aDecisionTableCellIsCheckedAtItsRow() {
    String table =
        String.join(
            "\n",
            "\"RuleSet\",\"io.stave.policy.custom\"",
            "\"Import\",\"io.stave.rules.domain.DecisionRequest, java.lang.Runtime\"",
            "\"\"",
            "\"RuleTable Bad\"",
            "\"CONDITION\",\"ACTION\"",
            "\"$request : DecisionRequest\",\"\"",
            "\"feature == \"\"$param\"\"\",\"System.exit( $param );\"",
            "\"Feature\",\"Exit code\"",
            "\"ai-dj\",\"1\"");
    List<PolicyGuard.Finding> findings =
        PolicyGuard.check(new PolicySource(2, Map.of("bad.drl.csv", table)));
    assertTrue(
        findings.stream().anyMatch(f -> f.construct().equals("import") && f.line() == 2),
        findings::toString);
    assertTrue(
        findings.stream().anyMatch(f -> f.construct().startsWith("System") && f.line() == 7),
        findings::toString);
  }

  /** Neither cell names System; the rule Drools makes from the template and the value does. */
  @Test
  void aDecisionTableIsCheckedAsTheRulesItsCellsMake() {
    String table =
        String.join(
            "\n",
            "\"RuleSet\",\"io.stave.policy.custom\"",
            "\"Import\",\"io.stave.rules.domain.DecisionRequest, io.stave.rules.domain.Denial,"
                + " io.stave.rules.domain.ReasonCode\"",
            "\"\"",
            "\"RuleTable Splice\"",
            "\"CONDITION\",\"ACTION\"",
            "\"$request : DecisionRequest\",\"\"",
            "\"feature == \"\"$param\"\"\",\"insert( new Denial( ReasonCode.POLICY_DENIED, \"\"r\"\","
                + " Sys$1.getProperty( \"\"user.dir\"\" ) ) );\"",
            "\"Feature\",\"Part\"",
            "\"ai-dj\",\"tem\"");
    List<PolicyGuard.Finding> findings =
        PolicyGuard.check(new PolicySource(2, Map.of("splice.drl.csv", table)));
    assertTrue(
        findings.stream().anyMatch(f -> f.construct().startsWith("System") && f.line() == 9),
        findings::toString);
  }

  @Test
  void theCompilerRefusesAGuardedPolicyBeforeCompilingIt() {
    var refused =
        assertThrows(
            PolicyCompilationException.class,
            () ->
                PolicyCompiler.compile(
                    new PolicySource(3, Map.of("custom.drl", rule("System.exit(1);")))));
    var problem = refused.problems().get(0);
    assertEquals("custom.drl", problem.file());
    assertEquals(11, problem.line());
    assertTrue(problem.column() > 0);
    assertTrue(problem.kind().startsWith("System"), problem.toString());
  }

  @Test
  void aCompileErrorIsLocatedByFileLineAndColumn() {
    String drl =
        HEADER
            + """

        rule "Typo"
        when
            $request : DecisionRequest( nonsenseField == 3 )
        then
        end
        """;
    var failed =
        assertThrows(
            PolicyCompilationException.class,
            () -> PolicyCompiler.compile(new PolicySource(4, Map.of("typo.drl", drl))));
    var problem = failed.problems().get(0);
    assertEquals("typo.drl", problem.file());
    assertEquals(9, problem.line(), problem.toString());
    assertEquals("compile", problem.kind());
    assertTrue(problem.message().contains("nonsenseField"), problem.toString());
  }
}
