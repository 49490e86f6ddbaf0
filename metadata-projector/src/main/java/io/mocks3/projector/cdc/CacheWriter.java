package io.mocks3.projector.cdc;

import io.mocks3.kafkaconfig.MeteredKafkaProducer;
import io.mocks3.kafkaconfig.MeteredKafkaConsumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.ChaosGate;
import io.mocks3.faults.agent.ConsumedRecord;
import io.mocks3.schemas.fault.FaultSubject;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.kafkaconfig.retry.RetryBackOff;
import io.mocks3.schemas.DeadLetters;
import io.mocks3.schemas.Json;
import java.io.IOException;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.cache.CacheKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Materialises {@code mocks3.cdc} in Redis: the metadata cache the gateway's eventual reads use.
 * Each captured row is written under its cache key, and the value it replaces is kept as the
 * key's previous entry (what the {@code stale_read} fault answers). Offsets are committed after
 * Redis has the batch; a failing Redis rewinds the batch and retries it with the back-off of policy
 * {@code mocks3.retries.cache-write} (a wait the kill switch and shutdown cut short).
 *
 * <p>Chaos on {@code mocks3.cdc} (consumer {@code cache-writer}) acts here: a lost change leaves
 * a stale entry until the key changes again or the cache is rebuilt, a delay is CDC lag.
 * {@link #rebuild()} empties the cache and reads the compacted topic again from its beginning.
 *
 * <p>Every projector instance runs a writer; they share the topic's partitions in one consumer
 * group (each a static member named after its instance). A rebuild asked of any of them reaches
 * every partition through the rebuild epoch ({@link RebuildEpochs}).
 */
public final class CacheWriter implements Runnable, AutoCloseable, HealthIndicator {
  public static final String CONSUMER = "cache-writer";
  static final String GROUP = "mocks3-cache-writer";
  private static final Logger log = LoggerFactory.getLogger(CacheWriter.class);
  /**
   * Writes rows in order: for row i, sets (or deletes, for an empty value) KEYS[2i-1] to ARGV[i],
   * keeping the value it replaces in KEYS[2i] when it changed. One call per slice of a batch: a
   * script call per row cost Redis more than the rows' writes.
   */
  private static final String APPLY = """
      for i = 1, #ARGV do
        local current, value = KEYS[2 * i - 1], ARGV[i]
        local old = redis.call('GET', current)
        if value == '' then redis.call('DEL', current) else redis.call('SET', current, value) end
        if old and old ~= value then redis.call('SET', KEYS[2 * i], old) end
      end
      return 'OK'
      """;
  /** {@link #APPLY}'s value for a deleted row. */
  private static final byte[] DELETED = new byte[0];
  /** Rows per {@link #APPLY} call: about a millisecond of Redis, so other clients' reads wait no longer. */
  private static final int ROWS_PER_CALL = 500;
  private final RedisClient redis;
  private StatefulRedisConnection<String, String> connection;
  /**
   * The writes' own connection: values as the bytes read from the log (no decoding and encoding
   * again), and commands flushed once per batch ({@link #flushWrites}) instead of one socket write
   * each, which cost more than the writes themselves in a rebuild.
   */
  private StatefulRedisConnection<String, byte[]> writesConnection;
  private String applyScript;
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> deadLetters;
  private final ChaosGate chaos;
  private final Counter writes;
  private final RetryBackOff retry;
  private final Timer lag;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean healthy;
  /** Rebuilds asked of this instance, each answered with the epoch it bumped to once the cache is empty. */
  private final ConcurrentLinkedQueue<CompletableFuture<Long>> rebuildRequests = new ConcurrentLinkedQueue<>();
  private final RebuildEpochs epochs = new RebuildEpochs();
  private long epochCheckedAt;
  /** How often the writer looks for a rebuild asked of another instance. */
  private static final long EPOCH_CHECK_NANOS = 250_000_000L;
  /** How long a batch's pipelined writes may take to be answered (the connection's own command timeout). */
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);
  /** The current batch's writes, sent and not yet answered. */
  private List<CompletableFuture<Void>> pending = new ArrayList<>();
  /** The rows admitted since the last {@link #flushWrites}, in the order read. */
  private final List<ConsumerRecord<String, byte[]>> unsent = new ArrayList<>();
  /**
   * The batch before it: sent to Redis, its offsets not committed yet. Redis works through one
   * batch while the writer commits the one before and reads the next from Kafka.
   */
  private InFlight inFlight;

  /** A batch's writes and the positions to commit once they are all answered. */
  private record InFlight(List<CompletableFuture<Void>> writes, Map<TopicPartition, OffsetAndMetadata> positions) {}

  /**
   * Where the writer reads and writes.
   *
   * @param instance this projector instance: the writer's static membership in the group is named after it
   */
  public record Settings(String bootstrapServers, String redisUrl, String instance) {}

  /**
   * @param faults the agent whose chaos on {@code mocks3.cdc} acts here; null for none
   * @param retry how a failed batch is retried (policy {@code cache-write})
   */
  public CacheWriter(Settings settings, FaultAgent faults, MeterRegistry meters, RetryBackOff retry) {
    this.redis = RedisClient.create(io.lettuce.core.RedisURI.builder(io.lettuce.core.RedisURI.create(settings.redisUrl()))
        .withTimeout(WRITE_TIMEOUT).build());
    Properties config = KafkaClients.consumer(settings.bootstrapServers(), GROUP, CONSUMER + "-" + settings.instance());
    // A batch is one pipelined round trip to Redis and one offset commit: larger batches when there is a backlog
    // (a rebuild reads the whole topic again).
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    this.consumer = new MeteredKafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    this.deadLetters = new MeteredKafkaProducer<>(KafkaClients.producer(settings.bootstrapServers(),
        CONSUMER + "-dlq-" + settings.instance()), new StringSerializer(), new ByteArraySerializer());
    this.chaos = new ChaosGate(faults, CONSUMER);
    this.writes = Counter.builder("mocks3.cache.writes").description("captured row changes written to the Redis cache")
        .register(meters);
    this.retry = retry;
    if (faults != null) {
      // Once every fault is off, a batch waiting out its back-off is tried again at once.
      faults.rules().onKillSwitch(engaged -> {
        if (engaged) {
          retry.wake();
        }
      });
    }
    this.lag = Timer.builder("mocks3.cdc.lag").description("from a row's commit in PostgreSQL to its write in the cache")
        .publishPercentiles(0.5, 0.95, 0.99).register(meters);
    this.thread = new Thread(this, "cache-writer");
  }

  public void start() {
    consumer.subscribe(List.of(Topics.CDC), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        epochs.assigned(consumer.committed(new HashSet<>(partitions)), partitions);
        epochCheckedAt = 0; // look at once: a partition taken over mid-rebuild goes on with it
      }

      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // The batch in flight is committed while these partitions are still this member's (or written again by their next owner).
        try {
          settle();
        } catch (RuntimeException e) {
          inFlight = null;
          log.warn("cache writer could not commit its last batch before giving up partitions: {}", e.toString());
        }
        epochs.revoked(partitions);
      }

      @Override
      public void onPartitionsLost(Collection<TopicPartition> partitions) {
        inFlight = null;
        epochs.revoked(partitions);
      }
    });
    thread.start();
  }

  public boolean healthy() {
    return healthy && thread.isAlive();
  }

  @Override
  public Health health() {
    return (healthy() ? Health.up() : Health.down()).withDetail("writes", (long) writes.count()).build();
  }

  /**
   * Empties the cache and has every writer re-read {@code mocks3.cdc} from its beginning
   * (asynchronously, on the writer's thread); completes with the rebuild's epoch once the cache is
   * empty and the epoch bumped. {@link CacheRebuild} waits for the writers to catch up.
   */
  public CompletableFuture<Long> rebuild() {
    CompletableFuture<Long> epoch = new CompletableFuture<>();
    rebuildRequests.add(epoch);
    return epoch;
  }

  /** How many objects the cache holds (its current entries), counted with SCAN. */
  public long entries() {
    return count(CacheKeys.CURRENT_PREFIX);
  }

  @Override
  public void run() {
    try {
      while (running) {
        try {
          if (!rebuildRequests.isEmpty()) {
            settle();
            long epoch = requestRebuild();
            for (CompletableFuture<Long> asked; (asked = rebuildRequests.poll()) != null; ) {
              asked.complete(epoch);
            }
          }
          readAgainForRebuilds();
          ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
          if (records.isEmpty()) {
            settle();
            // Nothing to write: a failure (of a batch since re-read, or of the rebuild check) is over once Redis answers.
            if (retry.failures() > 0) {
              commands().ping();
              retry.succeeded();
            }
            healthy = true;
            continue;
          }
          for (ConsumerRecord<String, byte[]> record : records) {
            write(record);
          }
          flushWrites();
          InFlight previous = inFlight;
          inFlight = new InFlight(pending, positions());
          pending = new ArrayList<>();
          settle(previous);
          retry.succeeded();
          healthy = true;
        } catch (CommitFailedException | RebalanceInProgressException e) {
          // Out of its group (cut from Kafka past its session, say): the partitions' new owner writes this batch
          // again from the last commit (writes are idempotent), and this member rejoins on its next poll.
          log.warn("cache writer left its group mid-batch, rejoining: {}", e.toString());
        } catch (RetriableException e) {
          // The commit timed out (the broker unreachable): the next batch's commit covers this one's positions.
          log.warn("cache writer could not commit, carrying on: {}", e.toString());
        } catch (RedisException e) {
          pending.clear();
          unsent.clear();
          inFlight = null;
          applyScript = null; // a Redis that restarted has forgotten it (NOSCRIPT): loaded again with the retry
          closeWrites(); // and writes buffered but not sent are dropped: the batch is read again
          healthy = false;
          Duration wait = retry.failed();
          log.warn("cache write failed ({} in a row), retrying the batch in {} ms: {}", retry.failures(), wait.toMillis(),
              e.toString());
          KafkaClients.rewindToCommitted(consumer);
          retry.await(wait);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      healthy = false;
      log.error("cache writer stopped", e);
    } finally {
      consumer.close();
    }
  }

  /**
   * Empties the cache, then bumps the rebuild epoch, which sends every writer (this one too) back
   * to the beginning of its partitions. In that order: a writer that re-read a key before the cache
   * was emptied would lose it.
   */
  private long requestRebuild() {
    long removed = clear();
    long epoch = commands().incr(RebuildEpochs.REDIS_KEY);
    log.info("cache rebuild {}: {} keys removed; every cache writer reads {} again from its beginning", epoch, removed,
        Topics.CDC);
    return epoch;
  }

  /**
   * Goes back to the beginning of each partition read for another rebuild epoch than Redis's. The
   * new epoch is committed at the beginning first: a writer that crashes mid-rebuild hands the
   * rebuild on with the partition.
   */
  private void readAgainForRebuilds() {
    long now = System.nanoTime();
    if (now - epochCheckedAt < EPOCH_CHECK_NANOS) {
      return;
    }
    epochCheckedAt = now;
    long current = RebuildEpochs.parse(commands().get(RebuildEpochs.REDIS_KEY));
    List<TopicPartition> stale = epochs.stale(current);
    if (stale.isEmpty()) {
      return;
    }
    // The batch in flight was read for the old epoch: committed as such before the partitions go back to their beginning.
    settle();
    Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
    consumer.beginningOffsets(stale).forEach((tp, offset) -> {
      epochs.readFor(tp, current);
      start.put(tp, epochs.commit(tp, offset));
    });
    consumer.commitSync(start);
    consumer.seekToBeginning(stale);
    log.info("cache rebuild {}: reading {} from its beginning", current, stale);
  }

  /** The positions after what was read so far, each partition marked with the rebuild epoch it is read for. */
  private Map<TopicPartition, OffsetAndMetadata> positions() {
    Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      positions.put(tp, epochs.commit(tp, consumer.position(tp)));
    }
    return positions;
  }

  /** Waits for the batch in flight to be written, then commits its positions. */
  private void settle() {
    InFlight batch = inFlight;
    inFlight = null;
    settle(batch);
  }

  private void settle(InFlight batch) {
    if (batch != null) {
      awaitAll(batch.writes());
      consumer.commitSync(batch.positions());
    }
  }

  private void write(ConsumerRecord<String, byte[]> record) {
    if (record.value() != null && !isRow(record.value())) {
      // Set aside once: a rebuild reads the compacted log again and meets the same poison (ChaosGate.setAside).
      chaos.setAside(DeadLetters.Origin.of(record, CONSUMER, GROUP),
          DeadLetters.Cause.unreadable(new SerializationException("not a captured row (a JSON object)")), cause -> {
            log.warn("unreadable record at {}-{}@{} moved to {}", record.topic(), record.partition(), record.offset(),
                Topics.deadLetterOf(Topics.CDC));
            deadLetter(record, cause);
          });
      return;
    }
    chaos.admit(ConsumedRecord.of(record, subject(record.key())), () -> apply(record), cause -> deadLetter(record, cause));
  }

  /** A captured row's key, "objects:<bucket>/<key>", as the object it caches. */
  private static FaultSubject subject(String rowKey) {
    String prefix = CacheKeys.OBJECTS + ":";
    int slash = rowKey == null ? -1 : rowKey.indexOf('/');
    if (slash < 0 || !rowKey.startsWith(prefix)) {
      return new FaultSubject("CacheUpdate", null, null, null, null, null);
    }
    return new FaultSubject("CacheUpdate", rowKey.substring(prefix.length(), slash), rowKey.substring(slash + 1), null,
        null, null);
  }

  /** Whether the value is one JSON object: read token by token, without building it (a rebuild reads every row again). */
  private static boolean isRow(byte[] value) {
    try (JsonParser parser = Json.mapper().createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (JacksonException e) {
      return false;
    }
  }

  /** Moves a record to {@code mocks3.cdc.dlq}, its headers saying why, whence and who. */
  private void deadLetter(ConsumerRecord<String, byte[]> record, DeadLetters.Cause cause) {
    var headers = DeadLetters.describe(record.headers(), DeadLetters.Origin.of(record, CONSUMER, GROUP), cause);
    deadLetters.send(new ProducerRecord<>(Topics.deadLetterOf(Topics.CDC), null, record.key(), record.value(), headers));
    deadLetters.flush();
  }

  /**
   * Queues the row's write for {@link #flushWrites}, at the end of the batch (a duplicated row is
   * queued twice, and written twice, in order).
   */
  private void apply(ConsumerRecord<String, byte[]> record) {
    unsent.add(record);
  }

  /**
   * Sends the batch's writes without waiting for their answers: {@link #APPLY} calls of up to
   * {@link #ROWS_PER_CALL} rows, pipelined on the one connection (which keeps them in order) and
   * flushed to it at once. {@link #settle} waits for them all before the batch's offsets are
   * committed: one round trip to Redis per batch, not per row.
   */
  private void flushWrites() {
    for (int from = 0; from < unsent.size(); from += ROWS_PER_CALL) {
      List<ConsumerRecord<String, byte[]>> rows = unsent.subList(from, Math.min(unsent.size(), from + ROWS_PER_CALL));
      String[] keys = new String[2 * rows.size()];
      byte[][] values = new byte[rows.size()][];
      long[] committedAt = new long[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        ConsumerRecord<String, byte[]> row = rows.get(i);
        keys[2 * i] = CacheKeys.current(row.key());
        keys[2 * i + 1] = CacheKeys.previous(row.key());
        values[i] = row.value() == null ? DELETED : row.value();
        Header committed = row.headers().lastHeader(ChangeCapture.COMMITTED_AT_HEADER);
        committedAt[i] = committed == null ? -1 : Long.parseLong(new String(committed.value(), StandardCharsets.UTF_8));
      }
      RedisFuture<String> written = writesConnected().async().evalsha(applyScript(), ScriptOutputType.STATUS, keys, values);
      pending.add(written.thenRun(() -> {
        writes.increment(committedAt.length);
        long now = System.currentTimeMillis();
        for (long at : committedAt) {
          if (at >= 0) {
            lag.record(Math.max(0, now - at), TimeUnit.MILLISECONDS);
          }
        }
      }).toCompletableFuture());
    }
    unsent.clear();
    if (writesConnection != null) {
      writesConnection.flushCommands();
    }
  }

  /**
   * Waits for pipelined commands (a batch's writes, the pages of a clear) and sums their answers
   * (the counts among them); the first that failed fails them all (a batch is read again).
   */
  private static long awaitAll(List<? extends Future<?>> commands) {
    long sum = 0;
    for (Future<?> command : commands) {
      try {
        if (command.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) instanceof Number count) {
          sum += count.longValue();
        }
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RedisException r ? r : new RedisException("cache write failed", e.getCause());
      } catch (TimeoutException e) {
        throw new RedisCommandTimeoutException("a cache write was not answered within " + WRITE_TIMEOUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RedisException("interrupted while waiting for the cache writes", e);
      }
    }
    return sum;
  }

  /** {@link #APPLY}'s SHA-1, loaded into Redis on first use: each write names it instead of sending the script. */
  private String applyScript() {
    if (applyScript == null) {
      applyScript = commands().scriptLoad(APPLY);
    }
    return applyScript;
  }

  /**
   * Connected on first use (on the writer's thread), so Redis being away only delays the writes.
   * Synchronized for {@link #entries}, asked from another thread.
   */
  private synchronized StatefulRedisConnection<String, String> connected() {
    if (connection == null) {
      connection = redis.connect();
    }
    return connection;
  }

  /** The connection of the batches' writes, connected on first use; it sends what it is given on {@link #flushWrites}. */
  private StatefulRedisConnection<String, byte[]> writesConnected() {
    if (writesConnection == null) {
      writesConnection = redis.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
      writesConnection.setAutoFlushCommands(false);
    }
    return writesConnection;
  }

  private void closeWrites() {
    if (writesConnection != null) {
      writesConnection.close();
      writesConnection = null;
    }
  }

  private RedisCommands<String, String> commands() {
    return connected().sync();
  }

  /**
   * Deletes every cache key (current and previous entries); how many. One pass over the keyspace
   * finds both kinds; each page's UNLINK is sent without waiting, and all are awaited at the end.
   */
  private long clear() {
    List<RedisFuture<Long>> unlinked = new ArrayList<>();
    scan(CacheKeys.EITHER_PREFIX, keys -> {
      String[] cached = keys.stream()
          .filter(k -> k.startsWith(CacheKeys.CURRENT_PREFIX) || k.startsWith(CacheKeys.PREVIOUS_PREFIX))
          .toArray(String[]::new);
      if (cached.length > 0) {
        unlinked.add(connected().async().unlink(cached));
      }
    });
    return awaitAll(unlinked);
  }

  private long count(String prefix) {
    long[] found = {0};
    scan(prefix, keys -> found[0] += keys.size());
    return found[0];
  }

  /** Hands every key under {@code prefix} to {@code page}, a SCAN page at a time. */
  private void scan(String prefix, java.util.function.Consumer<List<String>> page) {
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      var found = commands().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(10_000));
      if (!found.getKeys().isEmpty()) {
        page.accept(found.getKeys());
      }
      cursor = found;
    } while (!cursor.isFinished());
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    retry.wake();
    consumer.wakeup();
    thread.join(10_000);
    deadLetters.close(Duration.ofSeconds(5));
    if (connection != null) {
      connection.close();
    }
    closeWrites();
    redis.shutdown();
  }
}
