package io.stave.bench;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.CedarList;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shipped licensing and consent policy, and the authored rules, in Cedar, written the way a
 * Cedar user would: a fixed set of a dozen policies over entity attributes, whatever the size of
 * the catalogue, and the caller putting the request's facts into the entity slice.
 *
 * <ul>
 *   <li>A deal is an entity with its use types, territories, exclusions and validity as attributes;
 *       a recording is {@code in} every deal that names it. Cedar has no quantifier over a
 *       recording's deals, so the caller asks once per deal covering the recording, with {@code
 *       context.deal} naming it, and allows if any answer allows (no deal: one question, denied by
 *       default).
 *   <li>A main artist is an entity {@code in ConsentGroup::"opted-out"} or {@code
 *       ConsentGroup::"not-opted-in"} according to the consent in force at the time of use (the
 *       same {@link ConsentHistory} Stave's engine applies); "any main artist" is Cedar's
 *       hierarchy: the recording is {@code in} its artists.
 *   <li>The authored rules are data, as a Cedar user would keep them: uses a label withholds and
 *       countries a recording is closed in are attributes of the recording, uses a feature is
 *       barred from are attributes of the feature; three policies read them.
 * </ul>
 */
public final class CedarPeer {
  private static final EntityTypeName RECORDING = type("Recording");
  private static final EntityTypeName ARTIST = type("Artist");
  private static final EntityTypeName DEAL = type("Deal");
  private static final EntityTypeName FEATURE = type("Feature");
  private static final EntityTypeName ACTION = type("Action");
  private static final EntityTypeName CONSENT_GROUP = type("ConsentGroup");
  private static final EntityUID OPTED_OUT = CONSENT_GROUP.of("opted-out");
  private static final EntityUID NOT_OPTED_IN = CONSENT_GROUP.of("not-opted-in");

  /** The policy set: fixed, a dozen policies, independent of deals, artists and authored rules. */
  static final String POLICIES =
      """
      @id("a deal in the request names the use, covers the territory and is in force")
      permit (principal, action, resource)
      when {
        context has deal && resource in context.deal &&
        context.deal.uses.contains(context.use) &&
        (context.deal.worldwide || context.deal.territories.contains(context.territory)) &&
        !context.deal.excluded.contains(context.territory) &&
        context.at >= context.deal.validFrom &&
        (!context.deal.hasEnd || context.at < context.deal.validUntil)
      };

      @id("a streaming deal covers AI curation")
      permit (principal, action == Action::"AI_CURATION", resource)
      when {
        context has deal && resource in context.deal && context.deal.streaming &&
        (context.deal.worldwide || context.deal.territories.contains(context.territory)) &&
        !context.deal.excluded.contains(context.territory) &&
        context.at >= context.deal.validFrom &&
        (!context.deal.hasEnd || context.at < context.deal.validUntil)
      };

      @id("an opt-out of any main artist denies the use")
      forbid (principal, action, resource in ConsentGroup::"opted-out");

      @id("uses that need opt-in are denied unless every main artist opted in")
      forbid (
        principal,
        action in [Action::"AI_DERIVATIVE", Action::"AI_VOICE_LIKENESS", Action::"AI_TRAINING"],
        resource in ConsentGroup::"not-opted-in");

      @id("uses that need opt-in are denied when the main artists are unknown")
      forbid (
        principal,
        action in [Action::"AI_DERIVATIVE", Action::"AI_VOICE_LIKENESS", Action::"AI_TRAINING"],
        resource)
      unless { resource.mainArtistKnown };

      @id("uses that need opt-in need a delivered split sheet")
      forbid (
        principal,
        action in [Action::"AI_DERIVATIVE", Action::"AI_VOICE_LIKENESS", Action::"AI_TRAINING"],
        resource)
      unless { resource.hasSplit };

      @id("a label withholds a use of a recording")
      forbid (principal, action, resource) when { resource.withheld.contains(context.use) };

      @id("a recording is closed for AI use in a country")
      forbid (principal, action, resource) when { resource.closedIn.contains(context.territory) };

      @id("a feature is barred from a use")
      forbid (principal, action, resource) when { principal.barred.contains(context.use) };
      """;

  private final AuthorizationEngine engine = new BasicAuthorizationEngine();
  private final PolicySet policies;
  private final FactStore facts;
  private final Map<String, Set<String>> withheldUses = new HashMap<>();
  private final Map<String, Set<String>> closedCountries = new HashMap<>();
  private final Map<String, Set<String>> barredUses = new HashMap<>();

  public CedarPeer(Collection<AuthorRules.AuthoredRule> authored, FactStore facts)
      throws InternalException {
    this.facts = facts;
    this.policies = PolicySet.parsePolicies(POLICIES);
    for (AuthorRules.AuthoredRule rule : authored) {
      if (rule.feature() != null) {
        barredUses.computeIfAbsent(rule.feature(), f -> new HashSet<>()).add(rule.use().name());
      } else if (rule.country() != null) {
        closedCountries.computeIfAbsent(rule.isrc(), i -> new HashSet<>()).add(rule.country());
      } else {
        withheldUses.computeIfAbsent(rule.isrc(), i -> new HashSet<>()).add(rule.use().name());
      }
    }
  }

  public int policyCount() {
    return policies.getNumPolicies();
  }

  /** Cedar's answer to one request: true for allow. */
  public boolean allows(DecisionRequest request) throws AuthException {
    Set<Entity> slice = new HashSet<>();
    String isrc = request.getIsrc().code();
    EntityUID resource = RECORDING.of(isrc);
    EntityUID principal = FEATURE.of(request.getFeature());
    slice.add(
        new Entity(
            principal,
            Map.of("barred", strings(barredUses.getOrDefault(request.getFeature(), Set.of()))),
            Set.of()));
    List<EntityUID> dealIds = new ArrayList<>();
    var recording = facts.recording(request.getIsrc());
    if (recording.isPresent()) {
      Set<EntityUID> parents = new HashSet<>();
      for (Deal deal : facts.dealsCovering(request.getIsrc())) {
        EntityUID dealId = DEAL.of(deal.getDealId());
        parents.add(dealId);
        dealIds.add(dealId);
        slice.add(dealEntity(dealId, deal));
      }
      List<String> artists = recording.map(Recording::getMainArtistIds).orElseThrow();
      for (String artistId : artists) {
        EntityUID artist = ARTIST.of(artistId);
        parents.add(artist);
        slice.add(artistEntity(artist, artistId, request));
      }
      slice.add(new Entity(OPTED_OUT));
      slice.add(new Entity(NOT_OPTED_IN));
      Map<String, Value> attributes = new HashMap<>();
      attributes.put(
          "hasSplit",
          new PrimBool(facts.splitSheet(request.getIsrc(), request.getUseType()).isPresent()));
      attributes.put("mainArtistKnown", new PrimBool(!artists.isEmpty()));
      attributes.put("withheld", strings(withheldUses.getOrDefault(isrc, Set.of())));
      attributes.put("closedIn", strings(closedCountries.getOrDefault(isrc, Set.of())));
      slice.add(new Entity(resource, attributes, parents));
    }
    Map<String, Value> context = new HashMap<>();
    context.put("use", new PrimString(request.getUseType().name()));
    context.put("territory", new PrimString(request.getTerritory().code()));
    context.put("at", new PrimLong(request.getAt().toEpochMilli()));
    EntityUID action = ACTION.of(request.getUseType().name());
    if (dealIds.isEmpty()) {
      return ask(new AuthorizationRequest(principal, action, resource, context), slice, request);
    }
    for (EntityUID deal : dealIds) {
      Map<String, Value> withDeal = new HashMap<>(context);
      withDeal.put("deal", deal);
      if (ask(new AuthorizationRequest(principal, action, resource, withDeal), slice, request)) {
        return true;
      }
    }
    return false;
  }

  private boolean ask(AuthorizationRequest question, Set<Entity> slice, DecisionRequest request)
      throws AuthException {
    AuthorizationResponse answer = engine.isAuthorized(question, policies, slice);
    return answer
        .success
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Cedar could not evaluate " + request.describe() + ": " + answer))
        .isAllowed();
  }

  private static Entity dealEntity(EntityUID id, Deal deal) {
    Set<String> uses = new HashSet<>();
    deal.getAiUseTypes().forEach(u -> uses.add(u.name()));
    Map<String, Value> attributes = new HashMap<>();
    attributes.put("uses", strings(uses));
    attributes.put("worldwide", new PrimBool(deal.getTerritories().contains(Territory.WORLDWIDE)));
    attributes.put("territories", territories(deal.getTerritories()));
    attributes.put("excluded", territories(deal.getExcludedTerritories()));
    attributes.put("streaming", new PrimBool(deal.isStreaming()));
    attributes.put("validFrom", new PrimLong(deal.getValidFrom().toEpochMilli()));
    attributes.put("hasEnd", new PrimBool(deal.getValidUntil() != null));
    attributes.put(
        "validUntil",
        new PrimLong(deal.getValidUntil() == null ? 0 : deal.getValidUntil().toEpochMilli()));
    return new Entity(id, attributes, Set.of());
  }

  private Entity artistEntity(EntityUID artist, String artistId, DecisionRequest request) {
    UseType use = request.getUseType();
    var inForce = new ConsentHistory(facts.consents(artistId, use)).effectiveAt(request.getAt());
    Set<EntityUID> groups = new HashSet<>();
    if (inForce.isPresent() && inForce.get().choice() == ConsentChoice.OPT_OUT) {
      groups.add(OPTED_OUT);
    }
    if (inForce.isEmpty() || inForce.get().choice() != ConsentChoice.OPT_IN) {
      groups.add(NOT_OPTED_IN);
    }
    return new Entity(artist, groups);
  }

  private static CedarList strings(Set<String> values) {
    CedarList list = new CedarList();
    values.forEach(v -> list.add(new PrimString(v)));
    return list;
  }

  private static CedarList territories(Set<Territory> territories) {
    CedarList list = new CedarList();
    territories.forEach(t -> list.add(new PrimString(t.code())));
    return list;
  }

  private static EntityTypeName type(String name) {
    return EntityTypeName.parse(name).orElseThrow();
  }
}
