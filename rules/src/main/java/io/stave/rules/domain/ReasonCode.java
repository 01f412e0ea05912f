package io.stave.rules.domain;

/** Why a decision came out as it did. */
public enum ReasonCode {
  LICENSED,
  NOT_LICENSED,
  UNKNOWN_RECORDING,
  ARTIST_OPTED_OUT,
  NO_ARTIST_CONSENT,
  NO_SPLIT_SHEET,
  DEFAULT_SPLIT,
  NO_MAIN_ARTIST,
  POLICY_DENIED,
  RULE_ERROR,
  DEADLINE_EXCEEDED,
  FIRE_LIMIT_EXCEEDED
}
