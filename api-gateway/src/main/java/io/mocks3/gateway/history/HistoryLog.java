package io.mocks3.gateway.history;

import io.mocks3.kafkaconfig.MeteredKafkaProducer;
import io.mocks3.faults.agent.TopicFollower;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.history.HistoryRecord;
import io.mocks3.schemas.run.Run;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's side of runs: follows {@code mocks3.runs} and, while any run is open, appends
 * every S3 operation it serves to {@code mocks3.history} (key = bucket/key), without waiting. When
 * it sees a run open it first appends an "open" marker naming the run, so the controller knows
 * from when on this gateway's history is complete.
 */
public final class HistoryLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HistoryLog.class);
  private final KafkaProducer<String, HistoryRecord> producer;
  private final TopicFollower<Run> runs;
  private final Set<String> open = ConcurrentHashMap.newKeySet();
  private final String gateway;
  private final Clock clock;

  public HistoryLog(String bootstrapServers, String gateway, Clock clock) {
    this.producer = new MeteredKafkaProducer<>(KafkaClients.producer(bootstrapServers, gateway + "-history"),
        new StringSerializer(), JsonSerde.of(HistoryRecord.class));
    this.runs = new TopicFollower<>(bootstrapServers, gateway + "-runs", Topics.RUNS, JsonSerde.of(Run.class),
        record -> follow(record.key(), record.value()));
    this.gateway = gateway;
    this.clock = clock;
  }

  public void start() {
    runs.start();
  }

  /** Whether operations are being recorded now (some run is open). */
  public boolean recording() {
    return !open.isEmpty();
  }

  public boolean following() {
    return runs.running();
  }

  /** Appends one history line of this gateway; {@code record}'s gateway is filled in. */
  public void append(HistoryRecord r) {
    HistoryRecord stamped = new HistoryRecord(r.index(), r.time(), r.process(), r.type(), r.f(), r.bucket(), r.key(),
        r.value(), r.listed(), r.prefix(), r.status(), r.requestId(), r.commandId(), r.error(), gateway);
    String key = r.bucket() == null ? r.key() : r.bucket() + "/" + (r.key() == null ? "" : r.key());
    producer.send(new ProducerRecord<>(Topics.HISTORY, key, stamped), (metadata, error) -> {
      if (error != null) {
        log.warn("history line of {} {} not recorded: {}", r.f(), key, error.toString());
      }
    });
  }

  /** Epoch nanoseconds, the history's clock. */
  public long now() {
    Instant t = clock.instant();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private void follow(String id, Run run) {
    if (run == null || !run.open()) {
      open.remove(id);
      return;
    }
    if (open.add(id)) {
      log.info("run {} ({}) is open: recording the S3 history", id, run.name());
      append(new HistoryRecord(0, now(), gateway, HistoryRecord.INFO, HistoryRecord.OPEN, null, id, null, null, null,
          null, null, null, null, null));
    }
  }

  /** The open runs, for health details. */
  public Map<String, Object> status() {
    return Map.of("recording", recording(), "openRuns", Set.copyOf(open));
  }

  @Override
  public void close() throws InterruptedException {
    runs.close();
    producer.close();
  }
}
