package io.stave.interfaces.rest;

import io.stave.application.revenue.UsageEvent;
import io.stave.application.revenue.UsageReceipt;
import io.stave.application.revenue.UsageService;
import io.stave.interfaces.rest.problem.FieldError;
import io.stave.interfaces.rest.problem.InvalidRequestException;
import io.stave.interfaces.rest.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Usage reported by AI features against the decisions that permitted it: one event, or {@code
 * {"events": […]}} of up to 1,000. A receipt is answered only once the accepted events are
 * committed.
 */
@Path("usage")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {
  private static final int UNPROCESSABLE = 422;

  @Inject UsageService usage;
  @Context SecurityContext security;

  /**
   * One event: 200 with its receipt (ACCEPTED or DUPLICATE), or 422 naming why it is rejected. A
   * batch: 200 with a receipt per event, in order. Bad fields: 400 naming each.
   */
  @POST
  @RolesAllowed(Roles.FEATURE_CLIENT)
  public Response report(@HeaderParam(HttpHeaders.CONTENT_LENGTH) String length, InputStream body) {
    JsonObject json =
        PolicyJson.object(
            RequestBodies.read(
                body, length, RequestBodies.DECISION_LIMIT, RequestBodyReader.LIMIT_SETTING));
    String principal = security.getUserPrincipal().getName();
    List<FieldError> errors = new ArrayList<>();
    if (json.containsKey("events")) {
      JsonValue events = json.get("events");
      if (events.getValueType() != JsonValue.ValueType.ARRAY) {
        throw new InvalidRequestException(List.of(new FieldError("events", "must be an array")));
      }
      int size = events.asJsonArray().size();
      if (size == 0 || size > UsageService.MAX_BATCH) {
        throw new InvalidRequestException(
            List.of(
                new FieldError("events", "must hold 1 to " + UsageService.MAX_BATCH + " events")));
      }
      List<UsageEvent> parsed = new ArrayList<>(size);
      int i = 0;
      for (JsonValue value : events.asJsonArray()) {
        parsed.add(UsageJson.event(value, "events[" + i++ + "].", errors));
      }
      if (!errors.isEmpty()) {
        throw new InvalidRequestException(errors);
      }
      return Response.ok(UsageJson.receipts(usage.report(parsed, principal))).build();
    }
    UsageEvent event = UsageJson.event(json, "", errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    UsageReceipt receipt = usage.report(List.of(event), principal).get(0);
    if (receipt.status() != UsageReceipt.Status.REJECTED) {
      return Response.ok(UsageJson.receipt(receipt)).build();
    }
    JsonObject problem =
        Json.createObjectBuilder()
            .add("type", "about:blank")
            .add("title", "Unprocessable Entity")
            .add("status", UNPROCESSABLE)
            .add("detail", receipt.message())
            .add("reason", receipt.reason())
            .add(
                "errors",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("field", field(receipt.reason()))
                            .add("message", receipt.message())))
            .add("receipt", UsageJson.receipt(receipt))
            .build();
    return Response.status(UNPROCESSABLE)
        .type(Problem.JSON_TYPE)
        .entity(problem.toString())
        .build();
  }

  /** The field of the event a rejection is about. */
  private static String field(String reason) {
    return switch (UsageReceipt.Rejection.valueOf(reason)) {
      case UNKNOWN_DECISION, NOT_PERMITTED -> "decisionId";
      case OTHER_RECORDING -> "isrc";
      case OTHER_USE -> "useType";
      case OTHER_FEATURE -> "feature";
      case OUTSIDE_VALIDITY -> "from";
      case EVENT_ID_REUSED -> "eventId";
    };
  }
}
