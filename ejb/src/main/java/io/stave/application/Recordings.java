package io.stave.application;

import java.util.Optional;

/** What was ingested for a recording, read from the system of record. */
@FunctionalInterface
public interface Recordings {

  /** Empty when no feed has named the recording; a malformed ISRC is an InvalidValueException. */
  Optional<RecordingDetails> find(String isrc);
}
