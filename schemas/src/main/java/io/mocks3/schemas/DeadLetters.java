package io.mocks3.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

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

  /**
   * Adds to {@code headers} why a record is dead-lettered and whence it came.
   *
   * @param rule the fault rule that dead-lettered it, or null when it was not a fault
   */
  public static Headers describe(Headers headers, String reason, String rule, String topic, int partition, long offset,
      String consumer) {
    headers.add(REASON, bytes(reason));
    if (rule != null) {
      headers.add(FAULT_RULE, bytes(rule));
    }
    headers.add(ORIGINAL_TOPIC, bytes(topic));
    headers.add(ORIGINAL_PARTITION, bytes(String.valueOf(partition)));
    headers.add(ORIGINAL_OFFSET, bytes(String.valueOf(offset)));
    headers.add(CONSUMER, bytes(consumer));
    return headers;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
