package io.stave.routes.feed;

/** How a message reached Stave. */
public enum FeedChannel {
  INBOX,
  HTTP,
  JMS,
  REPLAY
}
