package io.stave.interfaces.rest.problem;

import io.stave.application.NotFoundException;
import io.stave.application.ServiceUnavailableException;
import io.stave.rules.domain.InvalidValueException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every error the API can produce, as a problem document; never a stack trace. */
public final class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

  private ProblemMappers() {}

  /** 400 naming each bad field. */
  @Provider
  public static class InvalidRequest implements ExceptionMapper<InvalidRequestException> {
    @Override
    public Response toResponse(InvalidRequestException e) {
      return Problem.response(Response.Status.BAD_REQUEST, e.detail(), e.errors());
    }
  }

  /** 400 for a value a query parameter or path carried that the domain refuses. */
  @Provider
  public static class InvalidValue implements ExceptionMapper<InvalidValueException> {
    @Override
    public Response toResponse(InvalidValueException e) {
      return Problem.response(
          Response.Status.BAD_REQUEST,
          "The request has invalid fields.",
          List.of(new FieldError(e.field(), e.problem())));
    }
  }

  /** 400 for a body that is not well-formed JSON or XML of the expected shape. */
  @Provider
  public static class UnreadableBody implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
      return unreadable(e);
    }
  }

  /** 400 for JSON that JSON-B cannot bind. */
  @Provider
  public static class UnbindableJson implements ExceptionMapper<JsonbException> {
    @Override
    public Response toResponse(JsonbException e) {
      return unreadable(e);
    }
  }

  /** 413 naming the limit. */
  @Provider
  public static class TooLarge implements ExceptionMapper<ContentTooLarge> {
    @Override
    public Response toResponse(ContentTooLarge e) {
      return Problem.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
    }
  }

  /** 415 naming the type sent and the types the endpoint reads. */
  @Provider
  public static class UnsupportedType implements ExceptionMapper<UnsupportedContentType> {
    @Override
    public Response toResponse(UnsupportedContentType e) {
      return Problem.response(Response.Status.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
    }
  }

  /** 404. */
  @Provider
  public static class NotFound implements ExceptionMapper<NotFoundException> {
    @Override
    public Response toResponse(NotFoundException e) {
      return Problem.response(Response.Status.NOT_FOUND, e.getMessage());
    }
  }

  /** 503: the node cannot answer safely now; the client may retry (elsewhere). */
  @Provider
  public static class Unavailable implements ExceptionMapper<ServiceUnavailableException> {
    @Override
    public Response toResponse(ServiceUnavailableException e) {
      Response problem = Problem.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
      return Response.fromResponse(problem).header("Retry-After", "1").build();
    }
  }

  /**
   * The container's own HTTP errors (404, 405, 406, 415, 401, 403 …) and the API's 413 and 415 as
   * problem documents. The container's 415 names no type, so its detail is made here from the
   * request's Content-Type; only the decision endpoints restrict the types they read.
   */
  @Provider
  public static class Http implements ExceptionMapper<WebApplicationException> {
    @Context HttpHeaders request;

    @Override
    public Response toResponse(WebApplicationException e) {
      Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
      if (status == null) {
        return e.getResponse();
      }
      if (e.getCause() instanceof JsonbException || e.getCause() instanceof ProcessingException) {
        return unreadable(e.getCause());
      }
      String detail = e.getMessage();
      if (detail == null || detail.startsWith("RESTEASY")) {
        detail = inOurWords(status, e.getResponse());
      }
      if (status == Response.Status.UNSUPPORTED_MEDIA_TYPE) {
        detail =
            UnsupportedContentType.detail(
                request.getHeaderString(HttpHeaders.CONTENT_TYPE),
                "this endpoint",
                List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML));
      }
      Response.ResponseBuilder problem = Response.fromResponse(Problem.response(status, detail));
      e.getResponse()
          .getStringHeaders()
          .forEach(
              (name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type")
                    && !name.equalsIgnoreCase("Content-Length")) {
                  values.forEach(value -> problem.header(name, value));
                }
              });
      return problem.build();
    }

    /** RESTEasy's own messages name its internals ("RESTEASY003650: No resource method …"). */
    private String inOurWords(Response.Status status, Response answer) {
      return switch (status) {
        case NOT_FOUND -> "there is no resource at this URL; GET /api/docs/ lists the API";
        case METHOD_NOT_ALLOWED -> {
          String allowed = answer.getHeaderString(HttpHeaders.ALLOW);
          yield "this resource does not take that method"
              + (allowed == null ? "" : "; it takes " + allowed);
        }
        case NOT_ACCEPTABLE ->
            "this resource cannot answer in any type the Accept header asks for ("
                + request.getHeaderString(HttpHeaders.ACCEPT)
                + ")";
        default -> status.getReasonPhrase();
      };
    }
  }

  /**
   * 500 with an incident id to find the logged cause; the client never sees a stack trace. Mapped
   * for every {@link Throwable}, checked exceptions and errors included; an error RESTEasy does not
   * hand to mappers is caught by {@link LastResortFilter} instead.
   */
  @Provider
  public static class Unexpected implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      return unexpected(e);
    }
  }

  static Response unexpected(Throwable e) {
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
    return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, unexpectedDetail(incident));
  }

  static String unexpectedDetail(String incident) {
    return "Unexpected error; quote incident " + incident + " to the operators.";
  }

  private static Response unreadable(Throwable e) {
    return Problem.response(
        Response.Status.BAD_REQUEST, "The body cannot be read as a request: " + firstLine(e));
  }

  static String firstLine(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
