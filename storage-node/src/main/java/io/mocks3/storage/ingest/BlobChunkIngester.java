package io.mocks3.storage.ingest;

import io.mocks3.kafkaconfig.MeteredKafkaProducer;
import io.mocks3.kafkaconfig.MeteredKafkaConsumer;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.kafkaconfig.KafkaTracing;
import io.mocks3.kafkaconfig.retry.RetryBackOff;
import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.ChaosGate;
import io.mocks3.faults.agent.ConsumedRecord;
import io.mocks3.schemas.fault.FaultSubject;
import io.mocks3.schemas.DeadLetters;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.blob.BlobChunk;
import io.mocks3.schemas.blob.BlobChunkSerde;
import io.mocks3.schemas.blob.BlobStored;
import io.mocks3.storage.StorageNodeProperties;
import io.mocks3.storage.store.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materialises {@code mocks3.blobs} on this node's disk. Per poll: write every chunk, make them
 * durable together and publish the blobs they completed ({@link BlobStore#sync}), acknowledge
 * those. At most once every {@link #CHECKPOINT_INTERVAL} while chunks flow, and as soon as the log
 * goes quiet, the log position is recorded on the disk (its checkpoint) and committed to the group.
 * A crash anywhere replays from the last checkpoint, and rewriting a chunk at its offset is
 * harmless, so nothing acknowledged is ever lost and nothing is acknowledged before it is durable;
 * a checkpoint per poll (an fsync and a round trip to the group coordinator each) bought nothing but
 * a shorter replay after a crash. The position belongs to the disk: a node that comes back
 * with an empty disk (or is asked to {@link #replay}) consumes the log from the beginning and so
 * repairs itself.
 *
 * <p>A failing disk does not stop the node: the batch is rewound to the last commit and retried
 * with the back-off of policy {@code mocks3.retries.blob-ingest} (100 ms doubling up to 5 s; the
 * kill switch and shutdown cut a wait short), the node reporting DOWN until a batch succeeds again. A
 * record that cannot be deserialized is moved to {@code mocks3.blobs.dlq} (with the reason and its
 * origin in headers) and skipped.
 *
 * <p>With several nodes, each blob is placed on some of them ({@link io.mocks3.schemas.blob.Placement}):
 * every node reads every chunk, and skips those of blobs placed elsewhere before decoding them
 * ({@link PlacedChunks}); only its own are written and acknowledged.
 */
public final class BlobChunkIngester implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BlobChunkIngester.class);
  /** What stream chaos events name the chunk a node stores. */
  private static final FaultSubject STORE_BLOB = new FaultSubject("StoreBlob", null, null, null, null, null);
  private final String nodeId;
  private final BlobStore store;
  private final ChaosGate chaos;
  private final BlobChunkSerde chunkSerde = new BlobChunkSerde();
  private final KafkaConsumer<String, BlobChunk> consumer;
  private final KafkaProducer<String, BlobStored> producer;
  private final KafkaProducer<byte[], byte[]> deadLetters;
  private final RetryBackOff retry;
  private final Clock clock = Clock.systemUTC();
  /** How long the checkpoint may trail the chunks stored while they flow. */
  static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
  private long checkpointedAt = System.nanoTime();
  /** Whether chunks were stored since the last checkpoint. */
  private boolean behindCheckpoint;
  private final Thread thread;
  /** A replay asked for and not yet begun; requests that arrive before the ingest thread takes it share it. */
  private final AtomicReference<DiskReplay> replayRequested = new AtomicReference<>();
  /** The replay under way, until it has caught up; only the ingest thread touches it. */
  private DiskReplay replaying;
  private volatile boolean running = true;
  private volatile boolean healthy;

  /**
   * @param node where the broker is, this node's id and which blobs are placed on it (the others' chunks are skipped)
   * @param faults the agent whose chaos topics act on the blob chunks this node consumes; null for none
   * @param retry how a failed batch is retried (policy {@code blob-ingest})
   * @param skipped counts the chunks of blobs placed on other nodes
   */
  public BlobChunkIngester(StorageNodeProperties node, BlobStore store, FaultAgent faults, RetryBackOff retry,
      io.micrometer.core.instrument.Counter skipped) {
    String bootstrapServers = node.kafka().bootstrapServers();
    this.nodeId = node.nodeId();
    this.store = store;
    this.retry = retry;
    if (faults != null) {
      // Once every fault is off, a batch waiting out its back-off is tried again at once.
      faults.rules().onKillSwitch(engaged -> {
        if (engaged) {
          retry.wake();
        }
      });
    }
    this.chaos = new ChaosGate(faults, consumerName());
    Properties c = KafkaClients.consumer(bootstrapServers, group(), consumerName());
    this.consumer = new MeteredKafkaConsumer<>(c, new StringDeserializer(), new PlacedChunks(node.placement(), nodeId, skipped));
    Properties p = KafkaClients.producer(bootstrapServers, "storage-" + nodeId + "-acks");
    this.producer = new MeteredKafkaProducer<>(p, new StringSerializer(), JsonSerde.of(BlobStored.class));
    this.deadLetters = new MeteredKafkaProducer<>(KafkaClients.producer(bootstrapServers, "storage-" + nodeId + "-dlq"),
        new ByteArraySerializer(), new ByteArraySerializer());
    this.thread = new Thread(this, "blob-ingest-" + nodeId);
  }

  public void start() {
    consumer.subscribe(List.of(Topics.BLOBS), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        seekToCheckpoint(partitions);
      }
    });
    thread.start();
  }

  /**
   * Asks the ingest thread to wipe this node's disk and rebuild it from the beginning of the blob
   * log: the replay's {@link DiskReplay#wiped} completes once the disk is empty and consumption has
   * restarted from offset 0, its {@link DiskReplay#caughtUp} once the log as it was at the wipe is
   * stored again. Reads miss here (the gateway reads another node) until the blobs come back.
   */
  public DiskReplay replay() {
    return replayRequested.updateAndGet(asked -> asked != null ? asked : new DiskReplay());
  }

  /** Where each partition resumes: the disk's checkpoint, or the beginning of the log when the disk has none. */
  private void seekToCheckpoint(Collection<TopicPartition> partitions) {
    Map<Integer, Long> checkpoint;
    try {
      checkpoint = store.checkpoint();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read this disk's log position", e);
    }
    for (TopicPartition tp : partitions) {
      Long next = checkpoint.get(tp.partition());
      if (next == null) {
        log.info("{} has no position for {} on this disk: consuming it from the beginning", nodeId, tp);
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seek(tp, next);
      }
    }
  }

  /**
   * Serves the replay requests that arrived: wipe, then back to the start of every partition, with
   * the log's end as it is now as the point the replay has caught up at. Requests that arrive
   * together share one replay; a replay still under way is superseded by a new one.
   */
  private void replayIfAsked() throws IOException {
    DiskReplay asked = replayRequested.getAndSet(null);
    if (asked == null) {
      return;
    }
    try {
      store.wipe();
      consumer.seekToBeginning(consumer.assignment());
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.BLOBS).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      log.warn("{}: disk wiped on request; rebuilding it from the beginning of {} (up to {})", nodeId, Topics.BLOBS, end);
      if (replaying != null) {
        replaying.failed(new IllegalStateException("superseded by a newer replay of " + nodeId));
      }
      asked.began(end, System.nanoTime());
      replaying = asked;
    } catch (IOException | RuntimeException e) {
      asked.failed(e);
      throw e;
    }
  }

  /** Ends the replay under way once every partition has been consumed to the end it had at the wipe. */
  private void finishReplayIfCaughtUp() {
    if (replaying == null) {
      return;
    }
    var assigned = consumer.assignment();
    for (Map.Entry<TopicPartition, Long> e : replaying.end().entrySet()) {
      if (!assigned.contains(e.getKey()) || consumer.position(e.getKey()) < e.getValue()) {
        return;
      }
    }
    replaying.finish(nodeId, System.nanoTime());
    log.info("{}: replay caught up: {}", nodeId, replaying.caughtUp().join().describe());
    replaying = null;
  }

  public boolean healthy() {
    return healthy && thread.isAlive();
  }

  @Override
  public void run() {
    try {
      while (running) {
        replayIfAsked();
        ConsumerRecords<String, BlobChunk> records;
        try {
          records = consumer.poll(Duration.ofMillis(500));
        } catch (RecordDeserializationException e) {
          deadLetter(e);
          consumer.seek(e.topicPartition(), e.offset() + 1);
          continue;
        }
        try {
          if (records.isEmpty()) {
            if (behindCheckpoint) {
              checkpoint();
            }
            healthy = retry.failures() == 0;
            finishReplayIfCaughtUp();
            continue;
          }
          ingest(records);
          retry.succeeded();
          healthy = true;
          finishReplayIfCaughtUp();
        } catch (org.apache.kafka.clients.consumer.CommitFailedException
            | org.apache.kafka.common.errors.RebalanceInProgressException e) {
          // Evicted from the group (a partition from the broker outlived the session): the batch is on disk,
          // only its offset commit was refused. The next poll rejoins, and the partitions assigned again start
          // at the disk's checkpoint, so ingestion resumes instead of this thread ending.
          log.warn("offset commit refused after the group rebalanced ({}); rejoining from the disk's checkpoint", e.toString());
        } catch (IOException | UncheckedIOException e) {
          healthy = false;
          Duration wait = retry.failed();
          log.warn("blob ingest failed ({} in a row), retrying the batch from the last commit in {} ms: {}", retry.failures(),
              wait.toMillis(), e.toString());
          seekToCheckpoint(consumer.assignment());
          retry.await(wait);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      healthy = false;
      log.error("blob ingest stopped; offsets after the last durable batch are not committed", e);
    } finally {
      consumer.close();
    }
  }

  private String consumerName() {
    return "storage-" + nodeId;
  }

  private String group() {
    return "mocks3-storage-" + nodeId;
  }

  /**
   * Writes a chunk in a span of the trace its PUT began; a chunk a replay stores again (logged before
   * the replay began) gets none: its trace ended long ago, and a span per chunk was an eighth of a
   * replay's time.
   */
  private boolean write(ConsumerRecord<String, BlobChunk> record, BlobChunk chunk, DiskReplay replay) throws IOException {
    if (replay != null && replay.replays(record)) {
      return store.write(chunk);
    }
    return KafkaTracing.consume("mocks3.blob-chunk store", Topics.BLOBS, record.headers(), () -> store.write(chunk));
  }

  private void deadLetter(RecordDeserializationException e) {
    var origin = new DeadLetters.Origin(e.topicPartition().topic(), e.topicPartition().partition(), e.offset(), e.timestamp(),
        consumerName(), group());
    // Set aside once: a node that reads the log again (a replay, a new disk) meets the same poison (ChaosGate.setAside).
    chaos.setAside(origin, DeadLetters.Cause.unreadable(e), cause -> {
      log.warn("undeserializable record at {}@{} moved to {}: {}", e.topicPartition(), e.offset(),
          Topics.deadLetterOf(Topics.BLOBS), e.getMessage());
      deadLetter(origin, bytes(e.keyBuffer()), bytes(e.valueBuffer()), e.headers(), cause);
    });
  }

  private void deadLetter(ConsumerRecord<String, BlobChunk> record, DeadLetters.Cause cause) {
    deadLetter(DeadLetters.Origin.of(record, consumerName(), group()), bytes(record.key()),
        chunkSerde.serialize(record.topic(), record.value()), record.headers(), cause);
  }

  /** Moves a record to {@code mocks3.blobs.dlq}, its headers saying why, whence and who (for re-driving). */
  private void deadLetter(DeadLetters.Origin origin, byte[] key, byte[] value, Headers original, DeadLetters.Cause cause) {
    Headers headers = DeadLetters.describe(original, origin, cause);
    deadLetters.send(new ProducerRecord<>(Topics.deadLetterOf(Topics.BLOBS), null, key, value, headers));
    deadLetters.flush();
  }

  private static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] bytes(java.nio.ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private void ingest(ConsumerRecords<String, BlobChunk> records) throws IOException {
    List<BlobStored> completed = new ArrayList<>();
    DiskReplay replay = replaying;
    if (replay != null) {
      replay.read(records.count());
    }
    for (ConsumerRecord<String, BlobChunk> record : records) {
      BlobChunk chunk = record.value();
      if (chunk == null) {
        continue;
      }
      // A duplicated chunk is written twice but acknowledged once.
      AtomicBoolean complete = new AtomicBoolean();
      chaos.admit(ConsumedRecord.of(record, STORE_BLOB), () -> {
        if (write(record, chunk, replay)) {
          complete.set(true);
        }
        if (replay != null) {
          replay.stored(chunk.bytes().length);
        }
      }, cause -> deadLetter(record, cause));
      if (complete.get()) {
        completed.add(new BlobStored(chunk.blobId(), nodeId, chunk.totalSize(), clock.instant()));
      }
    }
    store.sync();
    if (replay != null) {
      replay.completed(completed.size());
    }
    for (BlobStored ack : completed) {
      producer.send(new ProducerRecord<>(Topics.BLOB_ACKS, ack.blobId().value(), ack));
    }
    producer.flush();
    behindCheckpoint = true;
    if (System.nanoTime() - checkpointedAt >= CHECKPOINT_INTERVAL.toNanos()) {
      checkpoint();
    }
  }

  /** Records the position of the chunks stored so far on the disk, then commits it to the group. */
  private void checkpoint() throws IOException {
    Map<Integer, Long> positions = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      positions.put(tp.partition(), consumer.position(tp));
    }
    store.saveCheckpoint(positions);
    checkpointedAt = System.nanoTime();
    behindCheckpoint = false;
    // The disk's checkpoint is what the node resumes from; the group's offsets are for lag metrics.
    consumer.commitSync();
  }

  @Override
  public void close() {
    running = false;
    retry.wake();
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
    deadLetters.close(Duration.ofSeconds(5));
  }
}
