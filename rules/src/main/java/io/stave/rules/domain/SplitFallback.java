package io.stave.rules.domain;

/**
 * What the policy does with a licensed use when no delivered split sheet covers the recording (and
 * use type): pay the deal's licensor in full, or deny until a split sheet is delivered.
 */
public enum SplitFallback {
  PAY_LICENSOR,
  REQUIRE_SPLIT_SHEET
}
