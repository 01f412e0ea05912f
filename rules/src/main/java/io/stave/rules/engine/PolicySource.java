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
 * consent-defaults.drl.csv}) and their text. Names end in {@code .drl}, {@code .drl.csv} (a
 * decision table) or {@code .scenarios.json} (the version's test scenarios, which the compiler does
 * not read).
 */
public record PolicySource(long version, Map<String, String> files) {

  /** The baseline policy that ships with Stave, as version 1. */
  public static final List<String> BASELINE_FILES =
      List.of(
          "licensing.drl",
          "consent.drl",
          "splits.drl",
          "obligations.drl",
          "consent-defaults.drl.csv",
          "revenue.drl",
          "revenue-rates.drl.csv",
          "baseline.scenarios.json");

  public PolicySource {
    if (files == null || files.isEmpty()) {
      throw new IllegalArgumentException("a policy version needs at least one rule file");
    }
    for (String name : files.keySet()) {
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,150}\\.(drl|drl\\.csv|scenarios\\.json)")) {
        throw new IllegalArgumentException(
            "file name '"
                + name
                + "' must be a plain file name ending in .drl, .drl.csv (a decision"
                + " table) or .scenarios.json (test scenarios)");
      }
      if (files.get(name) == null) {
        throw new IllegalArgumentException("file '" + name + "' has no content");
      }
    }
    if (files.keySet().stream().noneMatch(PolicySource::isRuleFile)) {
      throw new IllegalArgumentException(
          "a policy version needs at least one .drl or .drl.csv file");
    }
    files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** SHA-256 over every file name and text, in name order: what an approval is given for. */
  public String checksum() {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      files.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              file -> {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.getValue().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
              });
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A file the compiler reads: DRL or a decision table (not test scenarios). */
  public static boolean isRuleFile(String name) {
    return name.endsWith(".drl") || name.endsWith(".drl.csv");
  }

  /** The rule files only, as the compiler reads them. */
  public Map<String, String> ruleFiles() {
    Map<String, String> rules = new LinkedHashMap<>();
    files.forEach(
        (name, text) -> {
          if (isRuleFile(name)) {
            rules.put(name, text);
          }
        });
    return rules;
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
