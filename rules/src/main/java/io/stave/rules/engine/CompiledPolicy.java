package io.stave.rules.engine;

import io.stave.rules.domain.ConsentHistory;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.DefaultSplit;
import io.stave.rules.domain.Denial;
import io.stave.rules.domain.FactStore;
import io.stave.rules.domain.Licence;
import io.stave.rules.domain.MainArtistConsent;
import io.stave.rules.domain.Obligation;
import io.stave.rules.domain.Reason;
import io.stave.rules.domain.ReasonCode;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.SplitSheet;
import io.stave.rules.domain.UseType;
import io.stave.rules.domain.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.ObjectFilter;

/**
 * One compiled policy version. Thread-safe: every evaluation takes a session on the rule base of
 * its use type ({@link UseTypePartitions}), inserts only the facts that concern the request, fires
 * with a fire limit and a deadline, and reads back what the rules asserted: licences, denials and
 * obligations. Sessions are pooled: after a decision, its facts are deleted (the request first, so
 * no decision rule can match the leftovers), which undoes exactly what they did to the network, and
 * the emptied session waits for the next decision. Setting up a new session on a base of 5,000
 * rules costs more than most decisions (BENCHMARKS.md). A session that tripped a limit, failed or
 * did not empty is disposed, never reused; so is every session of a base with a rule that an
 * emptied session would not fire again ({@link RuleSessions#reusable}).
 */
public final class CompiledPolicy implements AutoCloseable {
  static final String ENGINE_RULE = "Stave engine guarantee";

  /**
   * Idle sessions kept per rule base: more than the threads that decide at once on a node (the HTTP
   * workers), so a busy node rarely opens one.
   */
  static final int IDLE_SESSIONS = 64;

  /** Decisions one pooled session makes before it is disposed and a new one takes its place. */
  static final int SESSION_USES = 1_000;

  /** What rules assert as their results. */
  private static final ObjectFilter RESULTS =
      o ->
          o instanceof Licence
              || o instanceof Denial
              || o instanceof Obligation
              || o instanceof DefaultSplit;

  private final long version;
  private final KieBase kieBase;
  private final Map<UseType, KieBase> byUseType;
  private final Map<UseType, Integer> ruleCounts;
  private final Map<String, Integer> declarationOrder;
  private final List<RuleLint.Warning> warnings;

  /**
   * Emptied sessions waiting for the next decision: at most {@link #IDLE_SESSIONS} per base, each
   * used for at most {@link #SESSION_USES} decisions.
   */
  private final RuleSessions.Pooled pool = new RuleSessions.Pooled(IDLE_SESSIONS, SESSION_USES);

  CompiledPolicy(long version, KieBase kieBase, List<RuleLint.Warning> warnings) {
    this(version, kieBase, new UseTypePartitions.Bases(Map.of(), Map.of()), warnings);
  }

  /**
   * {@code byUseType}: the base each use type is decided with, holding only the rules that can fire
   * for it ({@link UseTypePartitions}); a use type without one is decided with {@code kieBase}.
   */
  CompiledPolicy(
      long version,
      KieBase kieBase,
      UseTypePartitions.Bases byUseType,
      List<RuleLint.Warning> warnings) {
    this.version = version;
    this.kieBase = kieBase;
    this.byUseType = byUseType.bases().isEmpty() ? Map.of() : new EnumMap<>(byUseType.bases());
    this.ruleCounts = Map.copyOf(byUseType.ruleCounts());
    this.declarationOrder = declarationOrder(kieBase);
    this.warnings = List.copyOf(warnings);
  }

  /** How many emptied sessions wait for decisions of {@code use}. */
  int idleSessions(UseType use) {
    return pool.idle(byUseType.getOrDefault(use, kieBase));
  }

