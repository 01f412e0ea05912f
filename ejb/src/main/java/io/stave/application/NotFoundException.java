package io.stave.application;

/** Something asked for by id does not exist; the API answers 404 with this message. */
public class NotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
