package io.stave.interfaces.rest.dto;

import io.stave.application.LoggedDecision;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.Obligation;
import io.stave.rules.domain.Reason;
import io.stave.rules.domain.Share;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A decision as the API returns it (docs/contract.md, "How a decision is made"). */
@XmlRootElement(name = "decision")
@XmlAccessorType(XmlAccessType.FIELD)
@Schema(name = "Decision", description = "A decision with everything needed to explain it")
public class DecisionView {
  @Schema(required = true)
  public String decisionId;

  public String requestId;

  @Schema(
      required = true,
      enumeration = {"PERMIT", "DENY"})
  public String decision;

  @XmlElementWrapper(name = "reasons")
  @XmlElement(name = "reason")
  public List<ReasonView> reasons = new ArrayList<>();

  @XmlElementWrapper(name = "obligations")
  @XmlElement(name = "obligation")
  public List<ObligationView> obligations = new ArrayList<>();

  @Schema(description = "The split that pays for a PERMIT; absent for a DENY")
  public SplitView split;

  @Schema(required = true)
  public long policyVersion;

  @Schema(required = true, format = "date-time")
  public String evaluatedAt;

  /** True for a dry run against a named policy version: it was not logged. */
  public Boolean dryRun;

  /** The request as it was decided; shown when the decision is read back from the log. */
  public RequestView request;

  /** Who asked; shown when the decision is read back from the log. */
  public String principal;

  public static DecisionView of(Decision decision) {
    DecisionView view = new DecisionView();
    view.decisionId = decision.decisionId();
    view.requestId = decision.request().getRequestId();
    view.decision = decision.verdict().name();
    for (Reason reason : decision.reasons()) {
      view.reasons.add(ReasonView.of(reason));
    }
    for (Obligation obligation : decision.obligations()) {
      view.obligations.add(ObligationView.of(obligation));
    }
    if (decision.split() != null) {
      view.split = new SplitView();
      view.split.splitId = decision.split().getSplitId();
      for (Share share : decision.split().getShares()) {
        ShareView shareView = new ShareView();
        shareView.partyId = share.partyId();
        shareView.role = share.role();
        shareView.percent = share.percent().toString();
        view.split.shares.add(shareView);
      }
    }
    view.policyVersion = decision.policyVersion();
    view.evaluatedAt = decision.evaluatedAt().toString();
    return view;
  }

  public static DecisionView dryRun(Decision decision) {
    DecisionView view = of(decision);
    view.dryRun = true;
    return view;
  }

  public static DecisionView logged(LoggedDecision logged) {
    DecisionView view = of(logged.decision());
    view.request = RequestView.of(logged.decision().request());
    view.principal = logged.principal();
    return view;
  }

  /** One reason: its code, the rule that gave it, and a sentence naming the facts. */
  @XmlAccessorType(XmlAccessType.FIELD)
  public static class ReasonView {
    @Schema(
        required = true,
        enumeration = {
          "LICENSED",
          "NOT_LICENSED",
          "UNKNOWN_RECORDING",
          "ARTIST_OPTED_OUT",
          "NO_ARTIST_CONSENT",
          "NO_SPLIT_SHEET",
          "DEFAULT_SPLIT",
          "NO_MAIN_ARTIST",
          "POLICY_DENIED",
          "RULE_ERROR",
          "DEADLINE_EXCEEDED",
          "FIRE_LIMIT_EXCEEDED"
        })
    public String code;

    public String rule;
    public String message;

    static ReasonView of(Reason reason) {
      ReasonView view = new ReasonView();
      view.code = reason.code().name();
      view.rule = reason.rule();
      view.message = reason.message();
      return view;
    }
  }

  /** A duty that comes with a PERMIT. */
  @XmlAccessorType(XmlAccessType.FIELD)
  public static class ObligationView {
    public String type;

    @XmlJavaTypeAdapter(StringMapAdapter.class)
    public Map<String, String> attributes;

    static ObligationView of(Obligation obligation) {
      ObligationView view = new ObligationView();
      view.type = obligation.type().name();
      view.attributes = obligation.attributes();
      return view;
    }
  }

  /** The split sheet that pays for a permitted use. */
  @XmlAccessorType(XmlAccessType.FIELD)
  public static class SplitView {
    public String splitId;

    @XmlElementWrapper(name = "shares")
    @XmlElement(name = "share")
    public List<ShareView> shares = new ArrayList<>();
  }

  /** One party's share, as a decimal string ("50.00") so no precision is lost. */
  @XmlAccessorType(XmlAccessType.FIELD)
  public static class ShareView {
    public String partyId;
    public String role;
    public String percent;
  }

  /** The decided request, echoed for auditors. */
  @XmlAccessorType(XmlAccessType.FIELD)
  public static class RequestView {
    public String feature;
    public String useType;
    public String isrc;
    public String territory;
    public String at;

    @XmlJavaTypeAdapter(StringMapAdapter.class)
    public Map<String, String> context;

    static RequestView of(DecisionRequest request) {
      RequestView view = new RequestView();
      view.feature = request.getFeature();
      view.useType = request.getUseType().name();
      view.isrc = request.getIsrc().code();
      view.territory = request.getTerritory().code();
      view.at = request.getAt().toString();
      view.context = request.getContext();
      return view;
    }
  }
}