  /**
   * Where each rule stands in the policy's sources (file, then line): the order a decision lists
   * the reasons that rules gave. Firing order is no order to promise, since it follows the shape of
   * the network, and the network differs between a partition and the whole policy; the order the
   * objects sit in a session is none at all (identity hashes).
   */
  private static Map<String, Integer> declarationOrder(KieBase kieBase) {
    Map<String, Integer> order = new java.util.HashMap<>();
    kieBase
        .getKiePackages()
        .forEach(
            p ->
                p.getRules()
                    .forEach(
                        r ->
                            order.merge(
                                r.getName(),
                                ((org.drools.base.definitions.rule.impl.RuleImpl) r).getLoadOrder(),
                                Math::min)));
    return order;
  }

  private int declared(String rule) {
    return declarationOrder.getOrDefault(rule, Integer.MAX_VALUE);
  }

  /** Whether decisions run on one rule base per use type. */
  public boolean partitioned() {
    return !byUseType.isEmpty();
  }

  /** Rules in the base that decides {@code use}. */
  public int ruleCount(UseType use) {
    return ruleCounts.getOrDefault(use, ruleCount());
  }

  public long version() {
    return version;
  }

  public int ruleCount() {
    return kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
  }

  /** Authoring warnings, e.g. rules that would be evaluated for every request. */
  public List<RuleLint.Warning> warnings() {
    return warnings;
  }

  public Decision evaluate(DecisionRequest request, FactStore facts, EvaluationLimits limits) {
    return evaluate(request, facts, limits, DecisionIds.next());
  }

  public Decision evaluate(
      DecisionRequest request, FactStore facts, EvaluationLimits limits, String decisionId) {
    return evaluate(request, facts, limits, decisionId, null, pool);
  }

  /**
   * Decides every request of a batch, in order, each exactly as {@link #evaluate} would: on the
   * pooled sessions, so a batch of one use type keeps taking the session it just gave back.
   */
  public List<Decision> evaluateAll(
      List<DecisionRequest> requests, FactStore facts, EvaluationLimits limits) {
    List<Decision> decisions = new ArrayList<>(requests.size());
    for (DecisionRequest request : requests) {
      decisions.add(evaluate(request, facts, limits));
    }
    return decisions;
  }

  /**
   * Evaluates and tells {@code firedRules} the name of every rule that fired, in order: what a test
   * scenario reports and rule coverage counts. Costs a listener per session, so live decisions do
   * without.
   */
  public Decision evaluateTraced(
      DecisionRequest request,
      FactStore facts,
      EvaluationLimits limits,
      Consumer<String> firedRules) {
    return evaluate(request, facts, limits, DecisionIds.next(), firedRules, RuleSessions.FRESH);
  }

  /** The names of every rule in the version, for coverage. */
  public java.util.SortedSet<String> ruleNames() {
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    kieBase.getKiePackages().forEach(p -> p.getRules().forEach(r -> names.add(r.getName())));
    return names;
  }

