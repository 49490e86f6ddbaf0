package io.mocks3.schemas.event;

/**
 * The read model's word that a command's event is committed, for the writer who waits for it.
 *
 * <p>A strong write is answered once the read model holds what its command decided. The event on
 * {@code mocks3.events} says so, but only after the projector's Kafka transaction commits, which
 * follows its PostgreSQL commit by the consumed offsets, the commit and the markers. The command's
 * record says that a writer waits ({@link #AWAITED_HEADER}); the projector then sends the event as a
 * PostgreSQL notification on {@link #CHANNEL} inside the transaction that writes its rows, which
 * PostgreSQL delivers when, and only if, that transaction commits. A gateway listening there answers
 * with the first of the two. Both carry the same event: a command decided again after a crash
 * between the two commits yields the same event (see the projector's {@code ReadModelBatch}).
 * Rejections write no rows and come by the log only, as does an event too large for a notification.
 */
public final class CommittedOutcomes {
  /** Header of a command record whose writer waits for its outcome (strong consistency); its value is unused. */
  public static final String AWAITED_HEADER = "x-mocks3-awaited";
  /** The PostgreSQL notification channel: one notification per awaited event, its payload the event's JSON. */
  public static final String CHANNEL = "mocks3_outcomes";
  /** PostgreSQL refuses notification payloads of 8000 bytes or more. */
  public static final int MAX_PAYLOAD_BYTES = 7_999;
  /**
   * The share of PostgreSQL's notification queue (8 GB by default) from which the projector sends no
   * notification: a listener that stops reading holds the queue, and a full one fails commits.
   */
  public static final double QUEUE_GUARD = 0.5;

  private CommittedOutcomes() {}
}
