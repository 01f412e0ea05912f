package io.stave.interfaces.rest.problem;

import java.util.List;

/** A request with bad fields; answered as 400 naming each of them. */
public class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(errors.size() + " field(s) of the request are invalid");
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
