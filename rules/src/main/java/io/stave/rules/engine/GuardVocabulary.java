package io.stave.rules.engine;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@link PolicyGuard} lets rule sources name: the fact model's package, the value and
 * collection classes a rule may import, the static calls and constructions of value helpers, and
 * the patterns of constructs it refuses (I/O, processes, threads, reflection, engine internals),
 * each with the sentence a refusal shows.
 */
final class GuardVocabulary {
  private GuardVocabulary() {}

  static final String DOMAIN = "io.stave.rules.domain.";

  /**
   * Classes outside the fact model a rule may name: values and collections, nothing with effects.
   */
  static final Set<String> ALLOWED_IMPORTS =
      Set.of(
          "java.util.Map",
          "java.util.List",
          "java.util.Set",
          "java.util.Collection",
          "java.util.Optional",
          "java.util.Objects",
          "java.time.Instant",
          "java.time.Duration",
          "java.time.LocalDate",
          "java.time.ZoneOffset",
          "java.math.BigDecimal");

  /**
   * Static methods a rule may call, besides the fact model's own: pure value helpers. Not, e.g.,
   * {@code Integer.getInteger} (reads a system property) or {@code Instant.now} (a rule decides for
   * the request's time, not the server's).
   */
  static final Map<String, Set<String>> STATIC_CALLS_ALLOWED =
      Map.ofEntries(
          Map.entry("Map", Set.of("of", "entry", "copyOf")),
          Map.entry("List", Set.of("of", "copyOf")),
          Map.entry("Set", Set.of("of", "copyOf")),
          Map.entry("Optional", Set.of("of", "ofNullable", "empty")),
          Map.entry(
              "Objects",
              Set.of("equals", "hash", "isNull", "nonNull", "toString", "requireNonNullElse")),
          Map.entry(
              "Math",
              Set.of("min", "max", "abs", "floor", "ceil", "round", "floorDiv", "floorMod")),
          Map.entry("String", Set.of("valueOf", "format", "join")),
          Map.entry("Integer", Set.of("parseInt", "valueOf", "toString", "min", "max", "compare")),
          Map.entry("Long", Set.of("parseLong", "valueOf", "toString", "min", "max", "compare")),
          Map.entry("Boolean", Set.of("parseBoolean", "valueOf", "toString")),
          Map.entry("Instant", Set.of("parse", "ofEpochSecond", "ofEpochMilli")),
          Map.entry(
              "Duration",
              Set.of(
                  "parse", "ofDays", "ofHours", "ofMinutes", "ofSeconds", "ofMillis", "between")),
          Map.entry("LocalDate", Set.of("of", "parse")),
          Map.entry("BigDecimal", Set.of("valueOf")));

  /** Types a rule may construct, besides the fact model's own. */
  static final Set<String> CONSTRUCTIONS_ALLOWED =
      Set.of(
          "HashMap",
          "LinkedHashMap",
          "TreeMap",
          "ArrayList",
          "HashSet",
          "LinkedHashSet",
          "TreeSet",
          "StringBuilder",
          "BigDecimal",
          "String",
          // a rule that throws is denied with RULE_ERROR; throwing reaches nothing outside
          "IllegalStateException",
          "IllegalArgumentException",
          "ArithmeticException",
          "UnsupportedOperationException");

  /** Names that are refused wherever they appear, with the kind of construct each is. */
  static final Map<Pattern, String> FORBIDDEN = forbidden();

