package io.mocks3.projector.cdc;

import io.mocks3.kafkaconfig.MeteredKafkaProducer;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.kafkaconfig.retry.RetryBackOff;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.cache.CacheKeys;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import tools.jackson.core.JsonGenerator;

/**
 * Change data capture of the read model: the Debezium embedded engine reads PostgreSQL's WAL
 * (logical decoding, pgoutput) and every committed change of a current object row becomes a
 * record on {@code mocks3.cdc} — the row as JSON, or a tombstone when it was deleted — in commit
 * order. The engine hands over Kafka Connect records, and the row's JSON is written straight from
 * them (as Connect's JsonConverter without schemas would write it), with no envelope written as
 * JSON and parsed again per change. A batch's offsets are committed only once Kafka has all its
 * records, so a crash re-captures at most the last batch (an upsert of the same row, in the same
 * order: harmless). A fresh deployment, with no offsets, snapshots the table first.
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
  private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
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
    // The engine's offsets are read with a consumer made from these properties: it reads the topic once,
    // then only forward, so a fetch that finds nothing may wait long (issue 22, idle cost).
    p.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(KafkaClients.FORWARD_ONLY_FETCH_WAIT.toMillis()));
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
    try (DebeziumEngine<RecordChangeEvent<SourceRecord>> e = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
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
    DebeziumEngine<RecordChangeEvent<SourceRecord>> e = engine;
    if (e != null) {
      try {
        e.close();
      } catch (IOException ex) {
        log.warn("stopping the change capture engine: {}", ex.toString());
      }
    }
  }

  private void handle(List<RecordChangeEvent<SourceRecord>> records,
      DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    for (RecordChangeEvent<SourceRecord> record : records) {
      ProducerRecord<String, String> captured = toRecord(record.record());
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
    for (RecordChangeEvent<SourceRecord> record : records) {
      committer.markProcessed(record);
    }
    committer.markBatchFinished();
    captured += sent.size();
    restarts.succeeded();
  }

  /** The {@code mocks3.cdc} record of one Debezium change envelope; null for what is not a row change. */
  static ProducerRecord<String, String> toRecord(SourceRecord change) {
    if (change == null || !(change.value() instanceof Struct envelope) || envelope.schema().field("op") == null) {
      return null;
    }
    String op = envelope.getString("op");
    boolean deleted = "d".equals(op);
    if (!List.of("c", "u", "d", "r").contains(op)) {
      return null;
    }
    Struct row = envelope.getStruct(deleted ? "before" : "after");
    if (row == null) {
      return null;
    }
    Struct source = envelope.getStruct("source");
    String key = CacheKeys.object(row.getString("bucket"), row.getString("key"));
    RecordHeaders headers = new RecordHeaders();
    headers.add(OP_HEADER, op.getBytes(StandardCharsets.UTF_8));
    headers.add(LSN_HEADER, String.valueOf(source.get("lsn")).getBytes(StandardCharsets.UTF_8));
    headers.add(COMMITTED_AT_HEADER, String.valueOf(source.get("ts_ms")).getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(Topics.CDC, null, key, deleted ? null : json(row), headers);
  }

  /**
   * The row as Connect's JsonConverter writes it without schemas: its columns in table order;
   * text, timestamps (Debezium's ISO strings) and jsonb (Debezium's Json, a string) as strings,
   * numbers as numbers, bytes as base64.
   */
  static String json(Struct row) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = io.mocks3.schemas.Json.mapper().createGenerator(out)) {
      writeStruct(g, row);
    }
    return out.toString();
  }

  private static void writeStruct(JsonGenerator g, Struct struct) {
    g.writeStartObject();
    for (Field field : struct.schema().fields()) {
      g.writeName(field.name());
      writeValue(g, struct.get(field));
    }
    g.writeEndObject();
  }

  private static void writeValue(JsonGenerator g, Object value) {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else if (value instanceof Float f) {
      g.writeNumber(f); // as a float: widened to a double, 1.1f would read 1.100000023841858
    } else if (value instanceof java.math.BigDecimal d) {
      g.writeNumber(d);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof byte[] bytes) {
      g.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      g.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof Struct nested) {
      writeStruct(g, nested);
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      list.forEach(item -> writeValue(g, item));
      g.writeEndArray();
    } else if (value instanceof java.util.Map<?, ?> map) {
      g.writeStartObject();
      map.forEach((k, v) -> {
        g.writeName(String.valueOf(k));
        writeValue(g, v);
      });
      g.writeEndObject();
    } else {
      throw new IllegalStateException("a captured column of an unexpected type: " + value.getClass().getName());
    }
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
