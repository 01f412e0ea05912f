package io.stave.rules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Keeps the decision path flat as authors add rules. A rule whose first pattern is a {@code
 * DecisionRequest} with a literal constraint ({@code useType == UseType.AI_TRAINING}, {@code
 * territoryCode == "SE"}, {@code isrcCode == "USRC17607839"}, {@code feature == "ai-dj"}) is
 * skipped through a hashed lookup for every request it cannot match; any other rule is evaluated
 * for every request, so its cost grows with the rule count. The compiler reports those rules as
 * warnings; they are allowed, but few should exist. Results are asserted ({@code insert(new
 * Denial(...))}), never reached through a joined pattern, so a discriminated rule stays a single
 * hashed lookup.
 */
public final class RuleLint {
  /** A field compared with a literal: an enum constant, a quoted string, a number or a boolean. */
  private static final Pattern LITERAL_EQUALITY =
      Pattern.compile(
          "[\\w.]+\\s*==\\s*(UseType\\.[A-Z_]+|\"[^\"]*\"|-?\\d+(\\.\\d+)?|true|false)");

  /** An authoring warning about one rule. */
  public record Warning(String file, int line, String rule, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": rule \"" + rule + "\": " + message;
    }
  }

  private RuleLint() {}

  public static List<Warning> check(PolicySource source) {
    List<Warning> warnings = new ArrayList<>();
    for (Map.Entry<String, String> file : source.files().entrySet()) {
      if (!file.getKey().endsWith(".drl")) {
        continue; // decision tables generate rules whose first condition is the table's own.
      }
      PackageDescr pkg;
      try {
        DrlParser parser = new DrlParser();
        pkg = parser.parse(false, file.getValue());
        if (parser.hasErrors() || pkg == null) {
          continue; // the compiler reports syntax errors with their lines.
        }
      } catch (DroolsParserException e) {
        continue;
      }
      for (RuleDescr rule : pkg.getRules()) {
        if (!startsWithDiscriminatingRequest(rule) && !isRevenueRule(rule)) {
          warnings.add(
              new Warning(
                  file.getKey(),
                  rule.getLine(),
                  rule.getName(),
                  "is evaluated for every request; start it with DecisionRequest( useType =="
                      + " UseType.X ) or another literal so it is skipped for requests it cannot"
                      + " match"));
        }
      }
    }
    return warnings;
  }

  /**
   * Revenue rules start with a usage line or the period being closed: facts a decision never holds,
   * so a decision never evaluates them.
   */
  private static boolean isRevenueRule(RuleDescr rule) {
    List<? extends BaseDescr> conditions = rule.getLhs().getDescrs();
    return !conditions.isEmpty()
        && conditions.get(0) instanceof PatternDescr first
        && (first.getObjectType().endsWith("UsageLine")
            || first.getObjectType().endsWith("RevenuePeriod"));
  }

  private static boolean startsWithDiscriminatingRequest(RuleDescr rule) {
    List<? extends BaseDescr> conditions = rule.getLhs().getDescrs();
    if (conditions.isEmpty() || !(conditions.get(0) instanceof PatternDescr first)) {
      return false;
    }
    if (!first.getObjectType().endsWith("DecisionRequest")) {
      return false;
    }
    for (BaseDescr constraint : first.getDescrs()) {
      String text =
          constraint instanceof ExprConstraintDescr expression
              ? expression.getExpression()
              : constraint.toString();
      if (LITERAL_EQUALITY.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }
}
