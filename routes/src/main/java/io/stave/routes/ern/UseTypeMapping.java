package io.stave.routes.ern;

import io.stave.rules.domain.UseType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * DDEX use types to the AI use types the rules speak (docs/ddex-use-type-mapping.md):
 *
 * <ul>
 *   <li>{@code UseForTrainingGenerativeAI} → {@code AI_TRAINING}
 *   <li>{@code UseForTrainingNonGenerativeAI}, {@code UseForDataMining} → {@code AI_ANALYSIS}
 *   <li>{@code UserDefined} whose {@code UserDefinedValue} names an AI use type ({@code
 *       AI_CURATION}, {@code AiCuration} or {@code ai-curation}) → that use type
 * </ul>
 *
 * Every other use type stays a DDEX use type ({@code Stream}, {@code PermanentDownload}, …), which
 * the shipped policy reads only to let streaming deals cover {@code AI_CURATION}.
 */
public final class UseTypeMapping {
  private static final Map<String, UseType> DDEX_AI_USE_TYPES =
      Map.of(
          "UseForTrainingGenerativeAI", UseType.AI_TRAINING,
          "UseForTrainingNonGenerativeAI", UseType.AI_ANALYSIS,
          "UseForDataMining", UseType.AI_ANALYSIS);

  private UseTypeMapping() {}

  /** The AI use type a DDEX use type grants, if any. */
  public static Optional<UseType> aiUseType(String value, String userDefinedValue) {
    if ("UserDefined".equals(value)) {
      return userDefined(userDefinedValue);
    }
    return Optional.ofNullable(DDEX_AI_USE_TYPES.get(value));
  }

  private static Optional<UseType> userDefined(String userDefinedValue) {
    if (userDefinedValue == null) {
      return Optional.empty();
    }
    String key =
        userDefinedValue
            .trim()
            .replaceAll("([a-z])([A-Z])", "$1_$2")
            .replace('-', '_')
            .toUpperCase(Locale.ROOT);
    try {
      return Optional.of(UseType.valueOf(key));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