  private Decision evaluate(
      DecisionRequest request,
      FactStore facts,
      EvaluationLimits limits,
      String decisionId,
      Consumer<String> firedRules,
      RuleSessions sessions) {
    Evaluation evaluation = new Evaluation(version, decisionId, request);
    Optional<Recording> recording;
    List<Deal> deals;
    Optional<SplitSheet> split;
    List<MainArtistConsent> artists = new ArrayList<>();
    try {
      recording = facts.recording(request.getIsrc());
      // An unknown recording is denied whatever else is on record, so nothing more is read for
      // it: a flood of made-up ISRCs costs one lookup each, and leaves no cached "no deals" or
      // "no split sheet" behind for each of them.
      deals = recording.isPresent() ? facts.dealsCovering(request.getIsrc()) : List.of();
      split =
          recording.isPresent()
              ? facts.splitSheet(request.getIsrc(), request.getUseType())
              : Optional.empty();
      for (String artistId : recording.map(Recording::getMainArtistIds).orElse(List.of())) {
        var history = new ConsentHistory(facts.consents(artistId, request.getUseType()));
        artists.add(
            new MainArtistConsent(artistId, history.effectiveAt(request.getAt()).orElse(null)));
      }
    } catch (RuntimeException e) {
      return evaluation.deny(
          ReasonCode.RULE_ERROR,
          "The facts for "
              + request.getIsrc()
              + " could not be read ("
              + rootMessage(e)
              + "), so the request is denied.");
    }
    evaluation.mainArtistIds = recording.map(Recording::getMainArtistIds).orElse(List.of());

    DeadlineFilter deadline = new DeadlineFilter(evaluation.started + limits.deadline().toNanos());
    List<Licence> licences = new ArrayList<>();
    List<Reason> denials = new ArrayList<>();
    Optional<DefaultSplit> defaultSplit = Optional.empty();
    Obligations obligations = new Obligations();
    KieBase base = byUseType.getOrDefault(request.getUseType(), kieBase);
    KieSession session = sessions.open(base);
    boolean clean = false;
    tellFiredRules(session, firedRules);
    int fired;
    try {
      session.insert(request);
      recording.ifPresent(session::insert);
      deals.forEach(session::insert);
      artists.forEach(session::insert);
      split.ifPresent(session::insert);
      fired = session.fireAllRules(deadline, limits.fireLimit() + 1);
      // In the order the results were asserted, so that ties below keep the firing order.
      List<org.kie.api.runtime.rule.FactHandle> asserted =
          new ArrayList<>(session.getFactHandles(RESULTS));
      asserted.sort(
          java.util.Comparator.comparingLong(
              h -> ((org.drools.core.common.InternalFactHandle) h).getId()));
      for (org.kie.api.runtime.rule.FactHandle handle : asserted) {
        Object fact = ((org.drools.core.common.InternalFactHandle) handle).getObject();
        if (fact instanceof Licence licence) {
          licences.add(licence);
        } else if (fact instanceof Denial denial) {
          denials.add(denial.reason());
        } else if (fact instanceof DefaultSplit fallback) {
          defaultSplit =
              defaultSplit
                  .filter(kept -> kept.getSplitId().compareTo(fallback.getSplitId()) <= 0)
                  .or(() -> Optional.of(fallback));
        } else {
          obligations.add((Obligation) fact);
        }
      }
      clean = !deadline.tripped() && fired <= limits.fireLimit();
    } catch (RuntimeException | StackOverflowError e) {
      // a rule (or a function) that recurses without end: the stack is unwound here, and the
      // session, not clean, is not reused; it was a 500 with nothing logged
      return evaluation.deny(
          ReasonCode.RULE_ERROR,
          "A rule failed while deciding "
              + request.describe()
              + " ("
              + rootMessage(e)
              + "), so the request is denied.");
    } finally {
      sessions.close(base, session, clean);
    }

    if (deadline.tripped()) {
      return evaluation.deny(
          ReasonCode.DEADLINE_EXCEEDED,
          "Evaluating "
              + request.describe()
              + " took longer than the "
              + limits.deadline().toMillis()
              + " ms deadline, so the request is denied.");
    }
    if (fired > limits.fireLimit()) {
      return evaluation.deny(
          ReasonCode.FIRE_LIMIT_EXCEEDED,
          "Evaluating "
              + request.describe()
              + " fired more than "
              + limits.fireLimit()
              + " rules, so the request is denied.");
    }
    licences.sort(java.util.Comparator.comparingInt(licence -> declared(licence.getRule())));
    denials.sort(java.util.Comparator.comparingInt(reason -> declared(reason.rule())));
    if (!denials.isEmpty()) {
      List<Reason> reasons = new ArrayList<>(denials);
      if (licences.isEmpty() && recording.isPresent()) {
        reasons.add(notLicensed(request));
      }
      return evaluation.decide(Verdict.DENY, reasons, List.of(), null);
    }
    if (recording.isEmpty()) {
      return evaluation.deny(
          ReasonCode.UNKNOWN_RECORDING,
          "Recording " + request.getIsrc() + " is not in the catalogue, so it is denied.");
    }
    if (licences.isEmpty()) {
      return evaluation.decide(Verdict.DENY, List.of(notLicensed(request)), List.of(), null);
    }
    if (split.isEmpty() && defaultSplit.isEmpty()) {
      return evaluation.deny(
          ReasonCode.NO_SPLIT_SHEET,
          "No split sheet names who is paid for "
              + request.getIsrc()
              + ", and the policy names nobody to pay instead, so the use cannot be permitted.");
    }
    List<Reason> reasons = new ArrayList<>();
    for (Licence licence : licences) {
      Deal deal = licence.getDeal();
      reasons.add(
          new Reason(
              ReasonCode.LICENSED,
              licence.getRule(),
              "Deal "
                  + deal.getDealId()
                  + (deal.getLicensorId() == null ? "" : " from " + deal.getLicensorId())
                  + " licenses "
                  + request.describe()
                  + "."));
    }
    if (split.isPresent()) {
      return evaluation.decide(Verdict.PERMIT, reasons, obligations.list(), split.get());
    }
    DefaultSplit fallback = defaultSplit.get();
    reasons.add(
        new Reason(ReasonCode.DEFAULT_SPLIT, fallback.getRule(), fallback.describe(request)));
    return evaluation.decide(Verdict.PERMIT, reasons, obligations.list(), fallback.getSheet());
  }

