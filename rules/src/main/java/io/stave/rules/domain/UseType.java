package io.stave.rules.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The closed vocabulary of AI uses the rules speak (see DESIGN.md, "AI use type"). */
public enum UseType {
  AI_CURATION,
  AI_VOICEOVER,
  AI_ANALYSIS,
  AI_DERIVATIVE,
  AI_VOICE_LIKENESS,
  AI_TRAINING;

  public static UseType parse(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException(field, "is required");
    }
    try {
      return valueOf(value.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(
          field, "'" + value + "' is not an AI use type; expected one of " + names());
    }
  }

  public static String names() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
