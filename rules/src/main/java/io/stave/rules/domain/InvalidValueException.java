package io.stave.rules.domain;

/** A value that the domain refuses, with the field it belongs to so a client can be told which. */
public class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidValueException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /** The problem without the field name in front. */
  public String problem() {
    return getMessage().substring(field.length() + 2);
  }
}
