package io.mocks3.projector.replay;

import io.mocks3.kafkaconfig.MeteredKafkaConsumer;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the committed event log ({@code mocks3.events}, read_committed) between two cuts, in each
 * partition's order (a bucket's events are in one partition, in sequence). No consumer group: a
 * replay owns its positions.
 */
final class EventLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventLog.class);
  private final KafkaConsumer<String, byte[]> consumer;
  private final JsonSerde<Event> serde = JsonSerde.of(Event.class);
  private final List<TopicPartition> partitions;

  EventLog(String bootstrapServers) {
    Properties p = KafkaClients.consumer(bootstrapServers, null, "metadata-replay");
    // A poll's events are one transaction of the replay's projection.
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    this.consumer = new MeteredKafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.partitions = consumer.partitionsFor(Topics.EVENTS).stream()
        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    consumer.assign(partitions);
  }

  /** Where the committed log ends now (the last stable offset of each partition). */
  Map<TopicPartition, Long> end() {
    return new HashMap<>(consumer.endOffsets(partitions));
  }

  /** The start of the log. */
  Map<TopicPartition, Long> beginning() {
    return new HashMap<>(consumer.beginningOffsets(partitions));
  }

  /**
   * Hands every event in [from, to) to {@code sink}, partition by partition, a poll's events at a
   * time (in the partition's order); returns how many.
   */
  long read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, Consumer<List<Event>> sink) {
    long count = 0;
    for (TopicPartition tp : partitions) {
      long end = to.getOrDefault(tp, 0L);
      long position = from.getOrDefault(tp, 0L);
      if (position >= end) {
        continue;
      }
      consumer.assign(List.of(tp));
      consumer.seek(tp, position);
      while (consumer.position(tp) < end) {
        List<Event> batch = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() >= end) {
            break;
          }
          if (record.value() == null) {
            continue;
          }
          try {
            batch.add(serde.deserialize(record.topic(), record.value()));
          } catch (RuntimeException e) {
            log.warn("event at {}@{} cannot be read; skipped by the replay: {}", tp, record.offset(), e.toString());
          }
        }
        if (!batch.isEmpty()) {
          sink.accept(batch);
          count += batch.size();
        }
      }
    }
    consumer.assign(partitions);
    return count;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
