package io.mocks3.faults.agent;

import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.FaultRule;
import io.mocks3.schemas.fault.FaultTopic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code mocks3.faults} from its beginning (no consumer group: every agent reads every
 * rule) into a {@link RuleBook}. A change reaches every service within one poll (≤ 100 ms
 * after it is written), and a restarted service reads the whole compacted topic again.
 */
public final class RuleFollower implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RuleFollower.class);
  private final KafkaConsumer<String, byte[]> consumer;
  private final RuleBook book;
  private final TopicPartition partition = new TopicPartition(Topics.FAULTS, 0);
  private final AtomicLong position = new AtomicLong(-1);
  private final Thread thread;
  private volatile boolean running = true;

  public RuleFollower(String bootstrapServers, String clientId, RuleBook book) {
    Properties config = KafkaClients.consumer(bootstrapServers, null, clientId);
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    this.book = book;
    this.thread = new Thread(this, "fault-rule-follower");
    this.thread.setDaemon(true);
  }

  public void start() {
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    thread.start();
  }

  /** The next offset this follower will read: every record below it is in the rule book. */
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
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          apply(record);
        }
        position.set(consumer.position(partition));
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("fault rule follower stopped", e);
      running = false;
    } finally {
      consumer.close();
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    String key = record.key();
    try {
      if (FaultTopic.KILL_SWITCH.equals(key)) {
        book.killSwitch(record.value() != null
            && Json.mapper().readValue(record.value(), FaultTopic.KillSwitch.class).engaged());
      } else if (key != null && key.startsWith(FaultTopic.CHAOS_PREFIX)) {
        String topic = key.substring(FaultTopic.CHAOS_PREFIX.length());
        book.chaos().put(topic, record.value() == null ? null : Json.mapper().readValue(record.value(), ChaosTopic.class));
      } else if (key != null && key.startsWith(FaultTopic.RULE_PREFIX)) {
        String id = key.substring(FaultTopic.RULE_PREFIX.length());
        book.put(id, record.value() == null ? null : Json.mapper().readValue(record.value(), FaultRule.class));
      }
    } catch (java.io.IOException | RuntimeException e) {
      log.warn("ignoring unreadable record {} at offset {} of {}: {}", key, record.offset(), Topics.FAULTS, e.toString());
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(5_000);
  }

}
