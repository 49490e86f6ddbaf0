package io.mocks3.faults.agent;

import io.mocks3.kafkaconfig.LogReader;
import io.mocks3.schemas.DeadLetters;
import io.mocks3.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Which records each consumer has already set aside, read from the dead-letter topics themselves:
 * every dead letter names its original topic, partition and offset ({@code kafka_dlt-original-*})
 * and the consumer that sent it ({@code x-mocks3-dlq-consumer}). Poison stays in the source-of-truth
 * logs for good (and forever in a compacted one), so a consumer that reads its log again (a replay,
 * a node with a new disk) meets the same poison again; with this memory it skips it instead of
 * dead-lettering it a second time. A dead-letter topic is read once per process, the first time one
 * of its records is asked about; what this process sets aside afterwards is added as it goes.
 */
public final class DeadLetterMemory {
  /** Hands the headers of every record {@code deadLetterTopic} holds now to {@code each}. */
  @FunctionalInterface
  public interface Source {
    void read(String deadLetterTopic, Consumer<Headers> each);
  }

  private final Source source;
  private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();

  public DeadLetterMemory(Source source) {
    this.source = source;
  }

  /** The memory of the dead-letter topics on the brokers at {@code bootstrapServers}. */
  public static DeadLetterMemory of(String bootstrapServers) {
    return new DeadLetterMemory((topic, each) ->
        LogReader.readAll(bootstrapServers, topic, new ByteArrayDeserializer(), record -> each.accept(record.headers())));
  }

  /** Whether {@code origin.consumer()} has already dead-lettered the record at {@code origin}'s position. */
  public boolean contains(DeadLetters.Origin origin) {
    return positions(origin.topic()).contains(key(origin.consumer(), origin.topic(), origin.partition(), origin.offset()));
  }

  public void remember(DeadLetters.Origin origin) {
    positions(origin.topic()).add(key(origin.consumer(), origin.topic(), origin.partition(), origin.offset()));
  }

  private Set<String> positions(String topic) {
    return seen.computeIfAbsent(Topics.deadLetterOf(topic), this::load);
  }

  private Set<String> load(String deadLetterTopic) {
    Set<String> positions = ConcurrentHashMap.newKeySet();
    source.read(deadLetterTopic, headers -> position(headers).ifPresent(positions::add));
    return positions;
  }

  /** The position a dead letter came from, as its spring-kafka headers encode it, and who sent it. */
  static Optional<String> position(Headers headers) {
    Header topic = headers.lastHeader(DeadLetters.DLT_ORIGINAL_TOPIC);
    Header partition = headers.lastHeader(DeadLetters.DLT_ORIGINAL_PARTITION);
    Header offset = headers.lastHeader(DeadLetters.DLT_ORIGINAL_OFFSET);
    Header consumer = headers.lastHeader(DeadLetters.CONSUMER);
    if (topic == null || partition == null || offset == null || consumer == null
        || partition.value().length != Integer.BYTES || offset.value().length != Long.BYTES) {
      return Optional.empty();
    }
    return Optional.of(key(text(consumer), text(topic), ByteBuffer.wrap(partition.value()).getInt(),
        ByteBuffer.wrap(offset.value()).getLong()));
  }

  private static String key(String consumer, String topic, int partition, long offset) {
    return consumer + " " + topic + "/" + partition + "@" + offset;
  }

  private static String text(Header header) {
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
