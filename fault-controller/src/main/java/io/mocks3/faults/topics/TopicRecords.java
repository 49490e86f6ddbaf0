package io.mocks3.faults.topics;

import io.mocks3.kafkaconfig.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads records of a topic for a person, without a consumer group (nothing is committed, no
 * consumer is disturbed): from a partition and offset, or the newest ones under a key. Bounded in
 * records returned and scanned, and in time.
 */
public final class TopicRecords {
  /** How many of each partition's newest records a search by key looks at. */
  static final int KEY_SCAN = 20_000;
  private static final Duration READ_TIME = Duration.ofSeconds(5);
  private final String bootstrapServers;

  public TopicRecords(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Up to {@code limit} records of {@code topic}'s partition from {@code offset} on. */
  public List<Map<String, Object>> from(String topic, int partition, long offset, int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      TopicPartition tp = new TopicPartition(topic, partition);
      consumer.assign(List.of(tp));
      consumer.seek(tp, offset);
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      Instant deadline = Instant.now().plus(READ_TIME);
      while (out.size() < limit && consumer.position(tp) < end && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (out.size() < limit) {
            out.add(view(r));
          }
        }
      }
    }
    return out;
  }

  /** The newest {@code limit} records whose key is {@code key}, among each partition's last {@value #KEY_SCAN}; oldest first. */
  public List<Map<String, Object>> withKey(String topic, String key, int limit) {
    byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
    Deque<ConsumerRecord<byte[], byte[]>> found = new ArrayDeque<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
      partitions.forEach(tp -> consumer.seek(tp, Math.max(starts.get(tp), ends.get(tp) - KEY_SCAN)));
      Instant deadline = Instant.now().plus(READ_TIME);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (Arrays.equals(r.key(), wanted)) {
            found.addLast(r);
          }
        }
      }
    }
    return found.stream().sorted(Comparator.comparingLong(ConsumerRecord::timestamp)).skip(Math.max(0, found.size() - limit))
        .map(TopicRecords::view).toList();
  }

  private static Map<String, Object> view(ConsumerRecord<byte[], byte[]> r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("partition", r.partition());
    m.put("offset", r.offset());
    m.put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
    m.put("key", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : r.headers()) {
      headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
    }
    m.put("headers", headers);
    RecordDecoding.Decoded decoded = RecordDecoding.decode(r.topic(), r.value());
    RecordDecoding.schemaOf(r.topic()).ifPresent(s -> m.put("schema", s));
    // The record's own type (a command's or event's subtype): the value, written as a plain object, does not carry it.
    m.put("type", decoded.value() == null ? null : decoded.value().getClass().getSimpleName());
    m.put("value", decoded.value());
    m.put("text", decoded.text());
    m.put("decode_error", decoded.error());
    return m;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    var config = KafkaClients.consumer(bootstrapServers, null, "fault-controller-browser-" + System.nanoTime());
    config.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
