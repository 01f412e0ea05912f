package io.stave.routes.rights;

import io.stave.routes.feed.FeedProblem;

/** One bad field; the readers collect these so a message lists all its problems at once. */
final class FieldProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient FeedProblem problem;

  FieldProblem(FeedProblem problem) {
    super(problem.toString(), null, false, false);
    this.problem = problem;
  }

  FeedProblem problem() {
    return problem;
  }
}
