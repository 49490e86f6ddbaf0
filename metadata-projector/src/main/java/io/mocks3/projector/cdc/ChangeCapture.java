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
import java.nio.file.Path;
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
 * re-captures at most the last batch (an upsert of the same row: harmless). A fresh instance,
 * with no offsets, snapshots the table first.
 *
 * <p>The engine is restarted whenever it stops (PostgreSQL or Kafka away), after the back-off of
 * policy {@code mocks3.retries.cdc-restart}, which starts again once a batch went through.
 */
public final class ChangeCapture implements Runnable, AutoCloseable, HealthIndicator {
  /** Headers of a captured record: the operation (c, u, d, r for snapshot), WAL position, commit time (epoch ms). */
  public static final String OP_HEADER = "mocks3-cdc-op";
  public static final String LSN_HEADER = "mocks3-cdc-lsn";
  public static final String COMMITTED_AT_HEADER = "mocks3-cdc-committed-at";
  private static final Logger log = LoggerFactory.getLogger(ChangeCapture.class);
  private final Properties engineConfig;
  private final KafkaProducer<String, String> producer;
  private final Thread thread;
  private volatile DebeziumEngine<ChangeEvent<String, String>> engine;
  private volatile boolean running = true;
  private volatile boolean streaming;
  private volatile long captured;
  private final RetryBackOff restarts;

  /** The PostgreSQL database whose WAL is captured. */
  public record Database(String jdbcUrl, String user, String password) {}

  /** @param restarts the back-off between restarts of a stopped engine (policy {@code cdc-restart}) */
  public ChangeCapture(String bootstrapServers, Database database, Path stateDir, Duration pollInterval, RetryBackOff restarts) {
    this.engineConfig = engineConfig(database.jdbcUrl(), database.user(), database.password(), stateDir, pollInterval);
    this.restarts = restarts;
    this.producer = new MeteredKafkaProducer<>(KafkaClients.producer(bootstrapServers, "metadata-projector-cdc"), new StringSerializer(),
        new StringSerializer());
    this.thread = new Thread(this, "cdc-capture");
  }

  static Properties engineConfig(String jdbcUrl, String user, String password, Path stateDir, Duration pollInterval) {
    URI db = URI.create(jdbcUrl.substring("jdbc:".length()));
    Properties p = new Properties();
    p.setProperty("name", "mocks3-cdc");
    p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
    p.setProperty("offset.storage.file.filename", stateDir.resolve("cdc-offsets.dat").toString());
    p.setProperty("offset.flush.interval.ms", "1000");
    p.setProperty("database.hostname", db.getHost());
    p.setProperty("database.port", String.valueOf(db.getPort() < 0 ? 5432 : db.getPort()));
    p.setProperty("database.user", user);
    p.setProperty("database.password", password == null ? "" : password);
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

  public long captured() {
    return captured;
  }

  @Override
  public Health health() {
    return (streaming() ? Health.up() : Health.down()).withDetail("captured", captured).build();
  }

  @Override
  public void run() {
    while (running) {
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
      if (running) {
        Duration wait = restarts.failed();
        log.info("restarting change capture in {} ms", wait.toMillis());
        restarts.await(wait);
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
    DebeziumEngine<ChangeEvent<String, String>> e = engine;
    if (e != null) {
      e.close();
    }
    thread.join(15_000);
    if (thread.isAlive()) {
      thread.interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
