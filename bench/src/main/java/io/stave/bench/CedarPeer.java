package io.stave.bench;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import io.stave.rules.domain.ConsentChoice;
import io.stave.rules.domain.ConsentHistory;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.DecisionRequest;
import io.stave.rules.domain.FactStore;
import io.stave.rules.domain.Recording;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The shipped licensing and consent policy, and the authored rules, in Cedar. Cedar has no
 * quantifiers, so "some deal covers the use" is one permit policy per deal (a recording is {@code
 * in} each deal that names it) and "any main artist opted out" is entity membership (an artist is
 * {@code in OptedOut::"AI_X"} when that is its consent in force). Per request the peer builds the
 * entity slice of the recording from the same fact store Stave reads, the way a Cedar deployment
 * must, and asks Cedar through cedar-java.
 */
public final class CedarPeer {
  private static final EntityTypeName RECORDING = type("Recording");
  private static final EntityTypeName ARTIST = type("Artist");
  private static final EntityTypeName DEAL = type("Deal");
  private static final EntityTypeName FEATURE = type("Feature");
  private static final EntityTypeName ACTION = type("Action");
  private static final EntityTypeName OPTED_OUT = type("OptedOut");
  private static final EntityTypeName NOT_OPTED_IN = type("NotOptedIn");
  private static final Set<UseType> NEEDS_OPT_IN =
      Set.of(UseType.AI_DERIVATIVE, UseType.AI_VOICE_LIKENESS, UseType.AI_TRAINING);

  private final AuthorizationEngine engine = new BasicAuthorizationEngine();
  private final PolicySet policies;
  private final FactStore facts;
  private final int policyCount;

  public CedarPeer(List<Deal> deals, List<AuthorRules.AuthoredRule> authored, FactStore facts)
      throws InternalException {
    this.facts = facts;
    // cedar-java hands the policy set to the native engine on every call; let it keep it parsed.
    PolicySet.setCacheMaxPolicySets(4);
    String source = policyText(deals, authored);
    this.policies = PolicySet.parsePolicies(source);
    this.policyCount = policies.getNumPolicies();
  }

  public int policyCount() {
    return policyCount;
  }

  static String policyText(List<Deal> deals, List<AuthorRules.AuthoredRule> authored) {
    StringBuilder cedar = new StringBuilder();
    for (Deal deal : deals) {
      Set<String> actions = new TreeSet<>();
      deal.getAiUseTypes().forEach(u -> actions.add(u.name()));
      if (deal.isStreaming()) {
        actions.add(UseType.AI_CURATION.name());
      }
      if (actions.isEmpty()) {
        continue;
      }
      List<String> conditions = new java.util.ArrayList<>();
      if (!deal.getTerritories().contains(Territory.WORLDWIDE)) {
        conditions.add(set(deal.getTerritories()) + ".contains(context.territory)");
      }
      if (!deal.getExcludedTerritories().isEmpty()) {
        conditions.add("!" + set(deal.getExcludedTerritories()) + ".contains(context.territory)");
      }
      conditions.add("context.at >= " + deal.getValidFrom().toEpochMilli());
      if (deal.getValidUntil() != null) {
        conditions.add("context.at < " + deal.getValidUntil().toEpochMilli());
      }
      cedar
          .append("@id(\"")
          .append(deal.getDealId())
          .append("\")\n")
          .append("permit (principal, action in [")
          .append(
              actions.stream().map(a -> "Action::\"" + a + "\"").collect(Collectors.joining(", ")))
          .append("], resource in Deal::\"")
          .append(deal.getDealId())
          .append("\")\n")
          .append("when { ")
          .append(String.join(" && ", conditions))
          .append(" };\n");
    }
    for (UseType use : UseType.values()) {
      cedar
          .append("@id(\"opt-out-")
          .append(use)
          .append("\")\n")
          .append("forbid (principal, action == Action::\"")
          .append(use)
          .append("\", resource in OptedOut::\"")
          .append(use)
          .append("\");\n");
    }
    for (UseType use : NEEDS_OPT_IN) {
      cedar
          .append("@id(\"needs-opt-in-")
          .append(use)
          .append("\")\n")
          .append("forbid (principal, action == Action::\"")
          .append(use)
          .append("\", resource in NotOptedIn::\"")
          .append(use)
          .append("\");\n");
    }
    cedar
        .append("@id(\"split-sheet\")\n")
        .append(
            "forbid (principal, action, resource) unless { resource has hasSplit && resource.hasSplit };\n");
    authored.forEach(rule -> cedar.append(rule.cedar()));
    return cedar.toString();
  }

  /** Cedar's answer to one request: true for allow. */
  public boolean allows(DecisionRequest request) throws AuthException {
    Set<Entity> slice = new HashSet<>();
    EntityUID resource = RECORDING.of(request.getIsrc().code());
    var recording = facts.recording(request.getIsrc());
    if (recording.isPresent()) {
      Set<EntityUID> parents = new HashSet<>();
      for (Deal deal : facts.dealsCovering(request.getIsrc())) {
        EntityUID dealId = DEAL.of(deal.getDealId());
        parents.add(dealId);
        slice.add(new Entity(dealId));
      }
      for (String artistId : recording.map(Recording::getMainArtistIds).orElseThrow()) {
        EntityUID artist = ARTIST.of(artistId);
        parents.add(artist);
        slice.add(artistEntity(artist, artistId, request, slice));
      }
      Map<String, Value> attributes = new HashMap<>();
      attributes.put(
          "hasSplit",
          new PrimBool(facts.splitSheet(request.getIsrc(), request.getUseType()).isPresent()));
      slice.add(new Entity(resource, attributes, parents));
    }
    Map<String, Value> context = new HashMap<>();
    context.put("territory", new PrimString(request.getTerritory().code()));
    context.put("at", new PrimLong(request.getAt().toEpochMilli()));
    AuthorizationRequest question =
        new AuthorizationRequest(
            FEATURE.of(request.getFeature()),
            ACTION.of(request.getUseType().name()),
            resource,
            context);
    AuthorizationResponse answer = engine.isAuthorized(question, policies, slice);
    return answer
        .success
        .orElseThrow(
            () -> new IllegalStateException("Cedar could not evaluate " + request.describe()))
        .isAllowed();
  }

  private Entity artistEntity(
      EntityUID artist, String artistId, DecisionRequest request, Set<Entity> slice) {
    UseType use = request.getUseType();
    var inForce = new ConsentHistory(facts.consents(artistId, use)).effectiveAt(request.getAt());
    Set<EntityUID> groups = new HashSet<>();
    if (inForce.isPresent() && inForce.get().choice() == ConsentChoice.OPT_OUT) {
      groups.add(OPTED_OUT.of(use.name()));
    }
    if (inForce.isEmpty() || inForce.get().choice() != ConsentChoice.OPT_IN) {
      groups.add(NOT_OPTED_IN.of(use.name()));
    }
    groups.forEach(group -> slice.add(new Entity(group)));
    return new Entity(artist, groups);
  }

  private static String set(Set<Territory> territories) {
    return territories.stream()
        .map(t -> "\"" + t.code() + "\"")
        .sorted()
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static EntityTypeName type(String name) {
    return EntityTypeName.parse(name).orElseThrow();
  }
}
