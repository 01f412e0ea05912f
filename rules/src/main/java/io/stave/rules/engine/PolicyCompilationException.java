package io.stave.rules.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A policy version that does not compile, with every problem as (file, line, message). */
public class PolicyCompilationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** One compiler message; line is 0 when the compiler did not give one. */
  public record Problem(String file, int line, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + message;
    }
  }

  private final transient List<Problem> problems;

  public PolicyCompilationException(long version, List<Problem> problems) {
    super(
        "policy version " + version + " does not compile:\n"
            + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
