package io.stave.rules.engine;

import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.UseType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.Constraint;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.mvel.MVELConstraint;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

/**
 * One rule base per AI use type. A decision session holds exactly one {@link DecisionRequest}, so a
 * rule whose top-level positive {@code DecisionRequest} pattern compares {@code useType} with
 * literals ({@code useType == UseType.AI_TRAINING}, or {@code useType in (UseType.A, UseType.B)})
 * can only fire for those use types; it lives only in their bases. Every other rule is in every
 * base. A new session allocates memory for every node of its base, so a base with a sixth of the
 * use-type rules is cheaper to open (BENCHMARKS.md, "In process").
 *
 * <p>Nothing is left out on a guess: a constraint that is not recognisably a use-type literal keeps
 * the rule everywhere, and a policy whose rules could insert a request of their own is not
 * partitioned at all.
 */
final class UseTypePartitions {
  /** {@code useType == UseType.X}, or the parser's expansion of {@code in (…)}: X || Y || … */
  private static final Pattern ONE_LITERAL =
      Pattern.compile("\\s*\\(?\\s*useType\\s*==\\s*(?:UseType\\.)?([A-Z_]+)\\s*\\)?\\s*");

  private static final Pattern NEW_REQUEST =
      Pattern.compile(
          "new\\s+(io\\s*\\.\\s*stave\\s*\\.\\s*rules\\s*\\.\\s*domain\\s*\\.\\s*)?"
              + "DecisionRequest\\b");

  /** The base per use type and how many rules each holds; both empty when not partitioned. */
  record Bases(Map<UseType, KieBase> bases, Map<UseType, Integer> ruleCounts) {}

  private UseTypePartitions() {}

  /** Whether the sources could put a second request into a session (then no partitioning). */
  static boolean sourcesCreateRequests(Collection<String> ruleFiles) {
    return ruleFiles.stream().anyMatch(text -> NEW_REQUEST.matcher(text).find());
  }

  /**
   * The use types a rule can fire for, or every use type when the rule does not restrict itself to
   * some by literal.
   */
  static Set<UseType> useTypesOf(Rule rule) {
    Set<UseType> uses = EnumSet.allOf(UseType.class);
    if (!(rule instanceof RuleImpl impl)) {
      return uses;
    }
    GroupElement lhs = impl.getLhs();
    if (lhs == null || !lhs.isAnd()) {
      return uses;
    }
    for (RuleConditionElement element : lhs.getChildren()) {
      if (element instanceof org.drools.base.rule.Pattern pattern
          && pattern.getSource() == null
          && pattern.getObjectType() instanceof ClassObjectType type
          && type.getClassType() == DecisionRequest.class) {
        for (Constraint constraint : pattern.getConstraints()) {
          Set<UseType> named = literals(constraint);
          if (named != null) {
            uses.retainAll(named);
          }
        }
      }
    }
    return uses;
  }

  /** The use types a constraint limits to, or null if it is not a use-type literal test. */
  static Set<UseType> literals(Constraint constraint) {
    if (!(constraint instanceof MVELConstraint mvel) || mvel.getExpression() == null) {
      return null;
    }
    Set<UseType> named = EnumSet.noneOf(UseType.class);
    for (String alternative : mvel.getExpression().split("\\|\\|", -1)) {
      Matcher literal = ONE_LITERAL.matcher(alternative);
      if (!literal.matches()) {
        return null;
      }
      try {
        named.add(UseType.valueOf(literal.group(1)));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return named;
  }

  /**
   * A base per use type built beside {@code full} from the same compiled packages, without the
   * rules that cannot fire for it; empty when no rule names a use type (then {@code full} serves
   * every request).
   */
  static Bases build(KieContainer container, KieBase full) {
    Map<String, Set<UseType>> usesByRule = new java.util.HashMap<>();
    boolean anyRestricted = false;
    int total = 0;
    for (KiePackage pkg : full.getKiePackages()) {
      for (Rule rule : pkg.getRules()) {
        total++;
        Set<UseType> uses = useTypesOf(rule);
        usesByRule.put(key(rule), uses);
        anyRestricted |= uses.size() < UseType.values().length;
      }
    }
    Map<UseType, KieBase> partitions = new EnumMap<>(UseType.class);
    Map<UseType, Integer> counts = new EnumMap<>(UseType.class);
    if (!anyRestricted) {
      return new Bases(partitions, counts);
    }
    for (UseType use : UseType.values()) {
      KieBase base = container.newKieBase(null);
      List<RuleImpl> leftOut = new ArrayList<>();
      for (KiePackage pkg : base.getKiePackages()) {
        for (Rule rule : pkg.getRules()) {
          Set<UseType> uses = usesByRule.get(key(rule));
          if (uses != null && !uses.contains(use)) {
            leftOut.add((RuleImpl) rule);
          }
        }
      }
      if (!leftOut.isEmpty()) {
        ((InternalKnowledgeBase) base).removeRules(leftOut);
      }
      partitions.put(use, base);
      counts.put(use, total - leftOut.size());
    }
    return new Bases(partitions, counts);
  }

  private static String key(Rule rule) {
    return rule.getPackageName() + '\u0000' + rule.getName();
  }
}
