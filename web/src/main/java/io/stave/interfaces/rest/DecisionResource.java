package io.stave.interfaces.rest;

import io.stave.application.DecisionLog;
import io.stave.application.DecisionPage;
import io.stave.application.DecisionQuery;
import io.stave.application.DecisionService;
import io.stave.application.NotFoundException;
import io.stave.interfaces.rest.dto.BatchRequestBody;
import io.stave.interfaces.rest.dto.BatchView;
import io.stave.interfaces.rest.dto.DecisionListView;
import io.stave.interfaces.rest.dto.DecisionRequestBody;
import io.stave.interfaces.rest.dto.DecisionView;
import io.stave.interfaces.rest.problem.FieldError;
import io.stave.interfaces.rest.problem.InvalidRequestException;
import io.stave.rules.domain.Decision;
import io.stave.rules.domain.Isrc;
import io.stave.rules.domain.Verdict;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The decision API: AI features ask, auditors read the log. */
@Path("decisions")
@Tag(name = "decisions")
@RequestScoped
@Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
@Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
public class DecisionResource {
  @Inject DecisionService decisions;
  @Inject DecisionLog log;
  @Context SecurityContext security;

  /**
   * Feature clients decide live (logged); policy authors and approvers may only dry-run a stored
   * version (docs/contract.md: they test rules, they do not use recordings), so their live request
   * is a 403.
   */
  @POST
  @RolesAllowed({Roles.FEATURE_CLIENT, Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER})
  @Operation(
      summary = "Ask whether an AI feature may use a recording",
      description =
          "A live decision (feature-client) is answered only once it is in the decision log. A"
              + " request naming policyVersion is a dry run against that stored version, not"
              + " logged (also for policy authors and approvers). JSON or XML, as Content-Type"
              + " and Accept say.")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DecisionRequestBody.class),
            examples =
                @ExampleObject(name = "curation", value = ApiExamples.DECISION_REQUEST_JSON)),
        @Content(
            mediaType = MediaType.APPLICATION_XML,
            schema = @Schema(implementation = DecisionRequestBody.class),
            examples = @ExampleObject(name = "curation", value = ApiExamples.DECISION_REQUEST_XML))
      })
  @APIResponse(
      responseCode = "200",
      description = "The decision, with its reasons, obligations, split and policy version",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DecisionView.class),
            examples = {
              @ExampleObject(name = "permit", value = ApiExamples.PERMIT_JSON),
              @ExampleObject(name = "deny", value = ApiExamples.DENY_JSON)
            }),
        @Content(
            mediaType = MediaType.APPLICATION_XML,
            schema = @Schema(implementation = DecisionView.class),
            examples = @ExampleObject(name = "permit", value = ApiExamples.PERMIT_XML))
      })
  public DecisionView decide(DecisionRequestBody body) {
    var request = RequestConversion.single(body);
    if (body.policyVersion != null) {
      return DecisionView.dryRun(decisions.dryRun(List.of(request), body.policyVersion).get(0));
    }
    requireFeatureClient();
    return DecisionView.of(decisions.decide(request, principal()));
  }

  @POST
  @Path("batch")
  @RolesAllowed({Roles.FEATURE_CLIENT, Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER})
  @Operation(
      summary = "Up to 1,000 decisions in one call, answered in request order",
      description =
          "All are decided with one policy version and logged in one write; policyVersion makes"
              + " the whole batch a dry run.")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchRequestBody.class),
            examples = @ExampleObject(name = "two", value = ApiExamples.BATCH_REQUEST_JSON)),
        @Content(
            mediaType = MediaType.APPLICATION_XML,
            schema = @Schema(implementation = BatchRequestBody.class),
            examples = @ExampleObject(name = "two", value = ApiExamples.BATCH_REQUEST_XML))
      })
  @APIResponse(
      responseCode = "200",
      description = "One decision per request, in the same order",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchView.class)),
        @Content(
            mediaType = MediaType.APPLICATION_XML,
            schema = @Schema(implementation = BatchView.class))
      })
  public BatchView decideBatch(BatchRequestBody body) {
    if (body == null) {
      throw new InvalidRequestException(List.of(new FieldError("body", "is required")));
    }
    var requests = RequestConversion.batch(body.requests, DecisionService.MAX_BATCH);
    BatchView view = new BatchView();
    if (body.policyVersion != null) {
      for (Decision decision : decisions.dryRun(requests, body.policyVersion)) {
        view.results.add(DecisionView.dryRun(decision));
      }
    } else {
      requireFeatureClient();
      for (Decision decision : decisions.decideAll(requests, principal())) {
        view.results.add(DecisionView.of(decision));
      }
    }
    return view;
  }

  @GET
  @Path("{decisionId}")
  @RolesAllowed({Roles.FEATURE_CLIENT, Roles.AUDITOR, Roles.POLICY_AUTHOR})
  @Operation(
      summary = "Read a logged decision: why it came out as it did",
      description = "With the request as decided and the caller who asked.")
  @APIResponse(
      responseCode = "200",
      description = "The logged decision",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DecisionView.class)),
        @Content(
            mediaType = MediaType.APPLICATION_XML,
            schema = @Schema(implementation = DecisionView.class))
      })
  public DecisionView find(@PathParam("decisionId") String decisionId) {
    return log.find(decisionId)
        .map(DecisionView::logged)
        .orElseThrow(() -> new NotFoundException("no decision " + decisionId + " is in the log"));
  }

  @GET
  @RolesAllowed(Roles.AUDITOR)
  @Operation(summary = "The decision log, newest first (auditors)")
  @APIResponse(
      responseCode = "200",
      description = "One page of logged decisions",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DecisionListView.class)),
        @Content(
            mediaType = MediaType.APPLICATION_XML,
            schema = @Schema(implementation = DecisionListView.class))
      })
  public DecisionListView list(
      @Parameter(description = "Only decisions for this feature") @QueryParam("feature")
          String feature,
      @Parameter(description = "Only decisions about this recording") @QueryParam("isrc")
          String isrc,
      @Parameter(description = "Only decisions about recordings of this main artist (party id)")
          @QueryParam("artist")
          String artist,
      @Parameter(
              description = "Only this outcome",
              schema = @Schema(enumeration = {"PERMIT", "DENY"}))
          @QueryParam("decision")
          String verdict,
      @Parameter(
              description = "Evaluated at or after (ISO-8601 instant)",
              schema = @Schema(format = "date-time"))
          @QueryParam("from")
          String from,
      @Parameter(
              description = "Evaluated before (ISO-8601 instant)",
              schema = @Schema(format = "date-time"))
          @QueryParam("to")
          String to,
      @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER))
          @QueryParam("limit")
          @DefaultValue("50")
          String limit,
      @Parameter(description = "Decisions to skip", schema = @Schema(type = SchemaType.INTEGER))
          @QueryParam("offset")
          @DefaultValue("0")
          String offset) {
    QueryParameters parameters = new QueryParameters();
    Isrc recording = parameters.parsed("isrc", isrc, Isrc::of, "is not an ISRC", null);
    Verdict decision = parameters.oneOf("decision", verdict, Verdict.class);
    Instant since = parameters.instant("from", from);
    Instant until = parameters.instant("to", to);
    int pageSize = parameters.wholeNumber("limit", limit, 50);
    int skip = parameters.wholeNumber("offset", offset, 0);
    parameters.check();
    DecisionPage page =
        log.list(
            new DecisionQuery(feature, recording, artist, decision, since, until, pageSize, skip));
    DecisionListView view = new DecisionListView();
    page.decisions().forEach(d -> view.decisions.add(DecisionView.logged(d)));
    view.offset = page.offset();
    view.limit = page.limit();
    view.more = page.more();
    return view;
  }

  private void requireFeatureClient() {
    if (!security.isUserInRole(Roles.FEATURE_CLIENT)) {
      throw new ForbiddenException(
          "Only feature clients make live decisions; policy authors and"
              + " approvers dry-run a stored version by naming its policyVersion.");
    }
  }

  private String principal() {
    return security.getUserPrincipal().getName();
  }
}
