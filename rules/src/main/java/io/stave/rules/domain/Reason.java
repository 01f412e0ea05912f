package io.stave.rules.domain;

import java.io.Serializable;

/** One reason behind a decision: a code, the rule that gave it, and a sentence naming the facts. */
public record Reason(ReasonCode code, String rule, String message) implements Serializable {}
