package io.stave.rules.domain;

/** The answer to a decision request. There is no third answer: doubt is a DENY. */
public enum Verdict {
  PERMIT,
  DENY
}
