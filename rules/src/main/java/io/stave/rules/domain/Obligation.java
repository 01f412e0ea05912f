package io.stave.rules.domain;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/** A duty that comes with a PERMIT, with its attributes (e.g. the display artist to credit). */
public record Obligation(ObligationType type, Map<String, String> attributes)
    implements Serializable {
  public Obligation {
    attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
  }
}
