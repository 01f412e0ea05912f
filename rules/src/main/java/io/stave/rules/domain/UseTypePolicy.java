package io.stave.rules.domain;

/**
 * The policy's stance on the requested use type, asserted by the consent-default decision table:
 * how silence is read, whether the output is generated (and so must be labelled as AI-generated),
 * and whether a licensed use without a delivered split sheet pays the licensor or is denied.
 */
public final class UseTypePolicy {
  private final UseType useType;
  private final ConsentModel consentModel;
  private final boolean generative;
  private final SplitFallback splitFallback;

  /**
   * A stance that requires a delivered split sheet (the rule of policies written before fallbacks).
   */
  public UseTypePolicy(UseType useType, ConsentModel consentModel, boolean generative) {
    this(useType, consentModel, generative, SplitFallback.REQUIRE_SPLIT_SHEET);
  }

  public UseTypePolicy(
      UseType useType, ConsentModel consentModel, boolean generative, SplitFallback splitFallback) {
    this.useType = useType;
    this.consentModel = consentModel;
    this.generative = generative;
    this.splitFallback = splitFallback == null ? SplitFallback.REQUIRE_SPLIT_SHEET : splitFallback;
  }

  public UseType getUseType() {
    return useType;
  }

  public ConsentModel getConsentModel() {
    return consentModel;
  }

  public boolean isRequiresOptIn() {
    return consentModel == ConsentModel.REQUIRES_OPT_IN;
  }

  public boolean isGenerative() {
    return generative;
  }

  public SplitFallback getSplitFallback() {
    return splitFallback;
  }

  public boolean isRequiresSplitSheet() {
    return splitFallback == SplitFallback.REQUIRE_SPLIT_SHEET;
  }
}
