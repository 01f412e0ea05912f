package io.stave.interfaces.rest;

import io.stave.application.revenue.RevenueService;
import io.stave.application.revenue.StatementDocument;
import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.revenue.Statement;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Statements of closed periods: finance (auditor) reads all of them and their exports; a rights
 * holder reads its own. A rights holder is a caller with the role {@code rights-holder} and, for
 * each party it may read, the role {@code party:<party id>} (a group in the development realm, a
 * roles claim from the identity provider in production).
 */
@Path("statements")
@RequestScoped
public class StatementResource {
  static final String CSV = "text/csv";
  static final String DSR = "text/tab-separated-values";

  @Inject RevenueService revenue;
  @Context SecurityContext security;

  @GET
  @Path("{period}")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.AUDITOR)
  public JsonObject all(@PathParam("period") String period) {
    YearMonth month = period(period);
    JsonArrayBuilder statements = Json.createArrayBuilder();
    revenue.statements(month).forEach(s -> statements.add(StatementDocument.json(s)));
    return Json.createObjectBuilder()
        .add("period", month.toString())
        .add("statements", statements)
        .build();
  }

  @GET
  @Path("{period}/export.csv")
  @Produces(CSV)
  @RolesAllowed(Roles.AUDITOR)
  public Response csv(@PathParam("period") String period) {
    YearMonth month = period(period);
    return file(StatementExports.csv(revenue.statements(month)), CSV, "stave-" + month + ".csv");
  }

  @GET
  @Path("{period}/export.dsr")
  @Produces(DSR)
  @RolesAllowed(Roles.AUDITOR)
  public Response dsr(@PathParam("period") String period) {
    YearMonth month = period(period);
    return file(
        StatementExports.dsr(month, revenue.statements(month), "ALL"),
        DSR,
        "DSR_Stave_ALL_AiUsage_" + month + ".tsv");
  }

  @GET
  @Path("{period}/parties/{party}")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.AUDITOR, Roles.RIGHTS_HOLDER})
  public JsonObject one(@PathParam("period") String period, @PathParam("party") String party) {
    requireReader(party);
    return StatementDocument.json(revenue.statement(period(period), party));
  }

  @GET
  @Path("{period}/parties/{party}/export.csv")
  @Produces(CSV)
  @RolesAllowed({Roles.AUDITOR, Roles.RIGHTS_HOLDER})
  public Response oneCsv(@PathParam("period") String period, @PathParam("party") String party) {
    requireReader(party);
    YearMonth month = period(period);
    Statement statement = revenue.statement(month, party);
    return file(StatementExports.csv(List.of(statement)), CSV, "stave-" + month + ".csv");
  }

  @GET
  @Path("{period}/parties/{party}/export.dsr")
  @Produces(DSR)
  @RolesAllowed({Roles.AUDITOR, Roles.RIGHTS_HOLDER})
  public Response oneDsr(@PathParam("period") String period, @PathParam("party") String party) {
    requireReader(party);
    YearMonth month = period(period);
    Statement statement = revenue.statement(month, party);
    return file(
        StatementExports.dsr(month, List.of(statement), party),
        DSR,
        "DSR_Stave_" + party.replaceAll("[^A-Za-z0-9]", "") + "_AiUsage_" + month + ".tsv");
  }

  /** Finance reads every statement; a rights holder only the parties it holds. */
  private void requireReader(String party) {
    if (!security.isUserInRole(Roles.AUDITOR)
        && !security.isUserInRole(Roles.RIGHTS_HOLDER_PARTY_PREFIX + party)) {
      throw new ForbiddenException(
          "A rights holder reads only the statements of its own parties, and "
              + security.getUserPrincipal().getName()
              + " does not hold "
              + party
              + ".");
    }
  }

  static YearMonth period(String text) {
    YearMonth month;
    try {
      month = YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidValueException("period", "'" + text + "' is not a month (YYYY-MM)");
    }
    RequestTimes.date("period", text, month.atDay(1));
    return month;
  }

  private static Response file(String content, String type, String name) {
    return Response.ok(content, type + "; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .build();
  }
}
