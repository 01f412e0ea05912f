package io.stave.application.revenue;

import io.stave.application.DecisionLog;
import io.stave.application.LoggedDecision;
import io.stave.application.revenue.UsageReceipt.Rejection;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes usage reported by feature clients. Each event must name a logged PERMIT for the same
 * recording, use type and feature, and fall within that decision's validity (from the decision's
 * time for {@code validity}); the rest are rejected with their reason. Accepted events are booked
 * durably before the receipts are returned.
 */
public final class UsageService {
  public static final int MAX_BATCH = 1_000;

  private final DecisionLog log;
  private final RevenueLedger ledger;
  private final Duration validity;

  /**
   * Logged decisions never change, so the ones usage named recently are kept (a feature reports
   * many events per decision; reading and parsing each from the log was most of a batch's time).
   * Only found decisions are kept: a miss is asked again.
   */
  private final Map<String, LoggedDecision> recent =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LoggedDecision> eldest) {
              return size() > RECENT_DECISIONS;
            }
          });

  private static final int RECENT_DECISIONS = 20_000;

  public UsageService(DecisionLog log, RevenueLedger ledger, Duration validity) {
    this.log = log;
    this.ledger = ledger;
    this.validity = validity;
  }

  private Optional<LoggedDecision> find(String decisionId) {
    LoggedDecision known = recent.get(decisionId);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<LoggedDecision> logged = log.find(decisionId);
    logged.ifPresent(d -> recent.put(decisionId, d));
    return logged;
  }

  public Duration validity() {
    return validity;
  }

  /** Receipts in the order of the events. */
  public List<UsageReceipt> report(List<UsageEvent> events, String principal) {
    UsageReceipt[] receipts = new UsageReceipt[events.size()];
    List<RevenueLedger.CheckedEvent> checked = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    Map<String, Optional<LoggedDecision>> decisions = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      UsageEvent event = events.get(i);
      Optional<LoggedDecision> logged = decisions.computeIfAbsent(event.decisionId(), this::find);
      UsageReceipt rejection = check(event, logged);
      if (rejection != null) {
        receipts[i] = rejection;
      } else {
        Decision decision = logged.get().decision();
        checked.add(
            new RevenueLedger.CheckedEvent(
                event, decision.request().getTerritory(), decision.split()));
        positions.add(i);
      }
    }
    if (!checked.isEmpty()) {
      List<UsageReceipt> booked = ledger.book(principal, checked);
      for (int i = 0; i < booked.size(); i++) {
        receipts[positions.get(i)] = booked.get(i);
      }
    }
    return List.of(receipts);
  }

  private UsageReceipt check(UsageEvent event, Optional<LoggedDecision> logged) {
    String id = event.eventId();
    if (logged.isEmpty()) {
      return UsageReceipt.rejected(
          id, Rejection.UNKNOWN_DECISION, "No decision " + event.decisionId() + " is in the log.");
    }
    Decision decision = logged.get().decision();
    DecisionRequest request = decision.request();
    if (!decision.isPermit()) {
      return UsageReceipt.rejected(
          id,
          Rejection.NOT_PERMITTED,
          "Decision " + decision.decisionId() + " was a " + decision.verdict() + ", not a PERMIT.");
    }
    if (!request.getIsrc().equals(event.isrc())) {
      return UsageReceipt.rejected(
          id,
          Rejection.OTHER_RECORDING,
          "Decision "
              + decision.decisionId()
              + " permitted "
              + request.getIsrc()
              + ", not "
              + event.isrc()
              + ".");
    }
    if (request.getUseType() != event.useType()) {
      return UsageReceipt.rejected(
          id,
          Rejection.OTHER_USE,
          "Decision "
              + decision.decisionId()
              + " permitted "
              + request.getUseType()
              + ", not "
              + event.useType()
              + ".");
    }
    if (event.feature() != null && !Objects.equals(request.getFeature(), event.feature())) {
      return UsageReceipt.rejected(
          id,
          Rejection.OTHER_FEATURE,
          "Decision "
              + decision.decisionId()
              + " was asked for by feature "
              + request.getFeature()
              + ", not "
              + event.feature()
              + ".");
    }
    var validFrom = request.getAt();
    var validUntil = validFrom.plus(validity);
    if (event.from().isBefore(validFrom) || event.to().isAfter(validUntil)) {
      return UsageReceipt.rejected(
          id,
          Rejection.OUTSIDE_VALIDITY,
          "Decision "
              + decision.decisionId()
              + " is valid from "
              + validFrom
              + " until "
              + validUntil
              + "; the use from "
              + event.from()
              + " to "
              + event.to()
              + " is not within it.");
    }
    return null;
  }
}
