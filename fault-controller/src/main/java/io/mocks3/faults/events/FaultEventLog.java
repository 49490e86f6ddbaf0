package io.mocks3.faults.events;

import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.fault.FaultEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every injection any agent recorded, read from {@code mocks3.fault-events} from its beginning:
 * counts by rule, scenario, service and action, and the most recent events for inspection.
 */
public final class FaultEventLog implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FaultEventLog.class);
  private static final int RECENT = 10_000;
  private final KafkaConsumer<String, FaultEvent> consumer;
  private final Deque<FaultEvent> recent = new ArrayDeque<>();
  private final Map<String, Long> byRule = new TreeMap<>();
  private final Map<String, Long> byScenario = new TreeMap<>();
  private final Map<String, Long> byService = new TreeMap<>();
  private final Map<String, Long> byAction = new TreeMap<>();
  private long total;
  private final Thread thread = new Thread(this, "fault-event-log");
  private volatile boolean running = true;

  public FaultEventLog(String bootstrapServers) {
    this.consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrapServers, null, "fault-controller-events"),
        new StringDeserializer(), JsonSerde.of(FaultEvent.class));
    thread.setDaemon(true);
  }

  public void start() {
    TopicPartition partition = new TopicPartition(Topics.FAULT_EVENTS, 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    thread.start();
  }

  public boolean running() {
    return running && thread.isAlive();
  }

  @Override
  public void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, FaultEvent> record : consumer.poll(Duration.ofMillis(100))) {
          if (record.value() != null) {
            add(record.value());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("fault event log stopped", e);
      running = false;
    } finally {
      consumer.close();
    }
  }

  private synchronized void add(FaultEvent e) {
    total++;
    byRule.merge(e.ruleId(), 1L, Long::sum);
    byScenario.merge(e.scenario() == null ? "" : e.scenario(), 1L, Long::sum);
    byService.merge(e.service(), 1L, Long::sum);
    byAction.merge(e.action(), 1L, Long::sum);
    recent.addLast(e);
    if (recent.size() > RECENT) {
      recent.removeFirst();
    }
  }

  /** The newest {@code limit} events that pass {@code filter}, oldest first. */
  public synchronized List<FaultEvent> events(Predicate<FaultEvent> filter, int limit) {
    List<FaultEvent> out = new ArrayList<>();
    var it = recent.descendingIterator();
    while (it.hasNext() && out.size() < limit) {
      FaultEvent e = it.next();
      if (filter.test(e)) {
        out.add(0, e);
      }
    }
    return out;
  }

  public synchronized Map<String, Object> stats() {
    return Map.of("total_injections", total, "by_rule", new TreeMap<>(byRule), "by_scenario", new TreeMap<>(byScenario),
        "by_service", new TreeMap<>(byService), "by_action", new TreeMap<>(byAction));
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(5_000);
  }
}
