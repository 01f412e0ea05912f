package io.stave.rules.engine;

import io.stave.rules.domain.Obligation;
import io.stave.rules.domain.ObligationType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The obligations rules asserted: one per type, the tightest of several duration caps, and of
 * several usage reports the one with the smallest split id (the split the engine picks).
 */
final class Obligations {
  private final Map<ObligationType, Obligation> byType = new EnumMap<>(ObligationType.class);

  void add(Obligation obligation) {
    byType.merge(
        obligation.type(),
        obligation,
        (kept, added) ->
            switch (obligation.type()) {
              case MAX_DURATION_SECONDS -> seconds(added) < seconds(kept) ? added : kept;
              case REPORT_USAGE -> splitId(added).compareTo(splitId(kept)) < 0 ? added : kept;
              default -> kept;
            });
  }

  private static String splitId(Obligation report) {
    return report.attributes().getOrDefault("splitId", "");
  }

  List<Obligation> list() {
    return List.copyOf(byType.values());
  }

  private static int seconds(Obligation cap) {
    return Integer.parseInt(cap.attributes().get("seconds"));
  }
}
