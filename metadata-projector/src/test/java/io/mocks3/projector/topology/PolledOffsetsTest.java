package io.mocks3.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PolledOffsetsTest {
  private static final TopicPartition COMMANDS_0 = new TopicPartition("mocks3.commands", 0);

  private static ConsumerRecords<Object, Object> polled(long... offsets) {
    List<ConsumerRecord<Object, Object>> records = new java.util.ArrayList<>();
    for (long offset : offsets) {
      records.add(new ConsumerRecord<>(COMMANDS_0.topic(), COMMANDS_0.partition(), offset, "bucket", "command"));
    }
    return new ConsumerRecords<>(Map.of(COMMANDS_0, records), Map.of());
  }

  @Test
  void onlyTheLastRecordOfTheLatestPollIsTheLastPolled() throws Exception {
    PolledOffsets interceptor = new PolledOffsets();
    interceptor.onConsume(polled(10, 11, 12));
    assertThat(PolledOffsets.isLastPolled("mocks3.commands", 0, 10)).isFalse();
    assertThat(PolledOffsets.isLastPolled("mocks3.commands", 0, 12)).isTrue();
    assertThat(PolledOffsets.isLastPolled("mocks3.commands", 1, 3)).as("a partition this thread never polled").isTrue();

    // A task reset to its last commit polls from further back: the latest poll is what counts.
    interceptor.onConsume(polled(5, 6));
    assertThat(PolledOffsets.isLastPolled("mocks3.commands", 0, 5)).isFalse();
    assertThat(PolledOffsets.isLastPolled("mocks3.commands", 0, 6)).isTrue();

    // Another thread (another stream thread) has polled nothing of its own.
    Thread other = new Thread(() -> assertThat(PolledOffsets.isLastPolled("mocks3.commands", 0, 5)).isTrue());
    java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
    other.setUncaughtExceptionHandler((t, e) -> failed.set(e));
    other.start();
    other.join();
    assertThat(failed.get()).isNull();
    interceptor.close();
    assertThat(PolledOffsets.isLastPolled("mocks3.commands", 0, 5)).as("forgotten when the consumer closes").isTrue();
  }
}
