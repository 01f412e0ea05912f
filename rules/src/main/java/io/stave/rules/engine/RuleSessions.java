package io.stave.rules.engine;

import io.stave.rules.domain.DecisionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/** Where an evaluation gets its session and what it does with it afterwards. */
interface RuleSessions {
  /**
   * Whether an emptied session of {@code base} decides the next request exactly as a new one would.
   * A rule fires once per match, and a match needs facts: a rule with a positive pattern on a fact
   * of working memory matches again when the next request inserts such a fact. A rule without one
   * (no pattern at all, only {@code not}, {@code exists}, {@code eval}, {@code from} or {@code
   * accumulate}) matches the session's hidden initial fact, fires once in the session's life, and
   * would not fire for the second request: a "closed for maintenance" rule would deny the first
   * request of a batch and let the next ones through. A base holding such a rule gets a new session
   * per decision.
   */
  static boolean reusable(KieBase base) {
    for (org.kie.api.definition.KiePackage pkg : base.getKiePackages()) {
      for (org.kie.api.definition.rule.Rule rule : pkg.getRules()) {
        if (rule instanceof org.drools.base.definitions.rule.impl.RuleImpl compiled
            && !compiled.isQuery()
            && !matchesAFactOfWorkingMemory(compiled.getLhs())) {
          return false;
        }
      }
    }
    return true;
  }

  /** An "and" needs one such pattern among its elements, an "or" one in each branch. */
  private static boolean matchesAFactOfWorkingMemory(
      org.drools.base.rule.RuleConditionElement element) {
    if (element instanceof org.drools.base.rule.Pattern pattern) {
      return (pattern.getSource() == null
              || pattern.getSource() instanceof org.drools.base.rule.EntryPointId)
          && pattern.getObjectType() instanceof org.drools.base.base.ClassObjectType type
          && !org.drools.base.InitialFact.class.isAssignableFrom(type.getClassType());
    }
    if (element instanceof org.drools.base.rule.GroupElement group) {
      if (group.isAnd()) {
        return group.getChildren().stream().anyMatch(RuleSessions::matchesAFactOfWorkingMemory);
      }
      if (group.isOr()) {
        return !group.getChildren().isEmpty()
            && group.getChildren().stream().allMatch(RuleSessions::matchesAFactOfWorkingMemory);
      }
    }
    return false;
  }

  KieSession open(KieBase base);

  /** {@code clean}: the evaluation ran to its end within its limits. */
  void close(KieBase base, KieSession session, boolean clean);

  /** A new session per decision, disposed after it. */
  RuleSessions FRESH =
      new RuleSessions() {
        @Override
        public KieSession open(KieBase base) {
          return base.newKieSession();
        }

        @Override
        public void close(KieBase base, KieSession session, boolean clean) {
          session.dispose();
        }
      };

  /**
   * Emptied sessions kept between decisions, shared by the threads that decide with one policy
   * version: a decision takes one (or opens a new one if none is free), and gives it back emptied
   * if it ran to its end within its limits and its base is {@link #reusable} (checked once per
   * base). At most {@code capacity} sessions per base wait in the pool, and each is disposed after
   * {@code maxUses} decisions, so what a long-lived session might accumulate is bounded. After
   * {@link #close}, sessions given back are disposed.
   */
  final class Pooled implements RuleSessions, AutoCloseable {
    /** One base's waiting sessions, and whether its sessions may be reused at all. */
    private record Shelf(
        boolean reusable, java.util.concurrent.ConcurrentLinkedDeque<KieSession> waiting) {}

    private final int capacity;
    private final int maxUses;
    private final Map<KieBase, Shelf> shelves = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<KieSession, Integer> uses = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;

    Pooled(int capacity, int maxUses) {
      this.capacity = capacity;
      this.maxUses = maxUses;
    }

    @Override
    public KieSession open(KieBase base) {
      KieSession session = shelf(base).waiting().pollFirst();
      return session != null ? session : base.newKieSession();
    }

    @Override
    public void close(KieBase base, KieSession session, boolean clean) {
      Shelf shelf = shelf(base);
      if (closed
          || !clean
          || !shelf.reusable()
          || uses.merge(session, 1, Integer::sum) >= maxUses
          || shelf.waiting().size() >= capacity
          || !empty(session)) {
        dispose(session);
        return;
      }
      shelf.waiting().offerFirst(session);
      if (closed) {
        drain();
      }
    }

    /** How many emptied sessions wait for {@code base}. */
    int idle(KieBase base) {
      return shelf(base).waiting().size();
    }

    private Shelf shelf(KieBase base) {
      return shelves.computeIfAbsent(
          base, b -> new Shelf(reusable(b), new java.util.concurrent.ConcurrentLinkedDeque<>()));
    }

    private void dispose(KieSession session) {
      uses.remove(session);
      session.dispose();
    }

    private void drain() {
      for (Shelf shelf : shelves.values()) {
        for (KieSession session = shelf.waiting().pollFirst();
            session != null;
            session = shelf.waiting().pollFirst()) {
          dispose(session);
        }
      }
    }

    /** Disposes every waiting session; sessions in use are disposed when they are given back. */
    @Override
    public void close() {
      closed = true;
      drain();
    }
  }

  /**
   * Deletes every fact, the requests first: with no request left, no decision rule can match what
   * remains while it is deleted. True if the session is empty and its agenda has nothing left to
   * fire, which makes it as good as new for the next request of a base that is {@link #reusable}.
   */
  static boolean empty(KieSession session) {
    try {
      List<org.kie.api.runtime.rule.FactHandle> handles = new ArrayList<>(session.getFactHandles());
      for (org.kie.api.runtime.rule.FactHandle handle : handles) {
        if (((org.drools.core.common.InternalFactHandle) handle).getObject()
            instanceof DecisionRequest) {
          session.delete(handle);
        }
      }
      for (org.kie.api.runtime.rule.FactHandle handle : handles) {
        if (!(((org.drools.core.common.InternalFactHandle) handle).getObject()
            instanceof DecisionRequest)) {
          session.delete(handle);
        }
      }
      return session.getFactCount() == 0 && session.fireAllRules(1) == 0;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
