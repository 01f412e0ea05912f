package io.stave.application.authoring;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.stave.rules.domain.InvalidValueException;
import io.stave.rules.engine.CompiledPolicy;
import io.stave.rules.engine.PolicyCompilationException;
import io.stave.rules.engine.PolicyCompiler;
import io.stave.rules.engine.PolicySource;
import io.stave.rules.engine.RuleLint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A policy version's files as authoring checks them: the limits on a version's files, diffs between
 * two versions, validation (guard, compiler, lint) and compilation with a located problem.
 */
final class PolicyFiles {
  private static final int MAX_FILES = 200;
  private static final int MAX_FILE_CHARS = 2_000_000;

  static List<PolicyAuthoring.FileDiff> diff(
      long from, Map<String, String> before, long to, Map<String, String> after) {
    List<PolicyAuthoring.FileDiff> diffs = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String name : names) {
      String a = before.get(name);
      String b = after.get(name);
      if (a != null && a.equals(b)) {
        continue;
      }
      List<String> left = a == null ? List.of() : Arrays.asList(a.split("\n", -1));
      List<String> right = b == null ? List.of() : Arrays.asList(b.split("\n", -1));
      List<String> unified =
          UnifiedDiffUtils.generateUnifiedDiff(
              "v" + from + "/" + name, "v" + to + "/" + name, left, DiffUtils.diff(left, right), 3);
      diffs.add(
          new PolicyAuthoring.FileDiff(
              name, a == null ? "ADDED" : b == null ? "REMOVED" : "CHANGED", unified));
    }
    return diffs;
  }

  static PolicyAuthoring.Validation validation(PolicySource source) {
    try (CompiledPolicy compiled = PolicyCompiler.compile(source)) {
      return new PolicyAuthoring.Validation(
          source.version(), true, List.of(), compiled.warnings(), compiled.ruleCount());
    } catch (PolicyCompilationException e) {
      return new PolicyAuthoring.Validation(
          source.version(), false, e.problems(), RuleLint.check(source), 0);
    }
  }

  static void requireCompiles(PolicySource source) {
    compile(source).close();
  }

  static CompiledPolicy compile(PolicySource source) {
    try {
      CompiledPolicy compiled = PolicyCompiler.compile(source);
      compiled.warmUp();
      return compiled;
    } catch (PolicyCompilationException e) {
      throw new InvalidValueException(
          "files",
          "policy version "
              + source.version()
              + " does not compile: "
              + e.problems().get(0)
              + (e.problems().size() > 1
                  ? " (and "
                      + (e.problems().size() - 1)
                      + " more; validate"
                      + " it to see them all)"
                  : ""));
    }
  }

  static void merge(Map<String, String> files, Map<String, String> changes) {
    if (changes == null) {
      return;
    }
    changes.forEach(
        (name, text) -> {
          if (text == null || text.isEmpty()) {
            files.remove(name);
          } else {
            files.put(name, text);
          }
        });
  }

  static PolicySource checkedSource(Map<String, String> files) {
    if (files.size() > MAX_FILES) {
      throw new InvalidValueException("files", "a version holds at most " + MAX_FILES + " files");
    }
    files.forEach(
        (name, text) -> {
          if (text.length() > MAX_FILE_CHARS) {
            throw new InvalidValueException(
                "files." + name, "is longer than " + MAX_FILE_CHARS + " characters");
          }
        });
    try {
      PolicySource source = new PolicySource(0, files);
      PolicyScenarios.read(source); // a scenarios file that cannot be read is refused up front
      return source;
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("files", e.getMessage());
    }
  }
}
