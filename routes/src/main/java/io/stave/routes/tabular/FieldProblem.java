package io.stave.routes.tabular;

import io.stave.routes.feed.FeedProblem;

/**
 * One bad field of a {@link FeedRecord}; the readers collect these so a message lists all its
 * problems at once.
 */
public final class FieldProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient FeedProblem problem;

  public FieldProblem(FeedProblem problem) {
    super(problem.toString(), null, false, false);
    this.problem = problem;
  }

  public FeedProblem problem() {
    return problem;
  }
}
