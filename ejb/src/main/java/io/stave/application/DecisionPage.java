package io.stave.application;

import java.util.List;

/** One page of logged decisions and whether more follow. */
public record DecisionPage(List<LoggedDecision> decisions, int offset, int limit, boolean more) {}
