package io.mocks3.kafkaconfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a topic holds, every partition, up to its end as it is when the read starts, without a
 * consumer group: for judging and checking the system from the log itself. A record whose value
 * does not read (a poison record) is handed over with a null value.
 */
public final class LogReader {
  private LogReader() {}

  /** Hands {@code apply} every record of {@code topic} written at or after {@code from} (record time), up to the end now. */
  public static <V> void read(String bootstrapServers, String topic, Deserializer<V> values, Instant from,
      Consumer<ConsumerRecord<String, V>> apply) {
    Deserializer<V> tolerant = (t, bytes) -> {
      try {
        return values.deserialize(t, bytes);
      } catch (RuntimeException e) {
        return null;
      }
    };
    try (KafkaConsumer<String, V> consumer = new MeteredKafkaConsumer<>(
        KafkaClients.consumer(bootstrapServers, null, "log-reader"), new StringDeserializer(), tolerant)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(topic, Duration.ofSeconds(10)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      Map<TopicPartition, Long> times = new HashMap<>();
      // offsetsForTimes(EPOCH) is every partition's first offset: the whole log.
      partitions.forEach(p -> times.put(p, from.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(times, Duration.ofSeconds(10));
      List<TopicPartition> remaining = new ArrayList<>();
      for (TopicPartition p : partitions) {
        OffsetAndTimestamp at = start.get(p);
        if (at != null && at.offset() < end.get(p)) {
          remaining.add(p);
        }
      }
      consumer.assign(remaining);
      remaining.forEach(p -> consumer.seek(p, start.get(p).offset()));
      while (!remaining.isEmpty()) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition p = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < end.get(p)) {
            apply.accept(record);
          }
        }
        remaining.removeIf(p -> consumer.position(p) >= end.get(p));
      }
    }
  }

  /** Hands {@code apply} every record {@code topic} holds now. */
  public static <V> void readAll(String bootstrapServers, String topic, Deserializer<V> values,
      Consumer<ConsumerRecord<String, V>> apply) {
    read(bootstrapServers, topic, values, Instant.EPOCH, apply);
  }
}
