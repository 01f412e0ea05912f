package io.stave.rules.engine;

import io.stave.rules.domain.Consent;
import io.stave.rules.domain.ConsentChoice;
import io.stave.rules.domain.ConsentHistory;
import io.stave.rules.domain.ConsentModel;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.DefaultSplit;
import io.stave.rules.domain.Denial;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Licence;
import io.stave.rules.domain.MainArtistConsent;
import io.stave.rules.domain.Money;
import io.stave.rules.domain.Obligation;
import io.stave.rules.domain.ObligationType;
import io.stave.rules.domain.Payee;
import io.stave.rules.domain.PayoutTerms;
import io.stave.rules.domain.Percent;
import io.stave.rules.domain.PoolContribution;
import io.stave.rules.domain.PoolShare;
import io.stave.rules.domain.RateCharge;
import io.stave.rules.domain.Reason;
import io.stave.rules.domain.ReasonCode;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.RevenuePeriod;
import io.stave.rules.domain.RevenuePool;
import io.stave.rules.domain.Share;
import io.stave.rules.domain.SplitFallback;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UsageLine;
import io.stave.rules.domain.UsageUnit;
import io.stave.rules.domain.UseType;
import io.stave.rules.domain.UseTypePolicy;
import io.stave.rules.domain.Verdict;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What a rule may speak of: the types of {@code io.stave.rules.domain} (the only classes the {@link
 * PolicyGuard} lets a policy import), with the properties a pattern can constrain, the methods it
 * can call and, for enums, their constants. Editors complete fact types and fields from it.
 */
public final class FactModel {
  /** Every type of the domain package a policy may use; FactModelTest checks none is missing. */
  static final List<Class<?>> TYPES =
      List.of(
          DecisionRequest.class,
          Recording.class,
          Deal.class,
          Consent.class,
          ConsentHistory.class,
          MainArtistConsent.class,
          SplitSheet.class,
          Share.class,
          Licence.class,
          Denial.class,
          Obligation.class,
          UseTypePolicy.class,
          DefaultSplit.class,
          Reason.class,
          Payee.class,
          Isrc.class,
          Territory.class,
          Percent.class,
          Money.class,
          UsageLine.class,
          RateCharge.class,
          RevenuePool.class,
          PoolContribution.class,
          PoolShare.class,
          PayoutTerms.class,
          RevenuePeriod.class,
          UsageUnit.class,
          UseType.class,
          ConsentChoice.class,
          ConsentModel.class,
          ObligationType.class,
          ReasonCode.class,
          SplitFallback.class,
          Verdict.class);

  private static final Set<String> OBJECT_METHODS =
      Set.of("equals", "hashCode", "toString", "getClass", "compareTo", "valueOf", "values");

  /** A property of a fact: {@code useType} of type {@code UseType}. */
  public record Property(String name, String type) {}

  /** A method a constraint can call: {@code coversTerritory(Territory)} returning boolean. */
  public record Operation(String name, List<String> parameters, String returns) {}

  /** A type of the fact model. {@code kind} is {@code enum}, {@code record} or {@code class}. */
  public record FactType(
      String name,
      String qualifiedName,
      String kind,
      List<Property> properties,
      List<Operation> methods,
      List<String> constants) {}

  private FactModel() {}

  /** The fact model, types in a stable order (facts first, then values, then enums). */
  public static List<FactType> types() {
    return TYPES.stream().map(FactModel::describe).toList();
  }

  static FactType describe(Class<?> type) {
    List<Property> properties = new ArrayList<>();
    List<Operation> methods = new ArrayList<>();
    List<String> constants = new ArrayList<>();
    String kind;
    if (type.isEnum()) {
      kind = "enum";
      Arrays.stream(type.getEnumConstants()).forEach(c -> constants.add(((Enum<?>) c).name()));
    } else if (type.isRecord()) {
      kind = "record";
      for (RecordComponent component : type.getRecordComponents()) {
        properties.add(new Property(component.getName(), typeName(component.getGenericType())));
      }
    } else {
      kind = "class";
    }
    Method[] declared = type.getMethods();
    Arrays.sort(declared, Comparator.comparing(Method::getName));
    for (Method method : declared) {
      if (Modifier.isStatic(method.getModifiers())
          || method.getDeclaringClass() == Object.class
          || method.getDeclaringClass() == Enum.class
          || method.getDeclaringClass() == Record.class
          || OBJECT_METHODS.contains(method.getName())
          || method.isSynthetic()) {
        continue;
      }
      String property = propertyName(method);
      if (property != null) {
        if (properties.stream().noneMatch(p -> p.name().equals(property))) {
          properties.add(new Property(property, typeName(method.getGenericReturnType())));
        }
      } else if (!(type.isRecord() && method.getParameterCount() == 0 && isComponent(type, method))
          && !(type.isEnum() && method.getName().equals("name"))
          && !(type.isEnum() && method.getName().equals("ordinal"))
          && !method.getName().equals("getDeclaringClass")
          && !method.getName().equals("describeConstable")) {
        methods.add(
            new Operation(
                method.getName(),
                Arrays.stream(method.getGenericParameterTypes()).map(FactModel::typeName).toList(),
                typeName(method.getGenericReturnType())));
      }
    }
    return new FactType(
        type.getSimpleName(),
        type.getName(),
        kind,
        List.copyOf(properties),
        List.copyOf(methods),
        List.copyOf(constants));
  }

  private static boolean isComponent(Class<?> type, Method method) {
    return Arrays.stream(type.getRecordComponents())
        .anyMatch(c -> c.getName().equals(method.getName()));
  }

  /** {@code getUseType()} → useType, {@code isStreaming()} → streaming; else null. */
  private static String propertyName(Method method) {
    if (method.getParameterCount() != 0 || method.getReturnType() == void.class) {
      return null;
    }
    String name = method.getName();
    String rest;
    if (name.startsWith("get") && name.length() > 3) {
      rest = name.substring(3);
    } else if (name.startsWith("is")
        && name.length() > 2
        && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
      rest = name.substring(2);
    } else {
      return null;
    }
    if (!Character.isUpperCase(rest.charAt(0))) {
      return null;
    }
    return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
  }

  private static String typeName(Type type) {
    if (type instanceof Class<?> c) {
      return c.getSimpleName();
    }
    if (type instanceof ParameterizedType p) {
      StringBuilder name = new StringBuilder(typeName(p.getRawType())).append('<');
      Type[] arguments = p.getActualTypeArguments();
      for (int i = 0; i < arguments.length; i++) {
        name.append(i == 0 ? "" : ", ").append(typeName(arguments[i]));
      }
      return name.append('>').toString();
    }
    return type.getTypeName();
  }
}
