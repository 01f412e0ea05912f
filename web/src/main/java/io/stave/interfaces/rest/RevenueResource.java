package io.stave.interfaces.rest;

import io.stave.application.revenue.RevenueLedger;
import io.stave.application.revenue.RevenueService;
import io.stave.interfaces.rest.problem.FieldError;
import io.stave.interfaces.rest.problem.InvalidRequestException;
import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.domain.Money;
import io.stave.rules.revenue.Statement;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Finance's side of revenue (the auditor role): accounting periods and their close, exchange rates
 * supplied as data, and corrections booked as adjustments to the next period.
 */
@Path("revenue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RevenueResource {
  @Inject RevenueService revenue;
  @Context SecurityContext security;

  @GET
  @Path("periods")
  @RolesAllowed(Roles.AUDITOR)
  public JsonObject periods() {
    JsonArrayBuilder periods = Json.createArrayBuilder();
    revenue.periods().forEach(p -> periods.add(period(p)));
    return Json.createObjectBuilder().add("periods", periods).build();
  }

  @GET
  @Path("periods/{period}")
  @RolesAllowed(Roles.AUDITOR)
  public JsonObject period(@PathParam("period") String period) {
    return period(revenue.period(StatementResource.period(period)));
  }

  /** Closes a period that has ended; final. 409 when it cannot (and why). */
  @POST
  @Path("periods/{period}/close")
  @RolesAllowed(Roles.AUDITOR)
  public JsonObject close(@PathParam("period") String period) {
    return period(revenue.close(StatementResource.period(period), user()));
  }

  /**
   * {@code {"rates":[{"from":"JPY","to":"EUR","rate":"0.0062","validFrom":"2026-03-31"}]}}: 1 unit
   * of {@code from} is {@code rate} units of {@code to}, from that date on.
   */
  @POST
  @Path("rates")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.AUDITOR)
  public JsonObject rates(
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length, InputStream body) {
    JsonObject json = body(body, length);
    List<FieldError> errors = new ArrayList<>();
    JsonRequests.onlyFields(json, List.of("rates"), "", "a rates body", errors);
    List<Statement.Rate> rates = new ArrayList<>();
    JsonValue list = json.get("rates");
    if (list == null
        || list.getValueType() != JsonValue.ValueType.ARRAY
        || list.asJsonArray().isEmpty()) {
      throw new InvalidRequestException(
          List.of(new FieldError("rates", "must be a non-empty array")));
    }
    int i = 0;
    for (JsonValue value : list.asJsonArray()) {
      String path = "rates[" + i++ + "].";
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        errors.add(new FieldError(path.substring(0, path.length() - 1), "must be an object"));
        continue;
      }
      JsonObject o = value.asJsonObject();
      JsonRequests.onlyFields(o, RATE_FIELDS, path, "a rate", errors);
      Currency from = currency(o, path + "from", "from", errors);
      Currency to = currency(o, path + "to", "to", errors);
      BigDecimal rate = null;
      try {
        rate = new BigDecimal(string(o, "rate"));
        if (rate.signum() <= 0) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException | NullPointerException e) {
        errors.add(new FieldError(path + "rate", "must be a positive decimal, e.g. \"0.0062\""));
      }
      LocalDate validFrom = null;
      String validFromText = string(o, "validFrom");
      if (validFromText == null) {
        errors.add(new FieldError(path + "validFrom", "must be a date, e.g. \"2026-03-31\""));
      } else {
        try {
          validFrom = RequestTimes.date("validFrom", validFromText);
        } catch (InvalidValueException e) {
          errors.add(new FieldError(path + "validFrom", e.problem()));
        }
      }
      if (from != null && from.equals(to)) {
        errors.add(new FieldError(path + "to", "must differ from from"));
      }
      if (errors.isEmpty()) {
        rates.add(new Statement.Rate(from, to, rate, validFrom));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    revenue.addRates(rates, user());
    return Json.createObjectBuilder().add("stored", rates.size()).build();
  }

  /**
   * {@code {"partyId":…, "amount":"-0.50", "currency":"EUR", "reason":…, "refersTo":"2026-03"}}: a
   * correction, booked into the next period that is closed.
   */
  /** The fields of an adjustment and of a rate; a misspelt one must not be dropped. */
  static final List<String> ADJUSTMENT_FIELDS =
      List.of("partyId", "amount", "currency", "reason", "refersTo");

  static final List<String> RATE_FIELDS = List.of("from", "to", "rate", "validFrom");

  @POST
  @Path("adjustments")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.AUDITOR)
  public JsonObject adjust(
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length, InputStream body) {
    JsonObject json = body(body, length);
    List<FieldError> errors = new ArrayList<>();
    JsonRequests.onlyFields(json, ADJUSTMENT_FIELDS, "", "an adjustment", errors);
    String party = string(json, "partyId");
    if (party == null || party.isBlank()) {
      errors.add(new FieldError("partyId", "is required"));
    }
    String reason = string(json, "reason");
    if (reason == null || reason.isBlank()) {
      errors.add(new FieldError("reason", "is required"));
    }
    Currency currency = currency(json, "currency", "currency", errors);
    long amount = 0;
    String amountText = string(json, "amount");
    if (amountText == null || currency == null) {
      errors.add(new FieldError("amount", "is required, e.g. \"-0.50\""));
    } else {
      try {
        BigDecimal value = new BigDecimal(amountText);
        amount = value.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
      } catch (NumberFormatException | ArithmeticException e) {
        errors.add(
            new FieldError(
                "amount",
                "'"
                    + amountText
                    + "' is not an amount with at most "
                    + currency.getDefaultFractionDigits()
                    + " decimals"));
      }
    }
    String refersTo = string(json, "refersTo");
    if (refersTo != null) {
      try {
        StatementResource.period(refersTo);
      } catch (InvalidValueException e) {
        errors.add(new FieldError("refersTo", e.problem())); // the body's name, not "period"
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    String id = revenue.addAdjustment(party, amount, currency, reason, refersTo, user());
    JsonObjectBuilder answer = Json.createObjectBuilder().add("adjustmentId", id);
    if (!revenue.knowsParty(party)) {
      answer.add(
          "warnings",
          Json.createArrayBuilder()
              .add(
                  Json.createObjectBuilder()
                      .add("field", "partyId")
                      .add(
                          "message",
                          "'"
                              + party
                              + "' is no party a feed, split sheet or statement has named; the"
                              + " correction is booked and will appear on that id's statement")));
    }
    return answer.build();
  }

  private static String string(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    return v.getValueType() == JsonValue.ValueType.STRING
        ? ((JsonString) v).getString().trim()
        : v.toString();
  }

  private static Currency currency(
      JsonObject o, String field, String name, List<FieldError> errors) {
    String code = string(o, name);
    if (code == null) {
      errors.add(new FieldError(field, "is required, an ISO 4217 code such as EUR"));
      return null;
    }
    try {
      return Money.of("0", code).currency();
    } catch (InvalidValueException e) {
      errors.add(
          new FieldError(
              field,
              e.field().equals("currency")
                  ? e.problem()
                  : "'" + code + "' is not an ISO 4217 currency code"));
      return null;
    }
  }

  private static JsonObject period(RevenueLedger.PeriodInfo p) {
    JsonObjectBuilder json =
        Json.createObjectBuilder().add("period", p.period().toString()).add("status", p.status());
    if (p.closedBy() != null) {
      json.add("closedBy", p.closedBy());
    }
    if (p.closedAt() != null) {
      json.add("closedAt", p.closedAt().toString());
    }
    if (p.policyVersion() != null) {
      json.add("policyVersion", p.policyVersion());
    }
    if (p.events() != null) {
      json.add("events", p.events());
    }
    if (p.summaryJson() != null) {
      json.add("summary", Json.createReader(new StringReader(p.summaryJson())).readObject());
    }
    return json.build();
  }

  private static JsonObject body(InputStream body, String length) {
    return PolicyJson.object(
        RequestBodies.read(
            body, length, RequestBodies.DECISION_LIMIT, RequestBodyReader.LIMIT_SETTING));
  }

  private String user() {
    return security.getUserPrincipal().getName();
  }
}
