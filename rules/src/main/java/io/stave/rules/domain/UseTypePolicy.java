package io.stave.rules.domain;

/**
 * The policy's stance on the requested use type, asserted by the consent-default decision table: how
 * silence is read, and whether the output is generated (and so must be labelled as AI-generated).
 */
public final class UseTypePolicy {
  private final UseType useType;
  private final ConsentModel consentModel;
  private final boolean generative;

  public UseTypePolicy(UseType useType, ConsentModel consentModel, boolean generative) {
    this.useType = useType;
    this.consentModel = consentModel;
    this.generative = generative;
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
}
