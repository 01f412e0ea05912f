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

/** The decision API: AI features ask, auditors read the log. */
@Path("decisions")
@RequestScoped
@Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
@Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
public class DecisionResource {
  @Inject DecisionService decisions;
  @Inject DecisionLog log;
  @Context SecurityContext security;

  /**
   * Feature clients decide live (logged); policy authors and approvers may only dry-run a stored
   * version (DESIGN: they test rules, they do not use recordings), so their live request is a 403.
   */
  @POST
  @RolesAllowed({Roles.FEATURE_CLIENT, Roles.POLICY_AUTHOR, Roles.POLICY_APPROVER})
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
  public DecisionView find(@PathParam("decisionId") String decisionId) {
    return log.find(decisionId)
        .map(DecisionView::logged)
        .orElseThrow(() -> new NotFoundException("no decision " + decisionId + " is in the log"));
  }

  @GET
  @RolesAllowed(Roles.AUDITOR)
  public DecisionListView list(
      @QueryParam("feature") String feature,
      @QueryParam("isrc") String isrc,
      @QueryParam("artist") String artist,
      @QueryParam("decision") String verdict,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") @DefaultValue("50") String limit,
      @QueryParam("offset") @DefaultValue("0") String offset) {
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
