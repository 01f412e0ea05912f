package io.stave.routes.feed;

import java.util.List;
import java.util.stream.Collectors;

/** A feed message that cannot be applied as it is; it is kept and can be replayed after a fix. */
public class FeedRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Enough to fix a message; a message with more problems says how many it left out. */
  public static final int MAX_PROBLEMS = 100;

  private final transient List<FeedProblem> problems;

  public FeedRejectedException(List<FeedProblem> problems) {
    super(summarise(problems));
    this.problems = List.copyOf(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
  }

  public FeedRejectedException(FeedProblem problem) {
    this(List.of(problem));
  }

  public List<FeedProblem> problems() {
    return problems;
  }

  private static String summarise(List<FeedProblem> problems) {
    String shown =
        problems.stream().limit(3).map(FeedProblem::toString).collect(Collectors.joining("; "));
    return problems.size() > 3 ? shown + "; and " + (problems.size() - 3) + " more" : shown;
  }
}
