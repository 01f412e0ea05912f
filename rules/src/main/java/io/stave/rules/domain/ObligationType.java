package io.stave.rules.domain;

/** What a PERMIT binds the AI feature to do. */
public enum ObligationType {
  ATTRIBUTE,
  REPORT_USAGE,
  LABEL_AS_AI_GENERATED,
  MAX_DURATION_SECONDS
}
