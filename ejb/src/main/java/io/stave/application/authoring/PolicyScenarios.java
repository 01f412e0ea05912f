package io.stave.application.authoring;

import io.stave.routes.text.HardenedJson;
import io.stave.routes.text.MalformedTextException;
import io.stave.rules.domain.Consent;
import io.stave.rules.domain.ConsentChoice;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Obligation;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.Reason;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.EvaluationLimits;
import io.stave.rules.engine.InMemoryFactStore;
import io.stave.rules.engine.PolicySource;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A version's test scenarios ({@code *.scenarios.json}): given facts and a request, the expected
 * decision, reason codes and obligation types. {@link #run} evaluates each against a compiled
 * version on an in-memory catalogue of its own and reports pass or fail, the rules that fired, and
 * which of the version's rules no scenario fired (coverage). Reasons and obligations are compared
 * as sets: a scenario states every code it expects and no other may appear. A scenario with {@code
 * "kind": "revenue"} is a period of usage instead ({@link RevenueScenarios}); both kinds run in one
 * report and count toward one coverage.
 */
public final class PolicyScenarios {
  /** Generous limits: a scenario tests the rules, not the machine's speed. */
  private static final EvaluationLimits LIMITS =
      new EvaluationLimits(10_000, Duration.ofSeconds(5));

  public record Scenario(
      String file,
      String name,
      InMemoryFactStore facts,
      DecisionRequest request,
      String expectedDecision,
      Set<String> expectedReasons,
      Set<String> expectedObligations) {}

  /**
   * One scenario's result. {@code kind} is {@code decision} or {@code revenue}; {@code reasons} are
   * the decision's reasons, or for a revenue scenario each payee's statement in a sentence; {@code
   * differences} says each thing that came out other than expected.
   */
  public record Outcome(
      String file,
      String name,
      String kind,
      boolean passed,
      String expected,
      String actual,
      List<String> reasons,
      List<String> firedRules,
      List<String> differences,
      String problem) {}

  /** Every scenario of a version: decision scenarios and revenue scenarios. */
  record Suite(List<Scenario> decisions, List<RevenueScenarios.Scenario> revenue) {
    int size() {
      return decisions.size() + revenue.size();
    }
  }

  public record Report(
      int passed,
      int failed,
      List<Outcome> scenarios,
      int rulesFired,
      int rules,
      SortedSet<String> rulesNeverFired) {
    public double coverage() {
      return rules == 0 ? 0 : (double) rulesFired / rules;
    }
  }

  private PolicyScenarios() {}

  /**
   * Every decision scenario of every scenarios file, or an {@link InvalidValueException} naming the
   * bad one (file and field); revenue scenarios are read and checked too.
   */
  public static List<Scenario> read(PolicySource source) {
    return suite(source).decisions();
  }

  static Suite suite(PolicySource source) {
    List<Scenario> scenarios = new ArrayList<>();
    List<RevenueScenarios.Scenario> revenue = new ArrayList<>();
    for (Map.Entry<String, String> file : source.files().entrySet()) {
      if (file.getKey().endsWith(".scenarios.json")) {
        read(file.getKey(), file.getValue(), scenarios, revenue);
      }
    }
    return new Suite(scenarios, revenue);
  }

  static List<Scenario> read(String file, String json) {
    List<Scenario> scenarios = new ArrayList<>();
    read(file, json, scenarios, new ArrayList<>());
    return scenarios;
  }

  private static void read(
      String file, String json, List<Scenario> scenarios, List<RevenueScenarios.Scenario> revenue) {
    JsonObject document;
    try {
      // The hardened reader refuses a key given twice (naming its path): a scenario whose
      // "decision" says PERMIT and then DENY must not pass because one of them is silently dropped.
      document = (JsonObject) HardenedJson.read(json);
    } catch (MalformedTextException e) {
      throw new InvalidValueException(file + " " + e.where(), e.what());
    } catch (ClassCastException e) {
      throw new InvalidValueException(file, "is not a JSON object with \"scenarios\"");
    }
    JsonArray list;
    try {
      list = document.getJsonArray("scenarios");
    } catch (ClassCastException e) {
      throw new InvalidValueException(file + " scenarios", "must be an array");
    }
    if (list == null) {
      throw new InvalidValueException(file, "has no \"scenarios\" array");
    }
    for (int i = 0; i < list.size(); i++) {
      String where = file + " scenarios[" + i + "]";
      try {
        if (!(list.get(i) instanceof JsonObject object)) {
          throw new InvalidValueException("", "must be a JSON object");
        }
        String kind = object.getString("kind", "decision");
        if (RevenueScenarios.KIND.equals(kind)) {
          revenue.add(RevenueScenarioReader.read(file, name(object), object));
        } else if ("decision".equals(kind)) {
          scenarios.add(scenario(file, object));
        } else {
          throw new InvalidValueException(
              "kind", "'" + kind + "' is not a scenario kind (decision or revenue)");
        }
      } catch (InvalidValueException e) {
        throw new InvalidValueException(
            e.field().isEmpty() ? where : where + "." + e.field(), e.problem());
      } catch (RuntimeException e) {
        throw new InvalidValueException(where, "cannot be read: " + e.getMessage());
      }
    }
  }

  private static String name(JsonObject json) {
    String name = json.getString("name", null);
    if (name == null || name.isBlank()) {
      throw new InvalidValueException("name", "is required");
    }
    return name;
  }

  private static Scenario scenario(String file, JsonObject json) {
    String name = name(json);
    JsonObject given =
        json.getJsonObject("given") == null
            ? JsonValue.EMPTY_JSON_OBJECT
            : json.getJsonObject("given");
    InMemoryFactStore facts = new InMemoryFactStore();
    for (JsonObject r : objects(given, "recordings")) {
      facts.add(
          new Recording(
              Isrc.of(r.getString("isrc")),
              r.getString("title", null),
              r.getString("displayArtist", "Unknown artist"),
              strings(r, "mainArtists"),
              r.getString("label", null),
              r.getString("rightsController", null),
              r.getString("pLine", null)));
    }
    for (JsonObject d : objects(given, "deals")) {
      Set<Isrc> recordings = new LinkedHashSet<>();
      strings(d, "recordings").forEach(isrc -> recordings.add(Isrc.of(isrc)));
      Set<UseType> ai = EnumSet.noneOf(UseType.class);
      strings(d, "aiUseTypes").forEach(use -> ai.add(UseType.parse("useType", use)));
      facts.add(
          new Deal(
              d.getString("dealId"),
              d.getString("licensor", null),
              recordings,
              territories(strings(d, "territories")),
              territories(strings(d, "excludedTerritories")),
              instant(d, "validFrom"),
              d.containsKey("validUntil") ? instant(d, "validUntil") : null,
              ai,
              new LinkedHashSet<>(strings(d, "ddexUseTypes")),
              d.getString("commercialModel", null),
              d.containsKey("maxExcerptSeconds") ? d.getInt("maxExcerptSeconds") : null));
    }
    int consentNumber = 0;
    for (JsonObject c : objects(given, "consents")) {
      Instant from = instant(c, "effectiveFrom");
      facts.add(
          new Consent(
              "scenario-consent-" + ++consentNumber,
              c.getString("artist"),
              UseType.parse("useType", c.getString("useType")),
              ConsentChoice.valueOf(c.getString("choice")),
              from,
              c.getString("source", "scenario"),
              from));
    }
    for (JsonObject sheet : objects(given, "splitSheets")) {
      List<Share> shares = new ArrayList<>();
      for (JsonObject share : objects(sheet, "shares")) {
        shares.add(
            new Share(
                share.getString("party"),
                share.getString("role"),
                Percent.of(share.getString("percent"))));
      }
      String use = sheet.getString("useType", null);
      Isrc isrc = Isrc.of(sheet.getString("isrc"));
      facts.add(
          new SplitSheet(
              "scenario-split:" + isrc.code() + ":" + (use == null ? "*" : use),
              isrc,
              use == null ? null : UseType.parse("useType", use),
              shares));
    }
    JsonObject request = json.getJsonObject("request");
    if (request == null) {
      throw new InvalidValueException("request", "is required");
    }
    DecisionRequest decisionRequest =
        new DecisionRequest(
            null,
            request.getString("feature", null),
            UseType.parse("useType", request.getString("useType")),
            Isrc.of(request.getString("isrc")),
            Territory.listenerCountry(request.getString("territory")),
            instant(request, "at"),
            Map.of());
    JsonObject expect = json.getJsonObject("expect");
    if (expect == null || !expect.containsKey("decision")) {
      throw new InvalidValueException("expect.decision", "is required (PERMIT or DENY)");
    }
    return new Scenario(
        file,
        name,
        facts,
        decisionRequest,
        expect.getString("decision"),
        new TreeSet<>(strings(expect, "reasons")),
        new TreeSet<>(strings(expect, "obligations")));
  }

  /** Runs every scenario of the version against the compiled version. */
  public static Report run(PolicySource source, CompiledPolicy policy) {
    Suite suite = suite(source);
    List<Scenario> scenarios = suite.decisions();
    Set<String> fired = new TreeSet<>();
    List<Outcome> outcomes = new ArrayList<>();
    int passed = 0;
    for (Scenario scenario : scenarios) {
      List<String> rules = new ArrayList<>();
      Decision decision =
          policy.evaluateTraced(scenario.request(), scenario.facts(), LIMITS, rules::add);
      fired.addAll(rules);
      Set<String> reasons = new TreeSet<>();
      decision.reasons().stream().map(Reason::code).forEach(code -> reasons.add(code.name()));
      Set<String> obligations = new TreeSet<>();
      decision.obligations().stream()
          .map(Obligation::type)
          .forEach(type -> obligations.add(type.name()));
      String expected =
          scenario.expectedDecision()
              + " "
              + scenario.expectedReasons()
              + (scenario.expectedObligations().isEmpty()
                  ? ""
                  : " " + scenario.expectedObligations());
      String actual =
          decision.verdict().name()
              + " "
              + reasons
              + (scenario.expectedObligations().isEmpty() ? "" : " " + obligations);
      boolean ok =
          decision.verdict().name().equals(scenario.expectedDecision())
              && (scenario.expectedReasons().isEmpty()
                  || reasons.equals(scenario.expectedReasons()))
              && (scenario.expectedObligations().isEmpty()
                  || obligations.equals(scenario.expectedObligations()));
      passed += ok ? 1 : 0;
      outcomes.add(
          new Outcome(
              scenario.file(),
              scenario.name(),
              "decision",
              ok,
              expected,
              actual,
              decision.reasons().stream().map(r -> r.code() + ": " + r.message()).toList(),
              rules,
              ok ? List.of() : List.of("expected " + expected + ", got " + actual),
              ok ? null : "expected " + expected + ", got " + actual));
    }
    for (RevenueScenarios.Scenario scenario : suite.revenue()) {
      Outcome outcome = RevenueScenarios.run(scenario, policy, fired::add);
      passed += outcome.passed() ? 1 : 0;
      outcomes.add(outcome);
    }
    SortedSet<String> all = policy.ruleNames();
    SortedSet<String> never = new TreeSet<>(all);
    never.removeAll(fired);
    int firedOfVersion = (int) all.stream().filter(fired::contains).count();
    return new Report(passed, suite.size() - passed, outcomes, firedOfVersion, all.size(), never);
  }

  private static List<JsonObject> objects(JsonObject json, String key) {
    JsonArray array = json.getJsonArray(key);
    if (array == null) {
      return List.of();
    }
    List<JsonObject> objects = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      objects.add(array.getJsonObject(i));
    }
    return objects;
  }

  private static List<String> strings(JsonObject json, String key) {
    JsonArray array = json.getJsonArray(key);
    return array == null
        ? List.of()
        : array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }

  private static Set<Territory> territories(List<String> codes) {
    Set<Territory> territories = new LinkedHashSet<>();
    codes.forEach(code -> territories.add(Territory.of(code)));
    return territories;
  }

  private static Instant instant(JsonObject json, String key) {
    String value = json.getString(key, null);
    if (value == null) {
      throw new InvalidValueException(
          key, "is required (an ISO-8601 instant such as 2026-11-24T10:00:00Z)");
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(key, "'" + value + "' is not an ISO-8601 instant");
    }
  }
}
