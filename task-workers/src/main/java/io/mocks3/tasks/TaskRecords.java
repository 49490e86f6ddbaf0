package io.mocks3.tasks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** What the task listeners read off a record besides its value. */
public final class TaskRecords {
  private TaskRecords() {}

  /** Which attempt this is: 1 on the main topic, then as spring-kafka's retry topics count. */
  public static int attempt(ConsumerRecord<?, ?> record) {
    Header attempts = record.headers().lastHeader("retry_topic-attempts");
    if (attempts == null || attempts.value().length != 4) {
      return 1;
    }
    return ByteBuffer.wrap(attempts.value()).getInt();
  }

  /** A header as text; null when absent. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
