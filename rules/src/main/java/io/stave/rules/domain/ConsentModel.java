package io.stave.rules.domain;

/** How an AI use type treats an artist who has said nothing. */
public enum ConsentModel {
  /** Allowed under licence unless the artist opted out. */
  ALLOWED_UNLESS_OPTED_OUT,
  /** Needs an explicit opt-in of every main artist. */
  REQUIRES_OPT_IN
}
