package io.stave.application;

/**
 * The node cannot answer safely right now (no active policy, the decision log cannot take more, the
 * cluster is not safe). The API turns it into HTTP 503 with this message.
 */
public class ServiceUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ServiceUnavailableException(String message) {
    super(message);
  }

  public ServiceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
