package io.stave.interfaces.rest;

import io.stave.interfaces.rest.problem.FieldError;
import io.stave.interfaces.rest.problem.InvalidRequestException;
import io.stave.rules.engine.DecisionTableVerifier;
import io.stave.rules.engine.FactModel;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the policy author console asks beside the authoring API: who is signed in (to show only the
 * actions their roles allow), the fact model (to complete fact types and fields in the DRL editor)
 * and the verification of a decision table being edited (gaps, conflicts, redundant rows), before
 * it is saved.
 */
@Path("console")
@Tag(name = "console")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleResource {
  private static final List<String> ROLES =
      List.of(
          Roles.FEATURE_CLIENT,
          Roles.FEED_INTEGRATOR,
          Roles.POLICY_AUTHOR,
          Roles.POLICY_APPROVER,
          Roles.AUDITOR,
          Roles.RIGHTS_HOLDER);

  @Context SecurityContext security;

  @GET
  @Path("session")
  @RolesAllowed({
    Roles.FEATURE_CLIENT,
    Roles.FEED_INTEGRATOR,
    Roles.POLICY_AUTHOR,
    Roles.POLICY_APPROVER,
    Roles.AUDITOR,
    Roles.RIGHTS_HOLDER
  })
  @Operation(
      summary = "Who is signed in",
      description = "The caller's user name and which of Stave's six roles it has.")
  @APIResponse(responseCode = "200", description = "{\"user\": …, \"roles\": [ … ]}")
  public JsonObject session() {
    JsonArrayBuilder roles = Json.createArrayBuilder();
    ROLES.stream().filter(security::isUserInRole).forEach(roles::add);
    return Json.createObjectBuilder()
        .add("user", security.getUserPrincipal().getName())
        .add("roles", roles)
        .build();
  }

  @GET
  @Path("fact-model")
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER, Roles.AUDITOR})
  @Operation(
      summary = "The fact model rules may use",
      description =
          "Every type of io.stave.rules.domain a policy may import: properties a pattern can"
              + " constrain, methods it can call, enum constants.")
  @APIResponse(responseCode = "200", description = "{\"types\": [ … ]}")
  public JsonObject factModel() {
    JsonArrayBuilder types = Json.createArrayBuilder();
    for (FactModel.FactType type : FactModel.types()) {
      JsonArrayBuilder properties = Json.createArrayBuilder();
      type.properties()
          .forEach(
              p ->
                  properties.add(
                      Json.createObjectBuilder().add("name", p.name()).add("type", p.type())));
      JsonArrayBuilder methods = Json.createArrayBuilder();
      type.methods()
          .forEach(
              m ->
                  methods.add(
                      Json.createObjectBuilder()
                          .add("name", m.name())
                          .add("parameters", strings(m.parameters()))
                          .add("returns", m.returns())));
      types.add(
          Json.createObjectBuilder()
              .add("name", type.name())
              .add("qualifiedName", type.qualifiedName())
              .add("kind", type.kind())
              .add("properties", properties)
              .add("methods", methods)
              .add("constants", strings(type.constants())));
    }
    return Json.createObjectBuilder().add("types", types).build();
  }

  /** {@code {"csv": "…decision table…"}} → the verifier's findings, each with its CSV lines. */
  @POST
  @Path("decision-tables/verify")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER})
  @Operation(
      summary = "Verify a decision table",
      description =
          "Gaps (enum-valued condition columns), conflicts, redundant rows, overlaps and invalid"
              + " values of a decision table in Stave's CSV form, each with its CSV lines; at most"
              + " 500 findings.")
  @APIResponse(responseCode = "200", description = "The findings, their counts and notes")
  public JsonObject verify(
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length, InputStream body) {
    JsonObject json =
        PolicyJson.object(
            RequestBodies.read(
                body, length, PolicyResource.POLICY_LIMIT, "stave.api.max-policy-bytes"));
    String csv = PolicyJson.optionalString(json, "csv");
    if (csv == null) {
      throw new InvalidRequestException(
          List.of(new FieldError("csv", "is required: the decision table as CSV text")));
    }
    DecisionTableVerifier.Report report = DecisionTableVerifier.verify(csv);
    JsonArrayBuilder findings = Json.createArrayBuilder();
    for (DecisionTableVerifier.Finding finding : report.findings()) {
      JsonArrayBuilder rows = Json.createArrayBuilder();
      finding.rows().forEach(rows::add);
      findings.add(
          Json.createObjectBuilder()
              .add("kind", finding.kind())
              .add("table", finding.table())
              .add("rows", rows)
              .add("message", finding.message()));
    }
    JsonObjectBuilder counts = Json.createObjectBuilder();
    for (String kind : List.of("GAP", "CONFLICT", "REDUNDANT", "OVERLAP", "INVALID_VALUE")) {
      counts.add(kind, report.count(kind));
    }
    return Json.createObjectBuilder()
        .add("tables", report.tables())
        .add("rows", report.rows())
        .add("counts", counts)
        .add("findings", findings)
        .add("truncated", report.truncated())
        .add("notes", strings(report.notes()))
        .build();
  }

  private static JsonArrayBuilder strings(Collection<String> values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    values.forEach(array::add);
    return array;
  }
}
