package io.mocks3.faults.rules;

import io.mocks3.kafkaconfig.MeteredKafkaProducer;
import io.mocks3.faults.agent.RuleBook;
import io.mocks3.faults.agent.RuleFollower;
import io.mocks3.faults.agent.TopicFollower;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.FaultRule;
import io.mocks3.schemas.fault.FaultTopic;
import io.mocks3.schemas.fault.ProcessOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Rules and the kill switch, kept where every agent reads them: the compacted topic
 * {@code mocks3.faults}. A write returns once this controller's own follower has read it back,
 * so a GET right after a POST sees the rule, and the agents (which poll the same topic) within
 * the same ~100 ms.
 */
public final class RuleStore implements AutoCloseable {
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
  private final KafkaProducer<String, byte[]> producer;
  private final RuleBook book = new RuleBook();
  private final TopicFollower<byte[]> follower;
  /** Every rule this controller saved, deleted ones included: what a run's export describes its rules with. */
  private final Map<String, FaultRule> saved = new ConcurrentHashMap<>();
  private final Map<String, ProcessOrder> processOrders = new ConcurrentHashMap<>();

  public RuleStore(String bootstrapServers) {
    this.producer = new MeteredKafkaProducer<>(KafkaClients.producer(bootstrapServers, "fault-controller-rules"),
        new StringSerializer(), new ByteArraySerializer());
    this.follower = RuleFollower.of(bootstrapServers, "fault-controller-rule-view", book, (target, order) -> {
      if (order == null) {
        processOrders.remove(target);
      } else {
        processOrders.put(target, order);
      }
    });
  }

  public void start() {
    follower.start();
  }

  /** The controller's read position in {@code mocks3.faults}: every write it confirmed is below it. */
  public long position() {
    return follower.position();
  }

  public boolean healthy() {
    return follower.running();
  }

  public List<FaultRule> rules() {
    return book.rules();
  }

  public Optional<FaultRule> rule(String id) {
    return book.rule(id);
  }

  public boolean killSwitch() {
    return book.killed();
  }

  public void save(FaultRule rule) {
    write(FaultTopic.ruleKey(rule.id()), json(rule));
    saved.put(rule.id(), rule);
  }

  /** The rule's definition, also once it was deleted (if this controller saved it since it started). */
  public Optional<FaultRule> definition(String id) {
    return rule(id).or(() -> Optional.ofNullable(saved.get(id)));
  }

  public void delete(String id) {
    write(FaultTopic.ruleKey(id), null);
  }

  public List<ChaosTopic> chaosTopics() {
    return book.chaos().active();
  }

  public Optional<ChaosTopic> chaosTopic(String topic) {
    return book.chaos().get(topic);
  }

  public void saveChaos(ChaosTopic chaos) {
    write(FaultTopic.chaosKey(chaos.topic()), json(chaos));
  }

  public void deleteChaos(String topic) {
    write(FaultTopic.chaosKey(topic), null);
  }

  /** The process orders in force, by target. */
  public Map<String, ProcessOrder> processOrders() {
    return new java.util.TreeMap<>(processOrders);
  }

  public void saveProcess(ProcessOrder order) {
    write(FaultTopic.processKey(order.target()), json(order));
  }

  public void deleteProcess(String target) {
    write(FaultTopic.processKey(target), null);
  }

  public void killSwitch(boolean engaged) {
    write(FaultTopic.KILL_SWITCH, json(new FaultTopic.KillSwitch(engaged, Instant.now())));
  }

  private void write(String key, byte[] value) {
    try {
      RecordMetadata written = producer.send(new ProducerRecord<>(Topics.FAULTS, key, value))
          .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
      while (follower.position() <= written.offset()) {
        if (System.nanoTime() > deadline || !follower.running()) {
          throw new IllegalStateException("the rule was written but not read back within " + WRITE_TIMEOUT);
        }
        Thread.sleep(5);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write to " + Topics.FAULTS + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static byte[] json(Object value) {
    return Json.mapper().writeValueAsBytes(value);
  }

  @Override
  public void close() throws InterruptedException {
    follower.close();
    producer.close();
  }
}
