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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The authoring API: policy versions, their files, diffs, validation, scenarios, impact, and the
 * lifecycle (submit, approve, activate, roll back) with its audit trail. Authors write drafts;
 * approvers approve, activate and roll back; auditors read.
 */
@Path("policies")
@Tag(name = "policies")
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
  @Operation(summary = "Every policy version, and the version each node runs")
  @APIResponse(
      responseCode = "200",
      description = "The versions and nodes",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "PolicyVersions")))
  public JsonObject list() {
    return PolicyJson.versions(authoring.list(), authoring.nodes());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.POLICY_AUTHOR)
  @Operation(summary = "Create a draft from files, optionally on top of another version")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "PolicyDraft"),
              examples = @ExampleObject(name = "draft", value = ApiExamples.POLICY_DRAFT_JSON)))
  @APIResponse(
      responseCode = "201",
      description = "The draft",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PolicyVersion")))
  public Response create(
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      InputStream body) {
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
  @Operation(summary = "A policy version: status, stage, author, approver, checksum")
  @APIResponse(
      responseCode = "200",
      description = "The version",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PolicyVersion")))
  public JsonObject version(@PathParam("version") long version) {
    return PolicyJson.version(authoring.info(version));
  }

  @PUT
  @Path("{version}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.POLICY_AUTHOR)
  @Operation(summary = "Change a draft's files (an empty text removes a file)")
  @RequestBody(
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PolicyDraft")))
  @APIResponse(
      responseCode = "200",
      description = "The changed draft",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PolicyVersion")))
  public JsonObject update(
      @PathParam("version") long version,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      InputStream body) {
    return PolicyJson.version(
        authoring.updateDraft(version, user(), PolicyJson.files(body(body, length), true)));
  }

  @GET
  @Path("{version}/files")
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER, Roles.AUDITOR})
  @Operation(summary = "A version's rule files")
  @APIResponse(
      responseCode = "200",
      description = "The files by name",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PolicyFiles")))
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
  @Operation(summary = "A decision table of the version as an XLSX workbook")
  @APIResponse(
      responseCode = "200",
      description = "The workbook",
      content =
          @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")))
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
  @Operation(summary = "Unified diffs of two versions' files")
  @APIResponse(
      responseCode = "200",
      description = "The diffs",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PolicyDiff")))
  public JsonObject diff(@PathParam("from") long from, @PathParam("to") long to) {
    return PolicyJson.diff(from, to, authoring.diff(from, to));
  }

  @POST
  @Path("{version}/validate")
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER})
  @Operation(summary = "Guard refusals, compile problems (file, line, column) and lint warnings")
  @APIResponse(
      responseCode = "200",
      description = "The validation report",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "PolicyValidation")))
  public JsonObject validate(@PathParam("version") long version) {
    return PolicyJson.validation(authoring.validate(version, user()));
  }

  @POST
  @Path("{version}/test")
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER})
  @Operation(summary = "Run the version's scenarios: pass/fail, fired rules, coverage")
  @APIResponse(
      responseCode = "200",
      description = "The test report",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "PolicyTestReport")))
  public JsonObject test(@PathParam("version") long version) {
    return PolicyJson.testReport(version, authoring.test(version, user()));
  }

  @POST
  @Path("{version}/impact")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER})
  @Operation(summary = "Replay logged decisions against the draft and the active version")
  @RequestBody(
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ImpactWindow")))
  @APIResponse(
      responseCode = "202",
      description = "The job, started",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ImpactReport")))
  public Response impact(
      @PathParam("version") long version,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      InputStream body) {
    JsonObject request = body(body, length);
    var report =
        authoring.startImpact(
            version, PolicyJson.window(request), PolicyJson.revenuePeriod(request), user());
    return Response.accepted(ImpactJson.impact(report)).build();
  }

  @GET
  @Path("impact/{jobId}")
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER, Roles.AUDITOR})
  @Operation(summary = "An impact analysis: progress, then flips by kind, feature and use type")
  @APIResponse(
      responseCode = "200",
      description = "The report so far",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ImpactReport")))
  public JsonObject impactReport(@PathParam("jobId") String jobId) {
    return ImpactJson.impact(authoring.impact(jobId));
  }

  @POST
  @Path("{version}/submit")
  @RolesAllowed(Roles.POLICY_AUTHOR)
  @Operation(summary = "Submit a draft for approval (it must compile and pass its scenarios)")
  @APIResponse(
      responseCode = "200",
      description = "The submitted version",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PolicyVersion")))
  public JsonObject submit(@PathParam("version") long version) {
    return PolicyJson.version(authoring.submit(version, user()));
  }

  @POST
  @Path("{version}/approve")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(Roles.POLICY_APPROVER)
  @Operation(summary = "Approve a submitted version (four eyes), for the checksum reviewed")
  @RequestBody(
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Approval")))
  @APIResponse(
      responseCode = "200",
      description = "The approved version",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PolicyVersion")))
  public JsonObject approve(
      @PathParam("version") long version,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
      InputStream body) {
    return PolicyJson.version(
        authoring.approve(
            version, user(), PolicyJson.optionalString(body(body, length), "checksum")));
  }

  @POST
  @Path("{version}/activate")
  @RolesAllowed(Roles.POLICY_APPROVER)
  @Operation(summary = "Activate an approved version on every node")
  @APIResponse(
      responseCode = "200",
      description = "Whether every node runs it",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "PolicyActivation")))
  public JsonObject activate(@PathParam("version") long version) {
    return PolicyJson.activation(authoring.activate(version, user()));
  }

  @POST
  @Path("{version}/rollback")
  @RolesAllowed(Roles.POLICY_APPROVER)
  @Operation(summary = "Roll back to a retired version, as a new version, activated")
  @APIResponse(
      responseCode = "200",
      description = "The new version and the nodes",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "PolicyActivation")))
  public JsonObject rollback(@PathParam("version") long version) {
    return PolicyJson.activation(authoring.rollback(version, user()));
  }

  @GET
  @Path("audit")
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER, Roles.AUDITOR})
  @Operation(summary = "The audit trail: who, when, what, checksum")
  @APIResponse(
      responseCode = "200",
      description = "The entries",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PolicyAudit")))
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
  @Operation(summary = "The policy version each node runs")
  @APIResponse(
      responseCode = "200",
      description = "The nodes",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PolicyNodes")))
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
