package io.stave.readiness;

/**
 * A start-up step that cannot succeed as configured. Its message is one line that says what is
 * wrong and what to change; the startup bean logs exactly that line, not a stack trace.
 */
public class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String check;

  public StartupException(String check, String message) {
    super(message);
    this.check = check;
  }

  public StartupException(String check, String message, Throwable cause) {
    super(message, cause);
    this.check = check;
  }

  /** The health check this failure belongs to (database, cluster, camel, policy). */
  public String check() {
    return check;
  }
}
