package io.stave.rules.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sources of one policy version: file names (e.g. {@code licensing.drl}, {@code
 * consent-defaults.csv}) and their text. Names end in {@code .drl} or {@code .drl.csv} (a decision
 * table).
 */
public record PolicySource(long version, Map<String, String> files) {

  /** The baseline policy that ships with Stave, as version 1. */
  public static final List<String> BASELINE_FILES =
      List.of("licensing.drl", "consent.drl", "splits.drl", "obligations.drl",
          "consent-defaults.drl.csv");

  public PolicySource {
    if (files == null || files.isEmpty()) {
      throw new IllegalArgumentException("a policy version needs at least one rule file");
    }
    for (String name : files.keySet()) {
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.(drl|drl\\.csv)")) {
        throw new IllegalArgumentException(
            "rule file name '" + name + "' must be a plain file name ending in .drl or .csv");
      }
    }
    files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  public static PolicySource baseline(long version) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : BASELINE_FILES) {
      files.put(name, readBaseline(name));
    }
    return new PolicySource(version, files);
  }

  private static String readBaseline(String name) {
    String path = "/io/stave/rules/policy/baseline/" + name;
    try (InputStream in = PolicySource.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("baseline rule file missing from the jar: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
