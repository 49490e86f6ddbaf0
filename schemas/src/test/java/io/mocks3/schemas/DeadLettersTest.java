package io.mocks3.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
  private static final DeadLetters.Origin ORIGIN =
      new DeadLetters.Origin("mocks3.cdc", 2, 41L, 1_700_000_000_123L, "cache-writer", "mocks3-cache-writer");

  private static String text(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void aChaosDeadLetterCarriesMockS3sHeadersAndSpringKafkasBesideThem() {
    Headers original = new RecordHeaders().add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
    Headers headers = DeadLetters.describe(original, ORIGIN,
        new DeadLetters.Cause("fault injected: chaos on mocks3.cdc", "io.mocks3.faults.agent.InjectedFault", "chaos:mocks3.cdc"));

    assertThat(text(headers, "traceparent")).isEqualTo("00-abc");
    assertThat(text(headers, "x-mocks3-dlq-reason")).isEqualTo("fault injected: chaos on mocks3.cdc");
    assertThat(text(headers, "x-mocks3-fault-rule")).isEqualTo("chaos:mocks3.cdc");
    assertThat(text(headers, "x-mocks3-dlq-original-topic")).isEqualTo("mocks3.cdc");
    assertThat(text(headers, "x-mocks3-dlq-original-partition")).isEqualTo("2");
    assertThat(text(headers, "x-mocks3-dlq-original-offset")).isEqualTo("41");
    assertThat(text(headers, "x-mocks3-dlq-consumer")).isEqualTo("cache-writer");

    assertThat(text(headers, "kafka_dlt-original-topic")).isEqualTo("mocks3.cdc");
    assertThat(ByteBuffer.wrap(headers.lastHeader("kafka_dlt-original-partition").value()).getInt()).isEqualTo(2);
    assertThat(headers.lastHeader("kafka_dlt-original-partition").value()).hasSize(4);
    assertThat(ByteBuffer.wrap(headers.lastHeader("kafka_dlt-original-offset").value()).getLong()).isEqualTo(41L);
    assertThat(headers.lastHeader("kafka_dlt-original-offset").value()).hasSize(8);
    assertThat(ByteBuffer.wrap(headers.lastHeader("kafka_dlt-original-timestamp").value()).getLong())
        .isEqualTo(1_700_000_000_123L);
    assertThat(text(headers, "kafka_dlt-original-consumer-group")).isEqualTo("mocks3-cache-writer");
    assertThat(text(headers, "kafka_dlt-exception-fqcn")).isEqualTo("io.mocks3.faults.agent.InjectedFault");
    assertThat(text(headers, "kafka_dlt-exception-message")).isEqualTo("fault injected: chaos on mocks3.cdc");
  }

  @Test
  void theOriginalHeadersAreCopiedNotChanged() {
    Headers original = new RecordHeaders().add("a", new byte[] {1});
    DeadLetters.describe(original, ORIGIN, new DeadLetters.Cause("r", "X", null));
    assertThat(original.toArray()).hasSize(1);
  }

  @Test
  void anUnreadableRecordKeepsThePoisonRuleItCameWithAndNamesItsException() {
    Headers poison = new RecordHeaders().add(DeadLetters.FAULT_RULE, "poison:mocks3.cdc".getBytes(StandardCharsets.UTF_8));
    Headers headers = DeadLetters.describe(poison, new DeadLetters.Origin("mocks3.cdc", 0, 7L, 0L, "cache-writer", null),
        DeadLetters.Cause.unreadable(new IllegalArgumentException("not a captured row")));

    assertThat(headers.headers(DeadLetters.FAULT_RULE)).hasSize(1);
    assertThat(text(headers, DeadLetters.FAULT_RULE)).isEqualTo("poison:mocks3.cdc");
    assertThat(text(headers, DeadLetters.REASON)).isEqualTo("undeserializable: not a captured row");
    assertThat(text(headers, DeadLetters.DLT_EXCEPTION_FQCN)).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(headers.lastHeader(DeadLetters.DLT_ORIGINAL_CONSUMER_GROUP)).as("no group, no header").isNull();
  }
}
