package io.mocks3.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * schemas copies spring-kafka's dead-letter header names (it has no Spring); here, where
 * spring-kafka is, they are checked against {@link KafkaHeaders} and against what
 * {@link DeadLetterPublishingRecoverer} really writes for the same record and exception.
 */
class DeadLettersHeaderNamesTest {
  private static final String GROUP = "mocks3-webhook-delivery";
  private final ConsumerRecord<String, String> record = new ConsumerRecord<>("mocks3.notifications", 2, 41L,
      1_700_000_000_123L, TimestampType.CREATE_TIME, 5, 9, "photos", "{\"Records\":[]}", new RecordHeaders(),
      java.util.Optional.empty());

  @Test
  void theCopiedNamesAreSpringKafkasDeadLetterHeaders() {
    assertThat(DeadLetters.DLT_ORIGINAL_TOPIC).isEqualTo(KafkaHeaders.DLT_ORIGINAL_TOPIC);
    assertThat(DeadLetters.DLT_ORIGINAL_PARTITION).isEqualTo(KafkaHeaders.DLT_ORIGINAL_PARTITION);
    assertThat(DeadLetters.DLT_ORIGINAL_OFFSET).isEqualTo(KafkaHeaders.DLT_ORIGINAL_OFFSET);
    assertThat(DeadLetters.DLT_ORIGINAL_TIMESTAMP).isEqualTo(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
    assertThat(DeadLetters.DLT_ORIGINAL_CONSUMER_GROUP).isEqualTo(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
    assertThat(DeadLetters.DLT_EXCEPTION_FQCN).isEqualTo(KafkaHeaders.DLT_EXCEPTION_FQCN);
    assertThat(DeadLetters.DLT_EXCEPTION_MESSAGE).isEqualTo(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
  }

  @Test
  void ourDeadLetterHeadersAreEncodedAsDeadLetterPublishingRecovererEncodesThem() {
    // As a listener container hands it over: the listener's failure, wrapped with its group.
    Exception failure = new ListenerExecutionFailedException("Listener failed", GROUP,
        new IllegalStateException("webhook answered 500"));
    Headers spring = publishedBySpringKafka(failure);
    Headers ours = DeadLetters.describe(record.headers(), DeadLetters.Origin.of(record, "webhook-delivery", GROUP),
        new DeadLetters.Cause("webhook answered 500", IllegalStateException.class.getName(), null));

    // Where the record came from: the same bytes (partition a 4-byte int, offset and timestamp 8-byte longs).
    for (String name : List.of(KafkaHeaders.DLT_ORIGINAL_TOPIC, KafkaHeaders.DLT_ORIGINAL_PARTITION,
        KafkaHeaders.DLT_ORIGINAL_OFFSET, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)) {
      assertThat(spring.lastHeader(name)).as("spring-kafka writes %s", name).isNotNull();
      assertThat(ours.lastHeader(name)).as(name).isNotNull();
      assertThat(ours.lastHeader(name).value()).as(name).isEqualTo(spring.lastHeader(name).value());
    }
    // Why: both UTF-8 text naming the exception and its message.
    assertThat(text(spring, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(failure.getClass().getName());
    assertThat(text(spring, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("webhook answered 500");
    assertThat(text(ours, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(IllegalStateException.class.getName());
    assertThat(text(ours, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("webhook answered 500");
  }

  private static String text(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private Headers publishedBySpringKafka(Exception failure) {
    MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    KafkaTemplate<String, String> template = new KafkaTemplate<>(new MockProducerFactory<>(() -> producer));
    new DeadLetterPublishingRecoverer(template, (r, e) -> new TopicPartition(r.topic() + ".dlq", r.partition()))
        .accept(record, failure);
    List<ProducerRecord<String, String>> sent = producer.history();
    assertThat(sent).hasSize(1);
    return sent.get(0).headers();
  }
}
