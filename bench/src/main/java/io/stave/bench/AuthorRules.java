package io.stave.bench;

import io.stave.rules.domain.UseType;
import io.stave.rules.engine.PolicySource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Rules of the shape policy authors add to the baseline (a label withholding a use of one
 * recording, a recording closed for AI use in one country, a feature barred from a use), written as
 * the authoring guidance says: the first pattern is a {@code DecisionRequest} with literal
 * constraints. Each rule renders as DRL for Stave; the Cedar peer keeps them as entity attributes.
 */
public final class AuthorRules {
  /** One authored denial; unused fields are null. */
  public record AuthoredRule(int number, String isrc, UseType use, String country, String feature) {
    String sentence() {
      if (feature != null) {
        return "Feature " + feature + " may not make " + use + " use";
      }
      if (country != null) {
        return "Recording " + isrc + " is not for AI use in " + country;
      }
      return "Label withholds " + use + " of " + isrc;
    }

    String drl() {
      String constraint =
          feature != null
              ? "feature == \"" + feature + "\", useType == UseType." + use
              : country != null
                  ? "isrcCode == \"" + isrc + "\", territoryCode == \"" + country + "\""
                  : "isrcCode == \"" + isrc + "\", useType == UseType." + use;
      return "rule \"Authored "
          + number
          + ": "
          + sentence()
          + "\"\n"
          + "when\n"
          + "    $request : DecisionRequest( "
          + constraint
          + " )\n"
          + "then\n"
          + "    insert( new Denial( ReasonCode.POLICY_DENIED, drools.getRule().getName(), \""
          + sentence()
          + ".\" ) );\n"
          + "end\n\n";
    }
  }

  /**
   * The rules the shipped baseline has (DRL and decision table), which the authored ones add to.
   */
  static final int BASELINE_RULES = baselineRules();

  private AuthorRules() {}

  private static int baselineRules() {
    try (var baseline = io.stave.rules.engine.PolicyCompiler.compile(PolicySource.baseline(1))) {
      return baseline.ruleCount();
    } catch (io.stave.rules.engine.PolicyCompilationException e) {
      throw new IllegalStateException("the shipped baseline does not compile", e);
    }
  }

  /** Enough authored rules that, with the baseline's, the policy has {@code totalRules}. */
  public static List<AuthoredRule> generate(
      int totalRules, SyntheticCatalogue catalogue, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<AuthoredRule> rules = new ArrayList<>();
    for (int i = 0; i < Math.max(0, totalRules - BASELINE_RULES); i++) {
      UseType use = UseType.values()[random.nextInt(UseType.values().length)];
      String isrc = SyntheticCatalogue.isrc(random.nextInt(catalogue.recordings.size())).code();
      rules.add(
          switch (i % 3) {
            case 0 -> new AuthoredRule(i, isrc, use, null, null);
            case 1 ->
                new AuthoredRule(
                    i,
                    isrc,
                    null,
                    SyntheticCatalogue.COUNTRIES.get(
                        random.nextInt(SyntheticCatalogue.COUNTRIES.size())),
                    null);
            default -> new AuthoredRule(i, null, use, null, "feature-" + random.nextInt(500));
          });
    }
    return rules;
  }

  /** The baseline policy plus the authored rules in one more DRL file. */
  public static PolicySource policy(List<AuthoredRule> rules) {
    Map<String, String> files = new LinkedHashMap<>(PolicySource.baseline(1).files());
    StringBuilder drl =
        new StringBuilder(
            """
        package io.stave.policy.authored;

        import io.stave.rules.domain.DecisionRequest;
        import io.stave.rules.domain.Denial;
        import io.stave.rules.domain.ReasonCode;
        import io.stave.rules.domain.UseType;

        """);
    rules.forEach(rule -> drl.append(rule.drl()));
    files.put("authored.drl", drl.toString());
    return new PolicySource(1, files);
  }
}
