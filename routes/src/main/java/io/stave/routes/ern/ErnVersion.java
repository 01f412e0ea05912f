package io.stave.routes.ern;

import java.util.Arrays;
import java.util.Optional;

/** The ERN versions Stave reads, by the namespace of their root element. */
public enum ErnVersion {
  ERN_43("4.3", "http://ddex.net/xml/ern/43", "ern43/release-notification.xsd"),
  ERN_432("4.3.2", "http://ddex.net/xml/ern/432", "ern432/release-notification.xsd");

  private final String label;
  private final String namespace;
  private final String schemaPath;

  ErnVersion(String label, String namespace, String schemaPath) {
    this.label = label;
    this.namespace = namespace;
    this.schemaPath = schemaPath;
  }

  public String label() {
    return label;
  }

  public String namespace() {
    return namespace;
  }

  String schemaPath() {
    return schemaPath;
  }

  public static Optional<ErnVersion> ofNamespace(String namespace) {
    return Arrays.stream(values()).filter(v -> v.namespace.equals(namespace)).findFirst();
  }
}
