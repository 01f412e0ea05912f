package io.stave.interfaces.rest;

import io.stave.application.FeedMessageQuery;
import io.stave.application.FeedMessages;
import io.stave.application.Feeds;
import io.stave.application.NotFoundException;
import io.stave.interfaces.rest.problem.FieldError;
import io.stave.interfaces.rest.problem.InvalidRequestException;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The HTTP feed channel and the feed ledger: {@code POST /feeds/{ern|consents|splits}} with the
 * message as the body (Content-Type says XML, CSV or JSON) answers 200 with the message's status
 * record when it is applied (or was already), 422 when it is rejected. Messages can be listed,
 * read and replayed.
 */
@Path("feeds")
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
  public Response submit(@PathParam("kind") String kindName, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body) {
    FeedKind kind = FeedKind.fromWireName(kindName).orElseThrow(() -> new NotFoundException(
        "no feed '" + kindName + "': POST to /api/v1/feeds/ern, /consents or /splits"));
    FeedFormat format = FeedFormat.recognise(contentType).orElseThrow(() -> invalid("Content-Type",
        "'" + contentType + "' is not one of application/xml, text/csv, application/json"));
    byte[] bytes = read(body, feeds.maxMessageBytes() + 1);
    String source = "http:" + (security.getUserPrincipal() == null ? "unknown" : security.getUserPrincipal().getName());
    FeedReceipt receipt = feeds.submit(new FeedMessage(kind, format, FeedChannel.HTTP, source, bytes));
    return respond(receipt);
  }

  @GET
  @Path("messages")
  @RolesAllowed({Roles.FEED_INTEGRATOR, Roles.AUDITOR, Roles.POLICY_AUTHOR})
  public Response list(
      @QueryParam("status") String status,
      @QueryParam("kind") String kind,
      @QueryParam("channel") String channel,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset) {
    List<FieldError> errors = new ArrayList<>();
    var query = new FeedMessageQuery(
        parse(errors, "status", status, v -> FeedStatus.valueOf(v.toUpperCase(Locale.ROOT))),
        parse(errors, "kind", kind, v -> FeedKind.fromWireName(v).orElseThrow()),
        parse(errors, "channel", channel, v -> FeedChannel.valueOf(v.toUpperCase(Locale.ROOT))),
        parse(errors, "since", since, Instant::parse),
        parse(errors, "until", until, Instant::parse),
        limit, offset);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return Response.ok(FeedJson.receipts(messages.list(query), query.limit(), query.offset())).build();
  }

  @GET
  @Path("messages/{id}")
  @RolesAllowed({Roles.FEED_INTEGRATOR, Roles.AUDITOR, Roles.POLICY_AUTHOR})
  public Response find(@PathParam("id") String id) {
    return Response.ok(FeedJson.receipt(messages.find(id).orElseThrow(() -> notFound(id)))).build();
  }

  @GET
  @Path("messages/{id}/content")
  @Produces(MediaType.WILDCARD)
  @RolesAllowed({Roles.FEED_INTEGRATOR, Roles.AUDITOR})
  public Response content(@PathParam("id") String id) {
    FeedMessage message = messages.content(id).orElseThrow(() -> notFound(id));
    String mediaType = switch (message.format()) {
      case XML -> MediaType.APPLICATION_XML;
      case CSV -> "text/csv";
      case JSON -> MediaType.APPLICATION_JSON;
    };
    return Response.ok(message.body(), mediaType).build();
  }

  @POST
  @Path("messages/{id}/replay")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(Roles.FEED_INTEGRATOR)
  public Response replay(@PathParam("id") String id) {
    return respond(feeds.replay(id).orElseThrow(() -> notFound(id)));
  }

  private static Response respond(FeedReceipt receipt) {
    return Response.status(receipt.rejected() ? UNPROCESSABLE : 200).entity(FeedJson.receipt(receipt)).build();
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("no feed message " + id + " is on record");
  }

  private static byte[] read(InputStream body, long limit) {
    try {
      return body.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
    } catch (IOException e) {
      throw new UncheckedIOException("the request body could not be read", e);
    }
  }

  private static <T> Optional<T> parse(List<FieldError> errors, String field, String value, Function<String, T> parser) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(value.trim()));
    } catch (IllegalArgumentException | DateTimeParseException | java.util.NoSuchElementException e) {
      errors.add(new FieldError(field, "'" + value + "' is not a valid " + field));
      return Optional.empty();
    }
  }

  private static InvalidRequestException invalid(String field, String message) {
    return new InvalidRequestException(List.of(new FieldError(field, message)));
  }
}
