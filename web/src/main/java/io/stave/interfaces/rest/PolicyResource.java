package io.stave.interfaces.rest;

import io.stave.application.authoring.PolicyAuthoring;
import io.stave.rules.engine.DecisionTableWorkbook;
import io.stave.rules.engine.PolicySource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;

/**
 * The authoring API: policy versions, their files, diffs, validation, scenarios, impact, and the
 * lifecycle (submit, approve, activate, roll back) with its audit trail. Authors write drafts;
 * approvers approve, activate and roll back; auditors read.
 */
@Path("policies")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final long POLICY_LIMIT = Long.getLong("stave.api.max-policy-bytes", 32L * 1024 * 1024);
  private static final String LIMIT_SETTING = "stave.api.max-policy-bytes";

  @Inject PolicyAuthoring authoring;
  @Context SecurityContext security;

  @GET
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER, Roles.AUDITOR})
  public JsonObject list() {
    return PolicyJson.versions(authoring.list(), authoring.nodes());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.POLICY_AUTHOR)
  public Response create(@HeaderParam(HttpHeaders.CONTENT_LENGTH) String length, InputStream body) {
    JsonObject json = body(body, length);
    var draft =
        authoring.createDraft(
            user(),
            PolicyJson.files(json, PolicyJson.optionalVersion(json, "basedOn") == null),
            PolicyJson.optionalVersion(json, "basedOn"),
            PolicyJson.optionalString(json, "description"));
    return Response.status(Response.Status.CREATED).entity(PolicyJson.version(draft)).build();
  }

  @GET
  @Path("{version}")
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER, Roles.AUDITOR})
  public JsonObject version(@PathParam("version") long version) {
    return PolicyJson.version(authoring.info(version));
  }

  @PUT
  @Path("{version}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.POLICY_AUTHOR)
  public JsonObject update(
      @PathParam("version") long version,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      InputStream body) {
    return PolicyJson.version(
        authoring.updateDraft(version, user(), PolicyJson.files(body(body, length), true)));
  }

  @GET
  @Path("{version}/files")
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER, Roles.AUDITOR})
  public JsonObject files(@PathParam("version") long version) {
    PolicySource source = authoring.sources(version);
    return PolicyJson.files(version, source.files());
  }

  /**
   * A decision table of the version as an XLSX workbook, for authors who keep tables in
   * spreadsheets.
   */
  @GET
  @Path("{version}/files/{name}.xlsx")
  @Produces(XLSX)
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER, Roles.AUDITOR})
  public Response workbook(@PathParam("version") long version, @PathParam("name") String name) {
    // {name} is the table's name without ".xlsx", e.g. "consent-defaults.drl"; it is stored as CSV.
    String table =
        name.endsWith(".drl") ? authoring.sources(version).files().get(name + ".csv") : null;
    if (table == null) {
      throw new io.stave.application.NotFoundException(
          "policy version " + version + " has no decision table " + name + ".csv");
    }
    return Response.ok(DecisionTableWorkbook.toXlsx(table), XLSX)
        .header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"")
        .build();
  }

  @GET
  @Path("{from}/diff/{to}")
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER, Roles.AUDITOR})
  public JsonObject diff(@PathParam("from") long from, @PathParam("to") long to) {
    return PolicyJson.diff(from, to, authoring.diff(from, to));
  }

  @POST
  @Path("{version}/validate")
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER})
  public JsonObject validate(@PathParam("version") long version) {
    return PolicyJson.validation(authoring.validate(version, user()));
  }

  @POST
  @Path("{version}/test")
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER})
  public JsonObject test(@PathParam("version") long version) {
    return PolicyJson.testReport(version, authoring.test(version, user()));
  }

  @POST
  @Path("{version}/impact")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER})
  public Response impact(
      @PathParam("version") long version,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      InputStream body) {
    var report = authoring.startImpact(version, PolicyJson.window(body(body, length)), user());
    return Response.accepted(PolicyJson.impact(report)).build();
  }

  @GET
  @Path("impact/{jobId}")
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER, Roles.AUDITOR})
  public JsonObject impactReport(@PathParam("jobId") String jobId) {
    return PolicyJson.impact(authoring.impact(jobId));
  }

  @POST
  @Path("{version}/submit")
  @RolesAllowed(Roles.POLICY_AUTHOR)
  public JsonObject submit(@PathParam("version") long version) {
    return PolicyJson.version(authoring.submit(version, user()));
  }

  @POST
  @Path("{version}/approve")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(Roles.POLICY_APPROVER)
  public JsonObject approve(
      @PathParam("version") long version,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      InputStream body) {
    return PolicyJson.version(
        authoring.approve(
            version, user(), PolicyJson.optionalString(body(body, length), "checksum")));
  }

  @POST
  @Path("{version}/activate")
  @RolesAllowed(Roles.POLICY_APPROVER)
  public JsonObject activate(@PathParam("version") long version) {
    return PolicyJson.activation(authoring.activate(version, user()));
  }

  @POST
  @Path("{version}/rollback")
  @RolesAllowed(Roles.POLICY_APPROVER)
  public JsonObject rollback(@PathParam("version") long version) {
    return PolicyJson.activation(authoring.rollback(version, user()));
  }

  @GET
  @Path("audit")
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER, Roles.AUDITOR})
  public JsonObject audit(
      @QueryParam("version") String version,
      @QueryParam("limit") @DefaultValue("100") String limit) {
    QueryParameters parameters = new QueryParameters();
    Integer versionNumber = parameters.wholeNumber("version", version, null);
    int entries = parameters.wholeNumber("limit", limit, 100);
    parameters.check();
    return PolicyJson.audit(
        authoring.audit(versionNumber == null ? null : (long) versionNumber, entries));
  }

  @GET
  @Path("nodes")
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER, Roles.AUDITOR})
  public JsonObject nodes() {
    return jakarta.json.Json.createObjectBuilder()
        .add("nodes", PolicyJson.nodes(authoring.nodes()))
        .build();
  }

  private JsonObject body(InputStream body, String length) {
    return PolicyJson.object(RequestBodies.read(body, length, POLICY_LIMIT, LIMIT_SETTING));
  }

  private String user() {
    return security.getUserPrincipal().getName();
  }
}
