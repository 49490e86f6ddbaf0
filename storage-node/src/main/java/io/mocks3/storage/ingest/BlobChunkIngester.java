package io.mocks3.storage.ingest;

import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.blob.BlobChunk;
import io.mocks3.schemas.blob.BlobChunkSerde;
import io.mocks3.schemas.blob.BlobStored;
import io.mocks3.storage.store.BlobStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materialises {@code mocks3.blobs} on this node's disk. Per poll: write every chunk, fsync the
 * partial blobs, acknowledge the blobs that completed, then commit offsets. A crash anywhere
 * replays from the last commit, and rewriting a chunk at its offset is harmless, so nothing
 * acknowledged is ever lost and nothing is acknowledged before it is durable.
 */
public final class BlobChunkIngester implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BlobChunkIngester.class);
  private final String nodeId;
  private final BlobStore store;
  private final KafkaConsumer<String, BlobChunk> consumer;
  private final KafkaProducer<String, BlobStored> producer;
  private final Clock clock = Clock.systemUTC();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean healthy;

  public BlobChunkIngester(String bootstrapServers, String nodeId, BlobStore store) {
    this.nodeId = nodeId;
    this.store = store;
    Properties c = KafkaClients.consumer(bootstrapServers, "mocks3-storage-" + nodeId, "storage-" + nodeId);
    this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new BlobChunkSerde());
    Properties p = KafkaClients.producer(bootstrapServers, "storage-" + nodeId + "-acks");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), JsonSerde.of(BlobStored.class));
    this.thread = new Thread(this, "blob-ingest-" + nodeId);
  }

  public void start() {
    consumer.subscribe(List.of(Topics.BLOBS));
    thread.start();
  }

  public boolean healthy() {
    return healthy && thread.isAlive();
  }

  @Override
  public void run() {
    try {
      while (running) {
        ConsumerRecords<String, BlobChunk> records = consumer.poll(Duration.ofMillis(500));
        healthy = true;
        if (!records.isEmpty()) {
          ingest(records);
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

  private void ingest(ConsumerRecords<String, BlobChunk> records) throws IOException {
    List<BlobStored> completed = new ArrayList<>();
    for (ConsumerRecord<String, BlobChunk> record : records) {
      BlobChunk chunk = record.value();
      if (chunk != null && store.write(chunk)) {
        completed.add(new BlobStored(chunk.blobId(), nodeId, chunk.totalSize(), clock.instant()));
      }
    }
    store.syncPartials();
    for (BlobStored ack : completed) {
      producer.send(new ProducerRecord<>(Topics.BLOB_ACKS, ack.blobId().value(), ack));
    }
    producer.flush();
    consumer.commitSync();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
