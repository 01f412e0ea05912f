package io.stave.interfaces.rest.problem;

import io.stave.application.ConflictException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A step the current state does not allow (four eyes, a stale approval, not a draft): 409. */
@Provider
public class Conflict implements ExceptionMapper<ConflictException> {
  @Override
  public Response toResponse(ConflictException e) {
    return Problem.response(Response.Status.CONFLICT, e.getMessage());
  }
}
