package io.mocks3.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers a dead-lettered record carries on its topic's {@code .dlq}: why it is there and
 * where it came from, so that it can be inspected and re-driven. Every consumer that dead-letters
 * builds them here, in one format: spring-kafka's {@code kafka_dlt-*} headers (what
 * {@code DeadLetterPublishingRecoverer} writes, and what Kafka UI and spring-kafka tooling read),
 * with MockS3's own {@code x-mocks3-*} headers beside them (the DLQ listing and the re-drive read
 * those).
 */
public final class DeadLetters {
  // MockS3's own headers (text).
  public static final String REASON = "x-mocks3-dlq-reason";
  public static final String FAULT_RULE = "x-mocks3-fault-rule";
  public static final String ORIGINAL_TOPIC = "x-mocks3-dlq-original-topic";
  public static final String ORIGINAL_PARTITION = "x-mocks3-dlq-original-partition";
  public static final String ORIGINAL_OFFSET = "x-mocks3-dlq-original-offset";
  public static final String CONSUMER = "x-mocks3-dlq-consumer";

  // spring-kafka's names, copied from org.springframework.kafka.support.KafkaHeaders.DLT_* because
  // schemas has no Spring; task-workers' DeadLettersHeaderNamesTest asserts that they still match.
  // Encoded as DeadLetterPublishingRecoverer does: partition a 4-byte int, offset and timestamp
  // 8-byte longs (big-endian), the rest UTF-8.
  public static final String DLT_ORIGINAL_TOPIC = "kafka_dlt-original-topic";
  public static final String DLT_ORIGINAL_PARTITION = "kafka_dlt-original-partition";
  public static final String DLT_ORIGINAL_OFFSET = "kafka_dlt-original-offset";
  public static final String DLT_ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";
  public static final String DLT_ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
  public static final String DLT_EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
  public static final String DLT_EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

  private DeadLetters() {}

  /**
   * Where a dead letter came from.
   *
   * @param consumer the consumer's name, as chaos topics and fault events name it
   * @param group its consumer group (a Streams application's id); null when it has none
   */
  public record Origin(String topic, int partition, long offset, long timestamp, String consumer, String group) {
    public static Origin of(ConsumerRecord<?, ?> record, String consumer, String group) {
      return new Origin(record.topic(), record.partition(), record.offset(), record.timestamp(), consumer, group);
    }
  }

  /**
   * Why a record is dead-lettered.
   *
   * @param reason for people ({@code x-mocks3-dlq-reason}, and the exception message)
   * @param exceptionClass what failed, as {@code kafka_dlt-exception-fqcn} names it
   * @param rule the fault rule that dead-lettered it; null when it was not a fault (a poison
   *     record keeps the rule header it came with)
   */
  public record Cause(String reason, String exceptionClass, String rule) {
    /** A record that cannot be read: no retry helps. */
    public static Cause unreadable(Exception e) {
      return new Cause("undeserializable: " + e.getMessage(), e.getClass().getName(), null);
    }
  }

  /** {@code original}'s headers (copied, not changed) plus why the record is dead-lettered and whence it came. */
  public static Headers describe(Headers original, Origin origin, Cause cause) {
    Headers headers = new RecordHeaders(original.toArray());
    headers.add(REASON, text(cause.reason()));
    if (cause.rule() != null) {
      headers.add(FAULT_RULE, text(cause.rule()));
    }
    headers.add(ORIGINAL_TOPIC, text(origin.topic()));
    headers.add(ORIGINAL_PARTITION, text(String.valueOf(origin.partition())));
    headers.add(ORIGINAL_OFFSET, text(String.valueOf(origin.offset())));
    headers.add(CONSUMER, text(origin.consumer()));

    headers.add(DLT_ORIGINAL_TOPIC, text(origin.topic()));
    headers.add(DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(origin.partition()).array());
    headers.add(DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(origin.offset()).array());
    headers.add(DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES).putLong(origin.timestamp()).array());
    if (origin.group() != null) {
      headers.add(DLT_ORIGINAL_CONSUMER_GROUP, text(origin.group()));
    }
    headers.add(DLT_EXCEPTION_FQCN, text(cause.exceptionClass()));
    headers.add(DLT_EXCEPTION_MESSAGE, text(cause.reason()));
    return headers;
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
