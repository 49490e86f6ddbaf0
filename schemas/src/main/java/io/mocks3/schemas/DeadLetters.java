package io.mocks3.schemas;

/**
 * The headers a dead-lettered record carries on its topic's {@code .dlq}: why it is there and
 * where it came from, so that it can be inspected (Kafka UI shows headers) and re-driven.
 */
public final class DeadLetters {
  public static final String REASON = "x-mocks3-dlq-reason";
  public static final String FAULT_RULE = "x-mocks3-fault-rule";
  public static final String ORIGINAL_TOPIC = "x-mocks3-dlq-original-topic";
  public static final String ORIGINAL_PARTITION = "x-mocks3-dlq-original-partition";
  public static final String ORIGINAL_OFFSET = "x-mocks3-dlq-original-offset";
  public static final String CONSUMER = "x-mocks3-dlq-consumer";

  private DeadLetters() {}
}
