package io.stave.rules.domain;

/** What a usage event counts: plays (or picks), seconds of use, or generated items. */
public enum UsageUnit {
  PLAYS,
  SECONDS,
  ITEMS
}
