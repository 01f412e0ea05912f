package io.stave.application;

import io.stave.rules.domain.Decision;

/** A decision as it was logged, with who asked for it. */
public record LoggedDecision(Decision decision, String principal) {}
