package io.stave.interfaces.rest;

/** The security roles of Stave (docs/contract.md, "Who uses it"). */
public final class Roles {
  public static final String FEATURE_CLIENT = "feature-client";
  public static final String FEED_INTEGRATOR = "feed-integrator";
  public static final String POLICY_AUTHOR = "policy-author";
  public static final String POLICY_APPROVER = "policy-approver";
  public static final String AUDITOR = "auditor";

  /** A payee reading its own statements; it also holds {@code party:<party id>} per party. */
  public static final String RIGHTS_HOLDER = "rights-holder";

  public static final String RIGHTS_HOLDER_PARTY_PREFIX = "party:";

  private Roles() {}
}
