package io.stave.interfaces.rest;

import io.stave.application.FeedMessageQuery;
import io.stave.application.FeedMessages;
import io.stave.application.Feeds;
import io.stave.application.NotFoundException;
import io.stave.interfaces.rest.problem.ContentTooLarge;
import io.stave.interfaces.rest.problem.Problem;
import io.stave.interfaces.rest.problem.UnsupportedContentType;
import io.stave.routes.feed.FeedChannel;
import io.stave.routes.feed.FeedFormat;
import io.stave.routes.feed.FeedKind;
import io.stave.routes.feed.FeedMessage;
import io.stave.routes.feed.FeedReceipt;
import io.stave.routes.feed.FeedStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import java.util.Optional;
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
 * The HTTP feed channel and the feed ledger: {@code POST /feeds/{ern|consents|splits}} with the
 * message as the body (Content-Type says XML, CSV or JSON) answers 200 with the message's status
 * record when it is applied (or was already), and a problem document holding that record when it is
 * rejected: 422, or 413 above the size limit. A Content-Type the feed does not take is a 415,
 * refused unread. Messages can be listed, read and replayed.
 */
@Path("feeds")
@Tag(name = "feeds")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {
  private static final int UNPROCESSABLE = 422;

  @Inject Feeds feeds;
  @Inject FeedMessages messages;
  @Context SecurityContext security;

  @POST
  @Path("{kind}")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(Roles.FEED_INTEGRATOR)
  @Operation(
      summary = "Deliver one feed message",
      description =
          "ern takes a DDEX ERN 4.3 or 4.3.2 NewReleaseMessage or PurgeReleaseMessage"
              + " (application/xml); consents and splits take CSV (text/csv) or JSON"
              + " (application/json) — docs/feeds.md has the columns. The message is applied"
              + " all or nothing, once: a redelivery changes nothing.")
  @RequestBody(
      required = true,
      content = {
        @Content(mediaType = "application/xml", schema = @Schema(type = SchemaType.STRING)),
        @Content(
            mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING),
            examples = {
              @ExampleObject(name = "consents", value = ApiExamples.CONSENTS_CSV),
              @ExampleObject(name = "splits", value = ApiExamples.SPLITS_CSV)
            }),
        @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY))
      })
  @APIResponse(
      responseCode = "200",
      description = "Applied (or already applied: duplicate is true); the status record",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "FeedReceipt"),
              examples = @ExampleObject(name = "applied", value = ApiExamples.FEED_RECEIPT_JSON)))
  @APIResponse(
      responseCode = "422",
      description = "Rejected: a problem document with the problems and the status record",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response submit(
      @Parameter(
              description = "The feed",
              schema = @Schema(enumeration = {"ern", "consents", "splits"}))
          @PathParam("kind")
          String kindName,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
      InputStream body) {
    FeedKind kind =
        FeedKind.fromWireName(kindName)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no feed '"
                            + kindName
                            + "': POST to /api/v1/feeds/ern, /consents or /splits"));
    FeedFormat format =
        FeedFormat.recognise(contentType)
            .filter(kind.formats()::contains)
            .orElseThrow(
                () ->
                    new UnsupportedContentType(
                        contentType,
                        "POST /api/v1/feeds/" + kind.wireName(),
                        kind.formats().stream().map(FeedFormat::mediaType).toList()));
    long limit = feeds.maxMessageBytes();
    // Refused unread (and not recorded) when Content-Length is above the limit; a chunked body is
    // read to one byte past the limit, and the intake records it as REJECTED without its bytes.
    if (RequestBodies.declaredLength(contentLength) > limit) {
      throw new ContentTooLarge(
          "The message is "
              + RequestBodies.declaredLength(contentLength)
              + " bytes; feed messages are at most "
              + limit
              + " bytes (STAVE_FEEDS_MAX_MESSAGE_BYTES). It was not read.");
    }
    byte[] bytes =
        RequestBodies.readAtMost(body, limit + 1, limit, "STAVE_FEEDS_MAX_MESSAGE_BYTES");
    String source =
        "http:"
            + (security.getUserPrincipal() == null
                ? "unknown"
                : security.getUserPrincipal().getName());
    FeedReceipt receipt =
        feeds.submit(new FeedMessage(kind, format, FeedChannel.HTTP, source, bytes));
    return respond(receipt, bytes.length > limit);
  }

  @GET
  @Path("messages")
  @RolesAllowed({Roles.FEED_INTEGRATOR, Roles.AUDITOR, Roles.POLICY_AUTHOR})
  @Operation(summary = "Feed messages and their status records, newest first")
  @APIResponse(
      responseCode = "200",
      description = "One page of status records",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "FeedReceiptPage")))
  public Response list(
      @QueryParam("status") String status,
      @QueryParam("kind") String kind,
      @QueryParam("channel") String channel,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("limit") @DefaultValue("50") String limitText,
      @QueryParam("offset") @DefaultValue("0") String offsetText) {
    QueryParameters parameters = new QueryParameters();
    var query =
        new FeedMessageQuery(
            Optional.ofNullable(parameters.oneOf("status", status, FeedStatus.class)),
            Optional.ofNullable(
                parameters.parsed(
                    "kind",
                    kind,
                    v -> FeedKind.fromWireName(v).orElseThrow(),
                    "is not a feed kind (ern, consents, splits)",
                    null)),
            Optional.ofNullable(parameters.oneOf("channel", channel, FeedChannel.class)),
            Optional.ofNullable(parameters.instant("since", since)),
            Optional.ofNullable(parameters.instant("until", until)),
            parameters.wholeNumber("limit", limitText, 50),
            parameters.wholeNumber("offset", offsetText, 0));
    parameters.check();
    return Response.ok(FeedJson.receipts(messages.list(query), query.limit(), query.offset()))
        .build();
  }

  @GET
  @Path("messages/{id}")
  @RolesAllowed({Roles.FEED_INTEGRATOR, Roles.AUDITOR, Roles.POLICY_AUTHOR})
  @Operation(summary = "One feed message's status record")
  @APIResponse(
      responseCode = "200",
      description = "The status record",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "FeedReceipt")))
  public Response find(@PathParam("id") String id) {
    return Response.ok(FeedJson.receipt(messages.find(id).orElseThrow(() -> notFound(id)))).build();
  }

  @GET
  @Path("messages/{id}/content")
  @Produces(MediaType.WILDCARD)
  @RolesAllowed({Roles.FEED_INTEGRATOR, Roles.AUDITOR})
  @Operation(summary = "A feed message's original bytes, with its Content-Type")
  @APIResponse(
      responseCode = "200",
      description = "The message as it was delivered",
      content = {
        @Content(mediaType = "application/xml", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.STRING))
      })
  public Response content(@PathParam("id") String id) {
    FeedMessage message = messages.content(id).orElseThrow(() -> notFound(id));
    return Response.ok(message.body(), message.format().mediaType()).build();
  }

  @POST
  @Path("messages/{id}/replay")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(Roles.FEED_INTEGRATOR)
  @Operation(summary = "Read a stored (rejected) message again and apply it if it now can be")
  @APIResponse(
      responseCode = "200",
      description = "Applied now, or already; the status record",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "FeedReceipt")))
  @APIResponse(
      responseCode = "422",
      description = "Still rejected",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response replay(@PathParam("id") String id) {
    return respond(feeds.replay(id).orElseThrow(() -> notFound(id)), false);
  }

  /**
   * 200 with the status record; a rejection is a problem document (422, or 413 when too large)
   * holding it.
   */
  private static Response respond(FeedReceipt receipt, boolean tooLarge) {
    if (!receipt.rejected()) {
      return Response.ok(FeedJson.receipt(receipt)).build();
    }
    int status =
        tooLarge ? Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode() : UNPROCESSABLE;
    return Response.status(status)
        .type(Problem.JSON_TYPE)
        .entity(
            FeedJson.rejection(
                    receipt, status, tooLarge ? "Request Entity Too Large" : "Unprocessable Entity")
                .toString())
        .build();
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("no feed message " + id + " is on record");
  }
}
