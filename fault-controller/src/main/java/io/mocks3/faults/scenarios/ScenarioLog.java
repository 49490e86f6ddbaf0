package io.mocks3.faults.scenarios;

import io.mocks3.kafkaconfig.MeteredKafkaConsumer;
import io.mocks3.kafkaconfig.MeteredKafkaProducer;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.fault.FaultTopic;
import io.mocks3.schemas.fault.FaultTopic.ScenarioRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The started scenarios as records of {@code mocks3.faults} (key {@code scenario:<name>}, a
 * tombstone when it ended), beside the rules and chaos topics they wrote. Only the controller
 * reads them, once, when it starts: the agents ignore the key.
 */
public final class ScenarioLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScenarioLog.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final String bootstrapServers;
  private final KafkaProducer<String, byte[]> producer;

  public ScenarioLog(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.producer = new MeteredKafkaProducer<>(KafkaClients.producer(bootstrapServers, "fault-controller-scenarios"),
        new StringSerializer(), new ByteArraySerializer());
  }

  public void save(ScenarioRun run) {
    try {
      write(FaultTopic.scenarioKey(run.name()), Json.mapper().writeValueAsBytes(run));
    } catch (tools.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public void delete(String name) {
    write(FaultTopic.scenarioKey(name), null);
  }

  /** The scenarios the log says are running, by name: the whole topic read up to its end. */
  public Map<String, ScenarioRun> read() {
    Map<String, ScenarioRun> runs = new TreeMap<>();
    TopicPartition partition = new TopicPartition(Topics.FAULTS, 0);
    try (KafkaConsumer<String, byte[]> consumer = new MeteredKafkaConsumer<>(
        KafkaClients.consumer(bootstrapServers, null, "fault-controller-scenario-recovery"),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (consumer.position(partition, TIMEOUT) < end) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot read " + Topics.FAULTS + " to its end within " + TIMEOUT
              + ": is Kafka reachable at " + bootstrapServers + "?");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(r -> apply(runs, r));
      }
    }
    return runs;
  }

  private static void apply(Map<String, ScenarioRun> runs, ConsumerRecord<String, byte[]> r) {
    if (r.key() == null || !r.key().startsWith(FaultTopic.SCENARIO_PREFIX)) {
      return;
    }
    String name = r.key().substring(FaultTopic.SCENARIO_PREFIX.length());
    if (r.value() == null) {
      runs.remove(name);
      return;
    }
    try {
      runs.put(name, Json.mapper().readValue(r.value(), ScenarioRun.class));
    } catch (JacksonException e) {
      // as the agents do with a record they cannot read: one bad record must not keep the controller down
      log.warn("ignoring unreadable record {} at offset {} of {}: {}", r.key(), r.offset(), Topics.FAULTS, e.toString());
    }
  }

  private void write(String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(Topics.FAULTS, key, value)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write to " + Topics.FAULTS + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
