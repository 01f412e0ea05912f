package io.stave.interfaces.rest.problem;

import java.util.List;

/** A request with bad fields, or a body that cannot be read; answered as 400 naming each. */
public class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final String INVALID_FIELDS = "The request has invalid fields.";
  private final transient List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    this(INVALID_FIELDS, errors);
  }

  /**
   * {@code detail}: the sentence the problem document opens with, e.g. why the body is unreadable.
   */
  public InvalidRequestException(String detail, List<FieldError> errors) {
    super(detail);
    this.errors = List.copyOf(errors);
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }
}
