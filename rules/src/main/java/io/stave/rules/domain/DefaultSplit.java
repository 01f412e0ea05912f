package io.stave.rules.domain;

import java.util.List;

/**
 * Asserted by a rule that lets a licensed use go ahead without a delivered split sheet: the
 * licensor under the licensing deal is paid 100%. Of several (one per licensing deal) the engine
 * picks the one with the smallest split id, so the choice does not depend on rule order.
 */
public final class DefaultSplit {
  private final String rule;
  private final Deal deal;
  private final Payee payee;
  private final SplitSheet sheet;

  private DefaultSplit(String rule, Deal deal, Payee payee, SplitSheet sheet) {
    this.rule = rule;
    this.deal = deal;
    this.payee = payee;
    this.sheet = sheet;
  }

  /**
   * The licensor of the recording under the deal at 100%, or null when neither the recording nor
   * the deal names anyone (then no default split exists and the engine denies for want of one).
   */
  public static DefaultSplit payingLicensor(String rule, Recording recording, Deal deal) {
    Payee payee = recording.licensorUnder(deal);
    if (payee == null) {
      return null;
    }
    SplitSheet sheet =
        new SplitSheet(
            "default:" + recording.getIsrc().code() + ":" + payee.partyId(),
            recording.getIsrc(),
            null,
            List.of(new Share(payee.partyId(), payee.role(), Percent.HUNDRED)));
    return new DefaultSplit(rule, deal, payee, sheet);
  }

  public String getRule() {
    return rule;
  }

  public Deal getDeal() {
    return deal;
  }

  public Payee getPayee() {
    return payee;
  }

  public SplitSheet getSheet() {
    return sheet;
  }

  public String getSplitId() {
    return sheet.getSplitId();
  }

  /** The sentence a person reads in the decision's reasons. */
  public String describe(DecisionRequest request) {
    return "No split sheet was delivered for "
        + request.getIsrc().code()
        + " ("
        + request.getUseType()
        + "), so "
        + payee.partyId()
        + ", "
        + payee.why()
        + " under deal "
        + deal.getDealId()
        + ", is paid 100%.";
  }
}
