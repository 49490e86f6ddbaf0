package io.mocks3.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.DeadLetters;
import io.mocks3.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetteringDeserializationHandlerTest {

  private static String text(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void aPoisonCommandGoesToTheDlqWithEveryDeadLetterHeaderAndKeepsItsPoisonRule() {
    Headers poison = new RecordHeaders().add(DeadLetters.FAULT_RULE, "poison:mocks3.commands".getBytes(StandardCharsets.UTF_8));
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(Topics.COMMANDS, 1, 9L, 1_700_000_000_000L,
        TimestampType.CREATE_TIME, 6, 9, "photos".getBytes(), "{not json".getBytes(), poison, java.util.Optional.empty());
    DeadLetteringDeserializationHandler handler = new DeadLetteringDeserializationHandler();
    handler.configure(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "mocks3-projector"));

    DeserializationExceptionHandler.Response response = handler.handleError(new Context(record), record,
        new SerializationException("Unexpected character"));

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
    ProducerRecord<byte[], byte[]> parked = response.deadLetterQueueRecords().get(0);
    assertThat(parked.topic()).isEqualTo(Topics.deadLetterOf(Topics.COMMANDS));
    assertThat(parked.value()).isEqualTo("{not json".getBytes());
    Headers h = parked.headers();
    assertThat(text(h, DeadLetters.REASON)).isEqualTo("undeserializable: Unexpected character");
    assertThat(h.headers(DeadLetters.FAULT_RULE)).hasSize(1);
    assertThat(text(h, DeadLetters.FAULT_RULE)).isEqualTo("poison:mocks3.commands");
    assertThat(text(h, DeadLetters.ORIGINAL_OFFSET)).isEqualTo("9");
    assertThat(text(h, DeadLetters.CONSUMER)).isEqualTo("metadata-projector");
    assertThat(text(h, DeadLetters.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.COMMANDS);
    assertThat(ByteBuffer.wrap(h.lastHeader(DeadLetters.DLT_ORIGINAL_PARTITION).value()).getInt()).isEqualTo(1);
    assertThat(ByteBuffer.wrap(h.lastHeader(DeadLetters.DLT_ORIGINAL_TIMESTAMP).value()).getLong()).isEqualTo(1_700_000_000_000L);
    assertThat(text(h, DeadLetters.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo("mocks3-projector");
    assertThat(text(h, DeadLetters.DLT_EXCEPTION_FQCN)).isEqualTo(SerializationException.class.getName());
  }

  /** Where the record sits, as Streams tells the handler. */
  private record Context(ConsumerRecord<byte[], byte[]> record) implements ErrorHandlerContext {
    @Override
    public String topic() {
      return record.topic();
    }

    @Override
    public int partition() {
      return record.partition();
    }

    @Override
    public long offset() {
      return record.offset();
    }

    @Override
    public Headers headers() {
      return record.headers();
    }

    @Override
    public String processorNodeId() {
      return "commands";
    }

    @Override
    public TaskId taskId() {
      return new TaskId(0, record.partition());
    }

    @Override
    public long timestamp() {
      return record.timestamp();
    }

    @Override
    public byte[] sourceRawKey() {
      return record.key();
    }

    @Override
    public byte[] sourceRawValue() {
      return record.value();
    }
  }
}
