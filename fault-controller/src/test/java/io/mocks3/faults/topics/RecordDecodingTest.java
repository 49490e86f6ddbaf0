package io.mocks3.faults.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.command.CreateBucket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordDecodingTest {
  @Test
  void aCommandIsReadAsItsSchemaTypeOnItsTopicAndItsDeadLetterTopic() {
    CreateBucket create = new CreateBucket("c-1", io.mocks3.schemas.BucketName.of("photos"), Instant.parse("2026-01-01T00:00:00Z"));
    byte[] bytes = JsonSerde.of(Command.class).serialize("mocks3.commands", create);
    for (String topic : new String[] {"mocks3.commands", "mocks3.commands.dlq"}) {
      RecordDecoding.Decoded d = RecordDecoding.decode(topic, bytes);
      assertThat(d.value()).isEqualTo(create);
      assertThat(d.error()).isNull();
      assertThat(RecordDecoding.schemaOf(topic)).contains("Command");
    }
  }

  @Test
  void poisonIsShownAsTextWithWhyItIsNotARecord() {
    RecordDecoding.Decoded d = RecordDecoding.decode("mocks3.commands.dlq", "{not json".getBytes(StandardCharsets.UTF_8));
    assertThat(d.value()).isNull();
    assertThat(d.text()).isEqualTo("{not json");
    assertThat(d.error()).startsWith("not a Command");
  }

  @Test
  void blobChunksAreShownOnlyBySizeAndTopicsWithoutASchemaAsText() {
    assertThat(RecordDecoding.decode("mocks3.blobs", new byte[300]).error()).contains("300 bytes");
    RecordDecoding.Decoded cdc = RecordDecoding.decode("mocks3.cdc", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(cdc.text()).isEqualTo("{\"a\":1}");
    assertThat(cdc.value()).isNull();
    assertThat(RecordDecoding.schemaOf("mocks3.cdc")).isEmpty();
  }
}