  private static Map<Pattern, String> forbidden() {
    Map<Pattern, String> names = new java.util.LinkedHashMap<>();
    names.put(
        word("java\\s*\\.\\s*(io|nio|net)"),
        "file or network access (java.io, java.nio, java.net)");
    names.put(
        word(
            "(File|Files|Paths|Path|FileInputStream|FileOutputStream|FileReader|FileWriter|RandomAccessFile)"),
        "file access");
    names.put(
        word(
            "(Socket|ServerSocket|URL|URI|URLConnection|HttpURLConnection|HttpClient|DatagramSocket|InetAddress)"),
        "network access");
    names.put(word("System"), "System (properties, environment, exit, streams)");
    names.put(word("Runtime"), "Runtime (processes, exit, memory)");
    names.put(word("(ProcessBuilder|Process|ProcessHandle)"), "processes");
    names.put(
        word(
            "(Thread|ThreadGroup|Runnable|Callable|Executor|Executors|ExecutorService|CompletableFuture"
                + "|ForkJoinPool|Timer|TimerTask)"),
        "threads");
    names.put(
        word(
            "(reflect|Class|ClassLoader|getClass|forName|getDeclaredMethod|getDeclaredField|getMethod"
                + "|getField|setAccessible|invoke|MethodHandles|MethodHandle|Unsafe|Proxy)"),
        "reflection");
    // Instance methods that give a Class, a class loader or a reflective object without naming
    // one: UseType.X.getDeclaringClass().getClassLoader().loadClass("…").getConstructors()[0]
    // .newInstance(…) reached any class of the server.
    names.put(
        word(
            "(getDeclaringClass|getClassLoader|getContextClassLoader|loadClass|findClass|defineClass"
                + "|getConstructors?|getDeclaredConstructors?|newInstance|getMethods|getDeclaredMethods"
                + "|getFields|getDeclaredFields|getClasses|getDeclaredClasses|getModule|getSuperclass"
                + "|getGenericSuperclass|getInterfaces|getGenericInterfaces|getEnclosingClass"
                + "|getEnclosingMethod|getEnclosingConstructor|getNestHost|getNestMembers"
                + "|getPermittedSubclasses|getRecordComponents|getComponentType|componentType|arrayType"
                + "|getEnumConstants|getResource|getResourceAsStream|getProtectionDomain"
                + "|describeConstable|resolveConstantDesc|privateLookupIn|lookup)"),
        "reflection");
    names.put(Pattern.compile("\\.\\s*class\\b"), "reflection");
    names.put(word("eval"), "eval");
    names.put(word("(global|kcontext)"), "engine access");
    // drools only as drools.getRule(): passed along (List.of(drools).get(0)) it reached the session
    names.put(Pattern.compile("\\bdrools\\b(?!\\s*\\.\\s*getRule\\s*\\()"), "engine access");
    names.put(
        word(
            "(ScriptEngine|ScriptEngineManager|InitialContext|ObjectInputStream|ObjectOutputStream)"),
        "server internals");
    names.put(word("(synchronized|wait|notify|notifyAll)"), "threads");
    // The deadline and the fire limit act between rule firings: a loop inside a consequence or a
    // function that never ends held a request thread and a core until the server restarted.
    names.put(
        Pattern.compile("\\b(while|for)\\s*\\(|\\bdo\\s*\\{"),
        "loops (nothing can stop one that never ends)");
    return names;
  }

  static final Pattern IMPORT =
      Pattern.compile(
          "(?m)^\\s*import\\s+(static\\s+|function\\s+|accumulate\\s+)?([\\w.]+(\\.\\*)?)\\s*;?");
  static final Pattern QUALIFIED =
      Pattern.compile("\\b([a-z][a-z0-9_]*(\\s*\\.\\s*[a-z][a-z0-9_]*)+)\\s*\\.\\s*([A-Z]\\w*)");
  static final Pattern STATIC_CALL =
      Pattern.compile("(?<![\\w.$])([A-Z]\\w*)\\s*\\.\\s*([a-z]\\w*)\\s*\\(");

  /**
   * A static call through a qualified name, {@code java.time.Instant.now()}: the type and the
   * method.
   */
  static final Pattern QUALIFIED_CALL =
      Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\s*\\.\\s*)+([A-Z]\\w*)\\s*\\.\\s*([a-z]\\w*)\\s*\\(");

  static final Pattern CONSTRUCTION = Pattern.compile("\\bnew\\s+([A-Za-z_][\\w.]*)");

  private static Pattern word(String alternatives) {
    return Pattern.compile("\\b" + alternatives + "\\b");
  }
}
