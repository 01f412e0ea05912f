package io.stave.routes.feed;

/** RECEIVED (bytes stored, not yet applied) → APPLIED, or → REJECTED with its problems. */
public enum FeedStatus {
  RECEIVED,
  APPLIED,
  REJECTED
}
