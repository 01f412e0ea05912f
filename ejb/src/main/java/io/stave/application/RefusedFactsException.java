package io.stave.application;

/**
 * The database refused a fact of a change as it is (a value out of range, a duplicate key): the
 * change is wrong, not the node; nothing of it was applied.
 */
public class RefusedFactsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RefusedFactsException(String message, Throwable cause) {
    super(message, cause);
  }
}
