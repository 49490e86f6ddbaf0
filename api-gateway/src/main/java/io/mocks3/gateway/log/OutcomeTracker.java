package io.mocks3.gateway.log;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.mocks3.kafkaconfig.MeteredKafkaConsumer;
import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.ChaosGate;
import io.mocks3.faults.agent.ConsumedRecord;
import io.mocks3.schemas.fault.FaultSubject;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.blob.BlobStored;
import io.mocks3.schemas.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code mocks3.events} and {@code mocks3.blob-acks} from their end (no consumer group:
 * every gateway sees every outcome) and completes the waiters that strong-mode writes registered
 * before they appended their records.
 *
 * <p>Events are read committed: the projector writes the read model of a whole commit in one
 * PostgreSQL transaction just before its Kafka transaction commits, so an event is visible here
 * only once the rows it describes are. Its commit interval is a few milliseconds, and a lone
 * command is committed at once.
 *
 * <p>An event also comes from the read model itself ({@link #committed}, {@link ReadModelOutcomes}):
 * PostgreSQL notifies it when the projector's transaction that wrote its rows commits, before the
 * projector's Kafka transaction makes it visible here. The first of the two completes the waiter;
 * {@code mocks3_outcomes_total{channel}} counts which one it was.
 *
 * <p>Chaos on either topic (consumer {@code api-gateway}) acts here: a lost outcome leaves its
 * strong write waiting until it times out (503, although the write was applied), a delayed one
 * holds every write behind it back, a duplicated one changes nothing. While chaos acts on this
 * consumer's events, the read model's notifications are ignored, so the chaos fires as asked.
 */
public final class OutcomeTracker implements Runnable, AutoCloseable {
  /** This consumer's name for chaos topics. */
  public static final String CONSUMER = "api-gateway";
  private static final Logger log = LoggerFactory.getLogger(OutcomeTracker.class);
  private final KafkaConsumer<String, byte[]> consumer;
  private final JsonSerde<Event> events = JsonSerde.of(Event.class);
  private final JsonSerde<BlobStored> acks = JsonSerde.of(BlobStored.class);
  private final Map<String, CompletableFuture<Event>> commandWaiters = new ConcurrentHashMap<>();
  private final Map<BlobId, AckWaiter> blobWaiters = new ConcurrentHashMap<>();
  private final Thread thread = new Thread(this, "outcome-tracker");
  private volatile boolean running = true;
  private final ChaosGate chaos;
  private final Counter byLog = outcomes("log");
  private final Counter byReadModel = outcomes("read-model");

  public OutcomeTracker(String bootstrapServers, String clientId) {
    this(bootstrapServers, clientId, null);
  }

  /** @param faults the agent whose chaos on mocks3.events and mocks3.blob-acks acts here; null for none */
  public OutcomeTracker(String bootstrapServers, String clientId, FaultAgent faults) {
    this.chaos = new ChaosGate(faults, CONSUMER);
    Properties config = KafkaClients.consumer(bootstrapServers, null, clientId);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Positioned once at the end, then only read forward: a long idle fetch costs no latency.
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) KafkaClients.FORWARD_ONLY_FETCH_WAIT.toMillis());
    this.consumer = new MeteredKafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** Positions at the end of both topics before returning, so no outcome after start is missed. */
  public void start() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(Topics.EVENTS, Topics.BLOB_ACKS)) {
      consumer.partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
    thread.setDaemon(true);
    thread.start();
  }

  public CompletableFuture<Event> awaitEvent(String commandId) {
    return commandWaiters.computeIfAbsent(commandId, id -> new CompletableFuture<>());
  }

  /** Completes once {@code quorum} distinct storage nodes acknowledged {@code blob}. */
  public CompletableFuture<Void> awaitStored(BlobId blob, int quorum) {
    return awaitStored(blob, quorum, null);
  }

  /**
   * Completes once {@code quorum} distinct nodes of {@code holders} (the nodes {@code blob} is placed
   * on; null for any node) acknowledged it; another node's acknowledgement does not count.
   */
  public CompletableFuture<Void> awaitStored(BlobId blob, int quorum, java.util.Set<String> holders) {
    return blobWaiters.computeIfAbsent(blob, id -> new AckWaiter(quorum, holders)).done;
  }

  /** Drops the waiters of a finished (or abandoned) write; either argument may be null. */
  public void forget(String commandId, BlobId blob) {
    if (commandId != null) {
      commandWaiters.remove(commandId);
    }
    if (blob != null) {
      blobWaiters.remove(blob);
    }
  }

  public boolean running() {
    return thread.isAlive();
  }

  @Override
  public void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          Object outcome = read(record);
          if (outcome == null) {
            continue;
          }
          // Outcomes have no dead-letter topic (the controller refuses dead_letter_rate on them): delivered.
          chaos.admit(ConsumedRecord.of(record, subject(outcome)), () -> dispatch(outcome), cause -> dispatch(outcome));
        }
      }
    } catch (WakeupException e) {
      if (running) {
        log.error("outcome tracker woken unexpectedly", e);
      }
    } catch (RuntimeException e) {
      log.error("outcome tracker stopped; strong-mode writes will time out", e);
    } finally {
      KafkaClients.closeAtOnce(consumer);
    }
  }

  /** What stream chaos events name an outcome by. */
  private static FaultSubject subject(Object outcome) {
    return outcome instanceof Event event ? FaultSubject.of(event, null)
        : new FaultSubject("BlobStored", null, null, null, null, null);
  }

  /** The event or storage acknowledgement in {@code record}; null (logged) when it is unreadable. */
  private Object read(ConsumerRecord<String, byte[]> record) {
    try {
      return record.topic().equals(Topics.EVENTS) ? events.deserialize(record.topic(), record.value())
          : acks.deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      log.warn("skipping unreadable record {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
      return null;
    }
  }

  private static Counter outcomes(String channel) {
    return Counter.builder("mocks3.outcomes").tag("channel", channel)
        .description("strong writes' outcomes, by the channel that brought each first: the log's event or the read model's notification")
        .register(Metrics.globalRegistry);
  }

  /**
   * An event whose rows the read model committed ({@link ReadModelOutcomes}): completes its waiter,
   * unless chaos on {@code mocks3.events} acts on this consumer, whose verdict the log then delivers.
   */
  public void committed(Event event) {
    if (!chaos.acts(Topics.EVENTS)) {
      complete(event, byReadModel);
    }
  }

  private void complete(Event event, Counter channel) {
    CompletableFuture<Event> waiter = commandWaiters.remove(event.commandId());
    if (waiter != null && waiter.complete(event)) {
      channel.increment();
    }
  }

  /** Completes the waiter an event or acknowledgement is for (package-private for tests). */
  void dispatch(Object outcome) {
    if (outcome instanceof Event event) {
      complete(event, byLog);
    } else if (outcome instanceof BlobStored ack) {
      AckWaiter waiter = blobWaiters.get(ack.blobId());
      if (waiter != null && waiter.ack(ack.node())) {
        blobWaiters.remove(ack.blobId());
      }
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
  }

  private static final class AckWaiter {
    private final int quorum;
    private final java.util.Set<String> holders;
    private final java.util.Set<String> nodes = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicInteger count = new AtomicInteger();

    AckWaiter(int quorum, java.util.Set<String> holders) {
      this.quorum = quorum;
      this.holders = holders;
    }

    boolean ack(String node) {
      if (holders != null && !holders.contains(node)) {
        return false;
      }
      if (nodes.add(node) && count.incrementAndGet() >= quorum) {
        done.complete(null);
        return true;
      }
      return false;
    }
  }
}
