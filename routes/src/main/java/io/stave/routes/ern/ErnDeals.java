package io.stave.routes.ern;

import io.stave.routes.ern.ReleaseNotification.DealDescription;
import io.stave.routes.ern.ReleaseNotification.DealGroup;
import io.stave.routes.ern.ReleaseNotification.ReleaseDescription;
import io.stave.routes.ern.ReleaseNotification.UseTypeValue;
import io.stave.routes.ern.ReleaseNotification.Validity;
import io.stave.routes.feed.FeedProblem;
import io.stave.rules.domain.AcceptedTimes;
import io.stave.rules.domain.Deal;
import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Territory;
import io.stave.rules.domain.UseType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deals of one ERN message: each ReleaseDeal's deals, for the recordings its releases hold, one
 * {@link Deal} per validity period, with territories, exclusions and use types mapped (see {@link
 * UseTypeMapping}). What cannot be mapped is a problem (the message is rejected) or a warning (the
 * deal is left out), said where in the message it is.
 */
final class ErnDeals {
  private final String senderKey;
  private final Map<String, Isrc> isrcByResource;
  private final List<FeedProblem> problems;
  private final List<FeedProblem> warnings;

  ErnDeals(
      String senderKey,
      Map<String, Isrc> isrcByResource,
      List<FeedProblem> problems,
      List<FeedProblem> warnings) {
    this.senderKey = senderKey;
    this.isrcByResource = isrcByResource;
    this.problems = problems;
    this.warnings = warnings;
  }

  List<Deal> deals(DealGroup group, Map<String, ReleaseDescription> releases, String releaseKey) {
    String where = "DealList/ReleaseDeal[" + group.position() + "]";
    Set<Isrc> covered = new LinkedHashSet<>();
    for (String releaseReference : group.releaseReferences()) {
      ReleaseDescription release = releases.get(releaseReference);
      if (release == null) {
        problems.add(
            new FeedProblem(
                where + "/DealReleaseReference",
                "names " + releaseReference + ", which is not a release of this message"));
        continue;
      }
      release.resourceReferences().stream()
          .map(isrcByResource::get)
          .filter(java.util.Objects::nonNull)
          .forEach(covered::add);
    }
    if (covered.isEmpty()) {
      warnings.add(
          new FeedProblem(
              where, "covers no recording with an ISRC; its deals are not facts Stave decides on"));
      return List.of();
    }
    List<Deal> deals = new ArrayList<>();
    for (DealDescription deal : group.deals()) {
      deals.addAll(
          deal(
              where + "/Deal[" + deal.position() + "]",
              releaseKey + "#" + group.position() + "." + deal.position(),
              deal,
              covered));
    }
    return deals;
  }

