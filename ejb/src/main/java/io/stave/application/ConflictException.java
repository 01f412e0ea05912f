package io.stave.application;

/**
 * A request that is well formed but not allowed in the state it finds (HTTP 409): e.g. approving
 * one's own draft, activating a draft whose approval went stale, editing a version that is no
 * longer a draft.
 */
public class ConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
