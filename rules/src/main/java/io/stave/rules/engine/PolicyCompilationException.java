package io.stave.rules.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A policy version that does not compile, with every problem as (file, line, message). */
public class PolicyCompilationException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * One compiler message or guard refusal; line and column are 0 when the compiler did not give
   * them. {@code kind} is {@code compile} or the guard's construct (e.g. {@code file access}).
   */
  public record Problem(String file, int line, int column, String kind, String message) {
    public Problem(String file, int line, String message) {
      this(file, line, 0, "compile", message);
    }

    @Override
    public String toString() {
      return file + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
    }
  }

  private final transient List<Problem> problems;

  public PolicyCompilationException(long version, List<Problem> problems) {
    super(
        "policy version "
            + version
            + " does not compile:\n"
            + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
