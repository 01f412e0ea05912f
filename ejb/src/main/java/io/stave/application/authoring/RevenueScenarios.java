package io.stave.application.authoring;

import io.stave.rules.domain.UsageLine;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.revenue.Earning;
import io.stave.rules.revenue.PeriodRevenue;
import io.stave.rules.revenue.RevenueRules;
import io.stave.rules.revenue.Statement;
import io.stave.rules.revenue.Statements;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Revenue scenarios ({@code "kind": "revenue"} in a {@code *.scenarios.json}): usage lines of a
 * period, with split sheets, the payees' balances from their previous statement and exchange rates
 * as needed, and the expected result in minor units per payee (earnings, and if stated payout,
 * closing balance, reserve held) and per model. A scenario runs what a period close runs — the
 * version's revenue rules, {@link PeriodRevenue} (the one allocator) and {@link Statements} — on
 * nothing but its own facts, so it tests the rules, not the ledger.
 */
final class RevenueScenarios {
  static final String KIND = "revenue";

  record Scenario(
      String file,
      String name,
      YearMonth period,
      List<UsageLine> usage,
      Map<String, Statements.Previous> balances,
      Map<Currency, Statement.Rate> rates,
      Map<String, Map<String, Long>> payees,
      Map<String, Long> models,
      String error) {}

  private RevenueScenarios() {}

  /** Runs one scenario as a period close would and compares what it expects. */
  static PolicyScenarios.Outcome run(
      Scenario scenario, CompiledPolicy policy, Consumer<String> firedRules) {
    List<String> fired = new ArrayList<>();
    Consumer<String> both =
        rule -> {
          fired.add(rule);
          firedRules.accept(rule);
        };
    RevenueRules rules = new RevenueRules(policy, both);
    PeriodRevenue.Allocation allocation;
    List<Statement> statements;
    try {
      RevenueRules.PeriodTerms terms = rules.terms(scenario.period());
      PeriodRevenue revenue = new PeriodRevenue(terms.pools());
      revenue.add(scenario.usage(), rules.evaluate(scenario.usage()));
      allocation = revenue.allocate();
      statements =
          Statements.build(
              scenario.period(),
              terms.payoutTerms(),
              allocation.earnings(),
              scenario.balances(),
              Map.of(),
              scenario.rates(),
              policy.version());
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      boolean expected = scenario.error() != null && message.contains(scenario.error());
      return new PolicyScenarios.Outcome(
          scenario.file(),
          scenario.name(),
          KIND,
          expected,
          scenario.error() == null ? describe(scenario) : "error containing " + scenario.error(),
          "error: " + message,
          List.of(),
          fired,
          expected ? List.of() : List.of("the close failed: " + message),
          expected ? null : "the close failed: " + message);
    }
    Map<String, Map<String, Long>> actualPayees = new TreeMap<>();
    for (Statement s : statements) {
      Map<String, Long> fields = new TreeMap<>();
      fields.put("earnings", s.earnings());
      fields.put("payout", s.payout());
      fields.put("closing", s.closing());
      fields.put("reserveHeld", s.reserveHeld());
      actualPayees.put(s.partyId(), fields);
    }
    Map<String, Long> actualModels = models(allocation.earnings());
    List<String> differences = new ArrayList<>();
    if (scenario.error() != null) {
      differences.add("expected the close to fail with \"" + scenario.error() + "\"; it did not");
    }
    Set<String> parties = new TreeSet<>(actualPayees.keySet());
    parties.addAll(scenario.payees().keySet());
    StringBuilder actual = new StringBuilder("payees {");
    for (String party : parties) {
      Map<String, Long> expected = scenario.payees().getOrDefault(party, Map.of("earnings", 0L));
      Map<String, Long> got = actualPayees.getOrDefault(party, zero());
      actual.append(actual.length() > 8 ? ", " : "").append(party).append('=');
      actual.append(expected.size() == 1 && expected.containsKey("earnings") ? "" : "{");
      int n = 0;
      for (var field : new TreeMap<>(expected).entrySet()) {
        long value = got.getOrDefault(field.getKey(), 0L);
        if (expected.size() > 1 || !"earnings".equals(field.getKey())) {
          actual.append(n++ > 0 ? ", " : "").append(field.getKey()).append('=');
        }
        actual.append(value);
        if (value != field.getValue()) {
          differences.add(
              "payee "
                  + party
                  + " "
                  + field.getKey()
                  + ": expected "
                  + field.getValue()
                  + ", got "
                  + value
                  + " (minor units)");
        }
      }
      actual.append(expected.size() == 1 && expected.containsKey("earnings") ? "" : "}");
    }
    actual.append('}');
    if (!scenario.models().isEmpty()) {
      Set<String> models = new TreeSet<>(actualModels.keySet());
      models.addAll(scenario.models().keySet());
      Map<String, Long> shown = new TreeMap<>();
      for (String model : models) {
        long expected = scenario.models().getOrDefault(model, 0L);
        long got = actualModels.getOrDefault(model, 0L);
        shown.put(model, got);
        if (expected != got) {
          differences.add(
              "model " + model + ": expected " + expected + ", got " + got + " (minor units)");
        }
      }
      actual.append("; models ").append(shown);
    }
    List<String> lines = new ArrayList<>();
    for (Statement s : statements) {
      lines.add(
          s.partyId()
              + ": earned "
              + s.format(s.earnings())
              + " "
              + s.currency().getCurrencyCode()
              + ", reserve held "
              + s.format(s.reserveHeld())
              + ", paid "
              + s.format(s.payout())
              + ", carried forward "
              + s.format(s.closing()));
    }
    boolean passed = differences.isEmpty();
    return new PolicyScenarios.Outcome(
        scenario.file(),
        scenario.name(),
        KIND,
        passed,
        describe(scenario),
        actual.toString(),
        lines,
        fired,
        differences,
        passed ? null : String.join("; ", differences));
  }

  /**
   * What the parties earned per model, in minor units; a model that earned in more than one
   * currency is keyed "model CUR" per currency.
   */
  static Map<String, Long> models(List<Earning> earnings) {
    Map<String, Set<Currency>> currencies = new TreeMap<>();
    earnings.forEach(
        e ->
            currencies
                .computeIfAbsent(e.model(), m -> new TreeSet<>(new CurrencyOrder()))
                .add(e.amount().currency()));
    Map<String, Long> totals = new TreeMap<>();
    for (Earning e : earnings) {
      String key =
          currencies.get(e.model()).size() == 1
              ? e.model()
              : e.model() + " " + e.amount().currency().getCurrencyCode();
      totals.merge(key, e.amount().minorUnits(), Long::sum);
    }
    return totals;
  }

  private static final class CurrencyOrder implements java.util.Comparator<Currency> {
    @Override
    public int compare(Currency a, Currency b) {
      return a.getCurrencyCode().compareTo(b.getCurrencyCode());
    }
  }

  private static Map<String, Long> zero() {
    return Map.of("earnings", 0L, "payout", 0L, "closing", 0L, "reserveHeld", 0L);
  }

  private static String describe(Scenario scenario) {
    Map<String, Object> payees = new TreeMap<>();
    scenario
        .payees()
        .forEach(
            (party, fields) ->
                payees.put(
                    party,
                    fields.size() == 1 && fields.containsKey("earnings")
                        ? fields.get("earnings")
                        : fields));
    return "payees "
        + payees
        + (scenario.models().isEmpty() ? "" : "; models " + scenario.models());
  }
}
