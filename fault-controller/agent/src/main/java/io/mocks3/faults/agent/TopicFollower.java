package io.mocks3.faults.agent;

import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.kafkaconfig.MeteredKafkaConsumer;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a single-partition topic from its beginning on its own thread, handing every record to
 * {@code apply}; no consumer group, so every follower sees every record. Used for the fault
 * rules (every agent), the runs and the fault events.
 *
 * <p>A follower never seeks after its start, so the broker may hold its fetch for as long as nothing
 * arrives ({@link KafkaClients#FORWARD_ONLY_FETCH_WAIT}): a record answers it at once, and an idle stack's followers
 * (nine of them, in every process) ask the broker every 5 s instead of twice a second. Its thread likewise
 * waits in {@code poll} until records come ({@link #IDLE_POLL}), woken early only by {@link #close}.
 */
public final class TopicFollower<V> implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);
  /** How long one poll waits for records: they end it at once, so this only sets how often an idle follower loops. */
  private static final Duration IDLE_POLL = Duration.ofSeconds(5);
  private final KafkaConsumer<String, V> consumer;
  private final TopicPartition partition;
  private final Consumer<ConsumerRecord<String, V>> apply;
  private final AtomicLong position = new AtomicLong(-1);
  private final Thread thread;
  private volatile boolean running = true;

  public TopicFollower(String bootstrapServers, String clientId, String topic, Deserializer<V> values,
      Consumer<ConsumerRecord<String, V>> apply) {
    Properties config = KafkaClients.consumer(bootstrapServers, null, clientId);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) KafkaClients.FORWARD_ONLY_FETCH_WAIT.toMillis());
    this.consumer = new MeteredKafkaConsumer<>(config, new StringDeserializer(), values);
    this.partition = new TopicPartition(topic, 0);
    this.apply = apply;
    this.thread = new Thread(this, "follow-" + topic);
    this.thread.setDaemon(true);
  }

  public void start() {
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    thread.start();
  }

  /** The next offset this follower will read: every record below it has been applied. */
  public long position() {
    return position.get();
  }

  public boolean running() {
    return running && thread.isAlive();
  }

  @Override
  public void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, V> record : consumer.poll(IDLE_POLL)) {
          apply.accept(record);
        }
        position.set(consumer.position(partition));
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("follower of {} stopped", partition, e);
      running = false;
    } finally {
      KafkaClients.closeAtOnce(consumer);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(5_000);
  }
}
