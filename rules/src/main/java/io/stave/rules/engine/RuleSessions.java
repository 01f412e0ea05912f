package io.stave.rules.engine;

import io.stave.rules.domain.DecisionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/** Where an evaluation gets its session and what it does with it afterwards. */
interface RuleSessions {
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

  /** One session per rule base for a batch, emptied after each decision. */
  final class Reused implements RuleSessions, AutoCloseable {
    private final Map<KieBase, KieSession> open = new java.util.IdentityHashMap<>();

    @Override
    public KieSession open(KieBase base) {
      KieSession session = open.remove(base);
      return session != null ? session : base.newKieSession();
    }

    @Override
    public void close(KieBase base, KieSession session, boolean clean) {
      if (clean && empty(session)) {
        open.put(base, session);
      } else {
        session.dispose();
      }
    }

    /**
     * Deletes every fact, the requests first: with no request left, no decision rule can match what
     * remains while it is deleted. True if the session is empty and its agenda has nothing left to
     * fire, which makes it as good as new for the next request.
     */
    private static boolean empty(KieSession session) {
      try {
        List<org.kie.api.runtime.rule.FactHandle> handles =
            new ArrayList<>(session.getFactHandles());
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

    @Override
    public void close() {
      open.values().forEach(KieSession::dispose);
      open.clear();
    }
  }
}
