package io.stave.application.revenue;

/**
 * What became of one usage event: ACCEPTED (durably booked into {@code period}), DUPLICATE (the
 * same event was accepted before; nothing changed) or REJECTED with a reason code and a sentence.
 */
public record UsageReceipt(
    String eventId, Status status, String period, String reason, String message) {
  public enum Status {
    ACCEPTED,
    DUPLICATE,
    REJECTED
  }

  public static UsageReceipt rejected(String eventId, Rejection reason, String message) {
    return new UsageReceipt(eventId, Status.REJECTED, null, reason.name(), message);
  }

  /** Why an event is refused. */
  public enum Rejection {
    UNKNOWN_DECISION,
    NOT_PERMITTED,
    OTHER_RECORDING,
    OTHER_USE,
    OTHER_FEATURE,
    OUTSIDE_VALIDITY,
    EVENT_ID_REUSED
  }
}
