package io.mocks3.faults.streams;

import io.mocks3.kafkaconfig.MeteredKafkaConsumer;
import io.mocks3.kafkaconfig.MeteredKafkaProducer;
import io.mocks3.faults.agent.FaultTopicIds;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.schemas.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Puts records back on their topic: one record of the log by position (a command a chaos topic
 * lost is still in the log; re-driving appends it again), or records of a dead-letter topic, one or
 * all waiting, the same way (poison discarded, the record marked done). Consumer group
 * {@code mocks3-redrive} remembers what was handled ({@link Progress}).
 */
public final class Redriver implements AutoCloseable {
  private static final String GROUP = "mocks3-redrive";
  private final String bootstrapServers;
  private final KafkaProducer<byte[], byte[]> producer;

  public Redriver(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.producer = new MeteredKafkaProducer<>(KafkaClients.producer(bootstrapServers, "fault-controller-redrive"),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Appends the record at {@code topic/partition@offset} to {@code topic} again; false when there is none. */
  public synchronized boolean redrive(String topic, int partition, long offset) throws ExecutionException, InterruptedException {
    Optional<ConsumerRecord<byte[], byte[]>> record = recordAt(topic, partition, offset);
    if (record.isEmpty()) {
      return false;
    }
    putBack(topic, record.get());
    return true;
  }

  /** The record at {@code topic/partition@offset}, if there is one. */
  private Optional<ConsumerRecord<byte[], byte[]>> recordAt(String topic, int partition, long offset) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(null)) {
      TopicPartition tp = new TopicPartition(topic, partition);
      consumer.assign(List.of(tp));
      consumer.seek(tp, offset);
      for (int attempt = 0; attempt < 20; attempt++) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          return r.offset() == offset ? Optional.of(r) : Optional.empty();
        }
      }
      return Optional.empty();
    }
  }

  /** Appends {@code r} to {@code topic} as a fresh record: its dead-letter headers dropped. */
  private void putBack(String topic, ConsumerRecord<byte[], byte[]> r) throws ExecutionException, InterruptedException {
    producer.send(new ProducerRecord<>(topic, null, r.key(), r.value(), withoutDeadLetterHeaders(r.headers()))).get();
  }

  /**
   * Dead-letter topic → records waiting (not yet re-driven or purged) and in total. Counted by
   * reading them, not from offsets: a DLQ written in transactions (the projector's) has commit
   * markers between its records.
   */
  public synchronized Map<String, Object> describe(String dlq) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(GROUP)) {
      List<TopicPartition> partitions = partitions(consumer, dlq);
      Map<TopicPartition, Progress> progress = progress(consumer, partitions);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long waiting = 0;
      long total = 0;
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          total++;
          if (progress.get(new TopicPartition(r.topic(), r.partition())).waiting(r.offset())) {
            waiting++;
          }
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("topic", dlq);
      out.put("waiting", waiting);
      out.put("total", total);
      return out;
    }
  }

  /** The records of {@code dlq} not yet re-driven, with their headers; at most {@code limit}. */
  public synchronized List<Map<String, Object>> peek(String dlq, int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(GROUP)) {
      List<TopicPartition> partitions = partitions(consumer, dlq);
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Map<TopicPartition, Progress> progress = positionAtCommitted(consumer, partitions);
      while (out.size() < limit && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (out.size() < limit && progress.get(new TopicPartition(r.topic(), r.partition())).waiting(r.offset())) {
            out.add(describe(r));
          }
        }
      }
    }
    return out;
  }

  /** What a re-drive of a dead-letter topic did: records put back, and poison records discarded. */
  public record Redriven(int redriven, int discardedPoison) {
    static final Redriven NOTHING = new Redriven(0, 0);

    Redriven plus(Redriven other) {
      return new Redriven(redriven + other.redriven, discardedPoison + other.discardedPoison);
    }
  }

  /**
   * Re-appends every waiting record of {@code dlq} to its original topic and marks it done, as
   * {@link #redriveOne} does one record. Dead letters in transactions still open when it is called
   * are waited for (at most {@link #OPEN_TRANSACTION_WAIT}) and re-driven too.
   */
  public synchronized Redriven redriveAll(String dlq) throws ExecutionException, InterruptedException {
    Redriven done = Redriven.NOTHING;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(GROUP)) {
      List<TopicPartition> partitions = partitions(consumer, dlq);
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = logEnd(partitions);
      Map<TopicPartition, Progress> progress = positionAtCommitted(consumer, partitions);
      long deadline = System.nanoTime() + OPEN_TRANSACTION_WAIT.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (progress.get(tp).waiting(r.offset())) {
            done = done.plus(redriveOrDiscard(r).orElse(Redriven.NOTHING));
          }
        }
        Map<TopicPartition, OffsetAndMetadata> reached = new LinkedHashMap<>();
        partitions.forEach(tp -> reached.put(tp, progress.get(tp).reached(consumer.position(tp)).committed()));
        consumer.commitSync(reached);
      }
    }
    return done;
  }

  /**
   * Re-appends the one record at {@code dlq/partition@offset} to its original topic (a poison
   * record is discarded instead) and marks it done, so it no longer counts as waiting; empty when
   * there is no such dead letter.
   */
  public synchronized Optional<Redriven> redriveOne(String dlq, int partition, long offset)
      throws ExecutionException, InterruptedException {
    Optional<ConsumerRecord<byte[], byte[]>> record = recordAt(dlq, partition, offset);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    Optional<Redriven> done = redriveOrDiscard(record.get());
    if (done.isPresent()) {
      try (KafkaConsumer<byte[], byte[]> consumer = consumer(GROUP)) {
        TopicPartition tp = new TopicPartition(dlq, partition);
        Progress handled = progress(consumer, List.of(tp)).get(tp).handled(offset);
        consumer.commitSync(Map.of(tp, handled.committed()));
      }
    }
    return done;
  }

  /**
   * Marks the dead letter at {@code dlq/partition@offset} handled without putting it back (a
   * person decided it must not be applied); false when no dead letter waits there.
   */
  public synchronized boolean discardOne(String dlq, int partition, long offset) {
    if (recordAt(dlq, partition, offset).isEmpty()) {
      return false;
    }
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(GROUP)) {
      TopicPartition tp = new TopicPartition(dlq, partition);
      Progress progress = progress(consumer, List.of(tp)).get(tp);
      if (!progress.waiting(offset)) {
        return false;
      }
      consumer.commitSync(Map.of(tp, progress.handled(offset).committed()));
      return true;
    }
  }

  /**
   * The one way a dead letter is re-driven: appended to its original topic as a fresh record, or,
   * when it is poison (made by {@link Poisoner}), discarded, as put back it would only be
   * dead-lettered again. Empty when the record does not say where it came from.
   */
  private Optional<Redriven> redriveOrDiscard(ConsumerRecord<byte[], byte[]> r) throws ExecutionException, InterruptedException {
    String original = originalTopic(r.headers());
    if (original == null) {
      return Optional.empty();
    }
    String rule = header(r.headers(), DeadLetters.FAULT_RULE);
    if (rule != null && rule.equals(FaultTopicIds.poisonRuleId(original))) {
      return Optional.of(new Redriven(0, 1));
    }
    putBack(original, r);
    return Optional.of(new Redriven(1, 0));
  }

  /** Discards every waiting record of {@code dlq} (they stay in the topic, no longer waiting); returns how many. */
  public synchronized long purge(String dlq) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(GROUP)) {
      List<TopicPartition> partitions = partitions(consumer, dlq);
      long waiting = (long) describe(dlq).get("waiting");
      Map<TopicPartition, OffsetAndMetadata> end = new LinkedHashMap<>();
      consumer.endOffsets(partitions).forEach((tp, offset) -> end.put(tp, new OffsetAndMetadata(offset)));
      consumer.commitSync(end);
      return waiting;
    }
  }

  /** Seeks every partition to its first record not yet handled; answers what has been handled. */
  private static Map<TopicPartition, Progress> positionAtCommitted(KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions) {
    Map<TopicPartition, Progress> progress = progress(consumer, partitions);
    progress.forEach((tp, p) -> consumer.seek(tp, p.next()));
    return progress;
  }

  private static Map<TopicPartition, Progress> progress(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
    Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
    Map<TopicPartition, Progress> progress = new LinkedHashMap<>();
    partitions.forEach(tp -> progress.put(tp, Progress.of(committed.get(tp), start.get(tp))));
    return progress;
  }

  private static final String SPRING_ORIGINAL_TOPIC = "kafka_original-topic";
  private static final String SPRING_EXCEPTION = "kafka_exception-message";

  private static Map<String, Object> describe(ConsumerRecord<byte[], byte[]> r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("partition", r.partition());
    m.put("offset", r.offset());
    m.put("key", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
    // When it was dead-lettered: its first failure (a re-driven record that fails again is a new dead letter).
    m.put("dead_lettered_at", java.time.Instant.ofEpochMilli(r.timestamp()).toString());
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : r.headers()) {
      if (h.key().startsWith("x-mocks3-") || h.key().equals(SPRING_ORIGINAL_TOPIC) || h.key().equals(SPRING_EXCEPTION)) {
        headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    m.put("headers", headers);
    m.put("value", r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
    return m;
  }

  /**
   * Where a dead letter came from: MockS3's header, or spring-kafka's (the task workers' retry
   * topics; a record that failed on {@code <topic>.retry-N} goes back to {@code <topic>}).
   */
  static String originalTopic(Headers headers) {
    String ours = header(headers, DeadLetters.ORIGINAL_TOPIC);
    if (ours != null) {
      return ours;
    }
    String spring = header(headers, SPRING_ORIGINAL_TOPIC);
    return spring == null ? null : spring.replaceFirst("\\.retry-\\d+$", "");
  }

  /** A re-driven record starts afresh: no dead-letter headers, ours or spring-kafka's (its retry count included). */
  private static List<Header> withoutDeadLetterHeaders(Headers headers) {
    List<Header> kept = new ArrayList<>();
    for (Header h : headers) {
      if (!h.key().startsWith("x-mocks3-dlq-") && !h.key().equals(DeadLetters.FAULT_RULE)
          && !h.key().startsWith("kafka_") && !h.key().startsWith("retry_topic-")) {
        kept.add(h);
      }
    }
    return kept;
  }

  private static String header(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  /**
   * How long {@link #redriveAll} waits for the dead letters of transactions still open when it is
   * called: a projector's transaction commits within its commit interval (100 ms), one that never
   * does is aborted by the broker after the producer's transaction timeout (Kafka Streams: 10 s).
   */
  private static final Duration OPEN_TRANSACTION_WAIT = Duration.ofSeconds(15);

  /**
   * The end of each partition's log, records of open transactions included (a read-committed
   * consumer's end offsets stop before them). A consumer dead-letters a record inside its
   * transaction (the projector does), so a dead letter decided just before a "re-drive all" may
   * not be committed yet: the re-drive waits for it rather than leave it in the queue.
   */
  private Map<TopicPartition, Long> logEnd(List<TopicPartition> partitions) {
    Properties config = KafkaClients.consumer(bootstrapServers, null, "fault-controller-redrive-end-" + System.nanoTime());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (KafkaConsumer<byte[], byte[]> probe = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      return probe.endOffsets(partitions);
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer(String group) {
    Properties config = KafkaClients.consumer(bootstrapServers, group, "fault-controller-redrive-" + System.nanoTime());
    if (group != null) {
      config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }
    return new MeteredKafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public void close() {
    producer.close();
  }
}
