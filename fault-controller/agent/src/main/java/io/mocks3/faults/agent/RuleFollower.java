package io.mocks3.faults.agent;

import io.mocks3.schemas.Json;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.FaultRule;
import io.mocks3.schemas.fault.FaultTopic;
import io.mocks3.schemas.fault.ProcessOrder;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code mocks3.faults} into a {@link RuleBook}: rules, chaos topics and the kill switch;
 * and hands process orders to the process scenarios.
 * A change reaches every service within one poll (≤ 100 ms after it is written), and a
 * restarted service reads the whole compacted topic again.
 */
public final class RuleFollower {
  private static final Logger log = LoggerFactory.getLogger(RuleFollower.class);

  private RuleFollower() {}

  public static TopicFollower<byte[]> of(String bootstrapServers, String clientId, RuleBook book) {
    return of(bootstrapServers, clientId, book, (target, order) -> { });
  }

  /** @param processOrders receives the fault controller's process orders: target, and the order or null (stop) */
  public static TopicFollower<byte[]> of(String bootstrapServers, String clientId, RuleBook book,
      BiConsumer<String, ProcessOrder> processOrders) {
    return new TopicFollower<>(bootstrapServers, clientId, Topics.FAULTS, new ByteArrayDeserializer(),
        r -> apply(book, processOrders, r));
  }

  static void apply(RuleBook book, BiConsumer<String, ProcessOrder> processOrders, ConsumerRecord<String, byte[]> record) {
    String key = record.key();
    try {
      if (key != null && key.startsWith(FaultTopic.PROCESS_PREFIX)) {
        processOrders.accept(key.substring(FaultTopic.PROCESS_PREFIX.length()),
            record.value() == null ? null : Json.mapper().readValue(record.value(), ProcessOrder.class));
      } else if (FaultTopic.KILL_SWITCH.equals(key)) {
        book.killSwitch(record.value() != null
            && Json.mapper().readValue(record.value(), FaultTopic.KillSwitch.class).engaged());
      } else if (key != null && key.startsWith(FaultTopic.CHAOS_PREFIX)) {
        String topic = key.substring(FaultTopic.CHAOS_PREFIX.length());
        book.chaos().put(topic, record.value() == null ? null : Json.mapper().readValue(record.value(), ChaosTopic.class));
      } else if (key != null && key.startsWith(FaultTopic.RULE_PREFIX)) {
        String id = key.substring(FaultTopic.RULE_PREFIX.length());
        book.put(id, record.value() == null ? null : Json.mapper().readValue(record.value(), FaultRule.class));
      }
    } catch (RuntimeException e) { // JacksonException included
      log.warn("ignoring unreadable record {} at offset {} of {}: {}", key, record.offset(), Topics.FAULTS, e.toString());
    }
  }
}