  /**
   * Runs facts that are no decision request (the usage lines of a revenue period being closed)
   * through the version's rules, and returns what the rules asserted that {@code results} accepts.
   * A rule that fails, or more than {@code fireLimit} firings, throws: a period close stops rather
   * than pay on a half-run policy.
   */
  public List<Object> run(
      java.util.Collection<?> facts, java.util.function.Predicate<Object> results, int fireLimit) {
    return run(facts, results, fireLimit, null);
  }

  /**
   * {@link #run(java.util.Collection, java.util.function.Predicate, int)}, telling {@code
   * firedRules} (if not null) the name of every rule that fired: what a revenue scenario reports
   * and rule coverage counts.
   */
  public List<Object> run(
      java.util.Collection<?> facts,
      java.util.function.Predicate<Object> results,
      int fireLimit,
      Consumer<String> firedRules) {
    KieSession session = kieBase.newKieSession();
    tellFiredRules(session, firedRules);
    try {
      facts.forEach(session::insert);
      int fired = session.fireAllRules(fireLimit + 1);
      if (fired > fireLimit) {
        throw new IllegalStateException(
            "the rules of version " + version + " fired more than " + fireLimit + " times");
      }
      return new ArrayList<>(session.getObjects(results::test));
    } finally {
      session.dispose();
    }
  }

  /**
   * Runs every use type through the policy a few dozen times on a made-up catalogue, so class
   * loading and MVEL's just-in-time compilation happen before the first real request, not inside
   * its deadline. Called before a policy becomes active.
   */
  public void warmUp() {
    WarmUp.run(this);
  }

  /** Tells {@code firedRules} (if not null) the name of every rule the session fires. */
  private static void tellFiredRules(KieSession session, Consumer<String> firedRules) {
    if (firedRules != null) {
      session.addEventListener(
          new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
              firedRules.accept(event.getMatch().getRule().getName());
            }
          });
    }
  }

  private static Reason notLicensed(DecisionRequest request) {
    return new Reason(
        ReasonCode.NOT_LICENSED,
        ENGINE_RULE,
        "No deal licenses " + request.describe() + ", so it is denied by default.");
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  /**
   * Disposes the idle sessions. Decisions still under way on this version finish, and their
   * sessions are disposed as they are given back.
   */
  @Override
  public void close() {
    pool.close();
  }
}
