package io.mocks3.projector.cdc;

import io.mocks3.kafkaconfig.MeteredKafkaProducer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.kafkaconfig.retry.RetryBackOff;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.cache.CacheKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Change data capture of the read model: the Debezium embedded engine reads PostgreSQL's WAL
 * (logical decoding, pgoutput) and every committed change of a current object row becomes a
 * record on {@code mocks3.cdc} — the row as JSON, or a tombstone when it was deleted — in commit
 * order. A batch's offsets are committed only once Kafka has all its records, so a crash
 * re-captures at most the last batch (an upsert of the same row, in the same order: harmless). A
 * fresh deployment, with no offsets, snapshots the table first.
 *
 * <p>Of K projector instances one captures at a time: the holder of the {@link CaptureLease}. The
 * others stand by and try for the lease every second; the engine's offsets live in Kafka
 * ({@value #OFFSETS_TOPIC}), so whichever instance takes over resumes at the last committed
 * change, and no change is skipped (the cache stays true across the failover). A holder that loses
 * its lease's session stops its engine before anyone else can start one.
 *
 * <p>The engine is restarted whenever it stops (PostgreSQL or Kafka away), after the back-off of
 * policy {@code mocks3.retries.cdc-restart}, which starts again once a batch went through.
 */
public final class ChangeCapture implements Runnable, AutoCloseable, HealthIndicator {
  /** Headers of a captured record: the operation (c, u, d, r for snapshot), WAL position, commit time (epoch ms). */
  public static final String OP_HEADER = "mocks3-cdc-op";
  public static final String LSN_HEADER = "mocks3-cdc-lsn";
  public static final String COMMITTED_AT_HEADER = "mocks3-cdc-committed-at";
  /** Where the engine's offsets (the last WAL position published) are kept; compacted, in the topic catalogue. */
  public static final String OFFSETS_TOPIC = "mocks3.cdc-offsets";
  /** How often a standby tries for the lease and the holder checks it still has it. */
  private static final Duration LEASE_CHECK = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(ChangeCapture.class);
  private final Properties engineConfig;
  private final KafkaProducer<String, String> producer;
  private final Thread thread;
  private volatile DebeziumEngine<ChangeEvent<String, String>> engine;
  private volatile boolean running = true;
  private volatile boolean streaming;
  private volatile boolean standby;
  private volatile long captured;
  private final RetryBackOff restarts;
  private final CaptureLease lease;

  /** The PostgreSQL database whose WAL is captured. */
  public record Database(String jdbcUrl, String user, String password) {}

  /**
   * @param instance this projector instance (the lease names its holder so)
   * @param restarts the back-off between restarts of a stopped engine (policy {@code cdc-restart})
   */
  public ChangeCapture(String bootstrapServers, Database database, String instance, Duration pollInterval, RetryBackOff restarts) {
    this.engineConfig = engineConfig(bootstrapServers, database, pollInterval);
    this.restarts = restarts;
    this.lease = new CaptureLease(database, instance);
    this.producer = new MeteredKafkaProducer<>(KafkaClients.producer(bootstrapServers, "metadata-projector-cdc"), new StringSerializer(),
        new StringSerializer());
    this.thread = new Thread(this, "cdc-capture");
  }

  static Properties engineConfig(String bootstrapServers, Database database, Duration pollInterval) {
    URI db = URI.create(database.jdbcUrl().substring("jdbc:".length()));
    Properties p = new Properties();
    p.setProperty("name", "mocks3-cdc");
    p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    p.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
    p.setProperty("bootstrap.servers", bootstrapServers);
    p.setProperty("offset.storage.topic", OFFSETS_TOPIC);
    p.setProperty("offset.storage.partitions", "1");
    p.setProperty("offset.storage.replication.factor", "-1");
    p.setProperty("offset.flush.interval.ms", "1000");
    p.setProperty("database.hostname", db.getHost());
    p.setProperty("database.port", String.valueOf(db.getPort() < 0 ? 5432 : db.getPort()));
    p.setProperty("database.user", database.user());
    p.setProperty("database.password", database.password() == null ? "" : database.password());
    p.setProperty("database.dbname", db.getPath().substring(1));
    p.setProperty("topic.prefix", "mocks3");
    p.setProperty("plugin.name", "pgoutput");
    p.setProperty("slot.name", "mocks3_cdc");
    p.setProperty("publication.name", "mocks3_cdc");
    p.setProperty("publication.autocreate.mode", "filtered");
    p.setProperty("table.include.list", "public." + CacheKeys.OBJECTS);
    p.setProperty("snapshot.mode", "initial");
    p.setProperty("tombstones.on.delete", "false");
    p.setProperty("poll.interval.ms", String.valueOf(pollInterval.toMillis()));
    p.setProperty("decimal.handling.mode", "string");
    p.setProperty("converter.schemas.enable", "false");
    return p;
  }

  public void start() {
    thread.start();
  }

  /** Whether the engine is running (snapshotting or streaming). */
  public boolean streaming() {
    return streaming && thread.isAlive();
  }

  /** Whether another instance holds the lease and this one waits to take over. */
  public boolean standby() {
    return standby && thread.isAlive();
  }

  /** The instance capturing now, as it named itself; empty when none does. */
  public java.util.Optional<String> capturingInstance() {
    return lease.holder();
  }

  public long captured() {
    return captured;
  }

  /** UP while capturing or standing by for the lease (both are this instance doing its part). */
  @Override
  public Health health() {
    return (streaming() || standby() ? Health.up() : Health.down()).withDetail("role", standby() ? "standby" : "capturing")
        .withDetail("captured", captured).build();
  }

  @Override
  public void run() {
    try {
      while (running) {
        if (!lease.tryAcquire()) {
          standby = true;
          restarts.await(LEASE_CHECK);
          continue;
        }
        standby = false;
        log.info("change capture lease taken: this instance captures {}", Topics.CDC);
        captureWhileLeased();
        if (running) {
          Duration wait = restarts.failed();
          log.info("restarting change capture in {} ms", wait.toMillis());
          restarts.await(wait);
        }
      }
    } finally {
      lease.close();
    }
  }

  /**
   * Runs the engine on a thread of its own until it stops, or until the lease is lost (its
   * session ended: another instance may take over), in which case the engine is stopped first.
   */
  private void captureWhileLeased() {
    Thread runner = new Thread(this::runEngine, "cdc-engine");
    runner.start();
    try {
      while (runner.isAlive()) {
        runner.join(LEASE_CHECK.toMillis());
        if (runner.isAlive() && running && !lease.held()) {
          log.warn("change capture lease lost; stopping the engine so that another instance can take over");
          stopEngine();
          runner.join();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
      stopEngine();
    }
  }

  private void runEngine() {
    try (DebeziumEngine<ChangeEvent<String, String>> e = DebeziumEngine.create(Json.class)
        .using(engineConfig)
        .notifying(this::handle)
        .using((success, message, error) -> {
          if (!success && running) {
            log.warn("change capture stopped: {}", message, error);
          }
        })
        .build()) {
      engine = e;
      streaming = true;
      e.run();
    } catch (IOException | RuntimeException e) {
      log.warn("change capture failed: {}", e.toString());
    } finally {
      streaming = false;
      engine = null;
    }
  }

  private void stopEngine() {
    DebeziumEngine<ChangeEvent<String, String>> e = engine;
    if (e != null) {
      try {
        e.close();
      } catch (IOException ex) {
        log.warn("stopping the change capture engine: {}", ex.toString());
      }
    }
  }

  private void handle(List<ChangeEvent<String, String>> records, DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
      throws InterruptedException {
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    for (ChangeEvent<String, String> record : records) {
      ProducerRecord<String, String> captured = toRecord(record.value());
      if (captured != null) {
        sent.add(producer.send(captured));
      }
    }
    for (Future<RecordMetadata> f : sent) {
      try {
        f.get();
      } catch (ExecutionException e) {
        // The engine stops; it is restarted and re-captures this batch from the last committed offset.
        throw new IllegalStateException("could not publish captured changes to " + Topics.CDC, e.getCause());
      }
    }
    for (ChangeEvent<String, String> record : records) {
      committer.markProcessed(record);
    }
    committer.markBatchFinished();
    captured += sent.size();
    restarts.succeeded();
  }

  /** The {@code mocks3.cdc} record of one Debezium change envelope; null for what is not a row change. */
  static ProducerRecord<String, String> toRecord(String envelope) {
    if (envelope == null) {
      return null;
    }
    JsonNode change;
    try {
      change = io.mocks3.schemas.Json.mapper().readTree(envelope);
    } catch (JacksonException e) {
      throw new IllegalStateException("Debezium emitted a change that is not JSON", e);
    }
    String op = change.path("op").asString();
    boolean deleted = op.equals("d");
    JsonNode row = deleted ? change.path("before") : change.path("after");
    if (!List.of("c", "u", "d", "r").contains(op) || !row.isObject()) {
      return null;
    }
    String key = CacheKeys.object(row.path("bucket").asString(), row.path("key").asString());
    RecordHeaders headers = new RecordHeaders();
    headers.add(OP_HEADER, op.getBytes(StandardCharsets.UTF_8));
    headers.add(LSN_HEADER, change.path("source").path("lsn").asString().getBytes(StandardCharsets.UTF_8));
    headers.add(COMMITTED_AT_HEADER, change.path("source").path("ts_ms").asString().getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(Topics.CDC, null, key, deleted ? null : row.toString(), headers);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    running = false;
    restarts.wake();
    stopEngine();
    thread.join(15_000);
    if (thread.isAlive()) {
      thread.interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
