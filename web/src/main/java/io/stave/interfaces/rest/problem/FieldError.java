package io.stave.interfaces.rest.problem;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;

/** One bad field of a request: its path (e.g. {@code requests[3].isrc}) and what is wrong. */
@XmlAccessorType(XmlAccessType.FIELD)
public class FieldError {
  public String field;
  public String message;

  public FieldError() {}

  public FieldError(String field, String message) {
    this.field = field;
    this.message = message;
  }
}
