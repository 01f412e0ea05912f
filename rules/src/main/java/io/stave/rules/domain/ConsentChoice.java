package io.stave.rules.domain;

/** What an artist said about one kind of AI use. */
public enum ConsentChoice {
  OPT_IN,
  OPT_OUT
}