  private List<Deal> deal(String where, String dealId, DealDescription deal, Set<Isrc> covered) {
    if (!deal.hasTerms()) {
      warnings.add(
          new FeedProblem(
              where, "has no DealTerms (communicated out of band); it licenses nothing here"));
      return List.of();
    }
    Set<Territory> territories =
        territories(where + "/DealTerms/TerritoryCode", deal.territories());
    Set<Territory> excluded =
        territories(where + "/DealTerms/ExcludedTerritoryCode", deal.excludedTerritories());
    if (territories.isEmpty() && !excluded.isEmpty()) {
      territories.add(Territory.WORLDWIDE);
    }
    if (territories.isEmpty()) {
      warnings.add(
          new FeedProblem(where + "/DealTerms", "names no territory; it licenses nowhere"));
      return List.of();
    }
    Set<UseType> aiUseTypes = EnumSet.noneOf(UseType.class);
    Set<String> ddexUseTypes = new LinkedHashSet<>();
    for (UseTypeValue useType : deal.useTypes()) {
      var ai = UseTypeMapping.aiUseType(useType.value(), useType.userDefinedValue());
      if (ai.isPresent()) {
        aiUseTypes.add(ai.get());
      } else if ("UserDefined".equals(useType.value())) {
        warnings.add(
            new FeedProblem(
                where + "/DealTerms/UseType",
                "UserDefined value '"
                    + useType.userDefinedValue()
                    + "' names no AI use type ("
                    + UseType.names()
                    + "); it licenses no AI use"));
        ddexUseTypes.add("UserDefined:" + useType.userDefinedValue());
      } else {
        ddexUseTypes.add(useType.value());
      }
    }
    String commercialModel =
        deal.commercialModels().isEmpty() ? null : String.join(",", deal.commercialModels());
    List<Deal> deals = new ArrayList<>();
    int period = 0;
    for (Validity validity : deal.validity()) {
      period++;
      String periodWhere = where + "/DealTerms/ValidityPeriod[" + period + "]";
      try {
        Instant from = start(validity);
        Instant until = end(validity);
        if (from == null) {
          problems.add(new FeedProblem(periodWhere, "has no start"));
          continue;
        }
        String id = deal.validity().size() == 1 ? dealId : dealId + "." + period;
        deals.add(
            new Deal(
                id,
                senderKey,
                covered,
                territories,
                excluded,
                from,
                until,
                aiUseTypes,
                ddexUseTypes,
                commercialModel,
                null));
      } catch (DateTimeParseException e) {
        problems.add(
            new FeedProblem(periodWhere, "has a date that is not a date: " + e.getParsedString()));
      } catch (InvalidValueException e) {
        problems.add(new FeedProblem(periodWhere, e.getMessage()));
      }
    }
    return deals;
  }

  /**
   * The territories Stave can decide for. A DDEX code that is not an ISO 3166-1 country (XK,
   * historic codes) is left out with a warning: no listener can be placed there, so leaving it out
   * of a licence or of an exclusion changes no decision.
   */
  private Set<Territory> territories(String where, List<String> codes) {
    Set<Territory> territories = new LinkedHashSet<>();
    for (String code : codes) {
      try {
        territories.add(Territory.of(code));
      } catch (InvalidValueException e) {
        warnings.add(
            new FeedProblem(
                where, e.getMessage() + "; left out, since no listener can be placed there"));
      }
    }
    return territories;
  }

  private static Instant start(Validity validity) {
    if (validity.startDateTime() != null) {
      return accepted("StartDateTime", validity.startDateTime());
    }
    return validity.startDate() == null
        ? null
        : accepted("StartDate", validity.startDate(), firstDay(validity.startDate()))
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
  }

  /**
   * Exclusive end: the day after a DDEX EndDate (the last day the deal applies); an EndDate of
   * 9999-12-31, the usual "no end", ends at the first instant of the year 10000.
   */
  private static Instant end(Validity validity) {
    if (validity.endDateTime() != null) {
      return accepted("EndDateTime", validity.endDateTime());
    }
    if (validity.endDate() == null) {
      return null;
    }
    String date = validity.endDate();
    LocalDate last =
        date.length() == 4
            ? LocalDate.parse(date + "-12-31")
            : date.length() == 7
                ? LocalDate.parse(date + "-01").plusMonths(1).minusDays(1)
                : LocalDate.parse(date);
    return accepted("EndDate", date, last).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static Instant accepted(String element, String text) {
    Instant instant = OffsetDateTime.parse(text).toInstant();
    if (!AcceptedTimes.contains(instant)) {
      throw AcceptedTimes.outside(element, text);
    }
    return instant;
  }

  private static LocalDate accepted(String element, String text, LocalDate date) {
    if (!AcceptedTimes.contains(date)) {
      throw AcceptedTimes.outside(element, text);
    }
    return date;
  }

  private static LocalDate firstDay(String date) {
    return date.length() == 4
        ? LocalDate.parse(date + "-01-01")
        : date.length() == 7 ? LocalDate.parse(date + "-01") : LocalDate.parse(date);
  }
}
