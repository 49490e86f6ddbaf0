package io.mocks3.projector.topology;

import io.mocks3.projector.projection.MetadataProjection;
import io.mocks3.projector.projection.ProjectedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * Runs a commit's read-model transaction beside the Kafka transaction's own work, and holds the
 * Kafka commit until the read model has committed.
 *
 * <p>A Streams commit flushes the stores' caches ({@link ReadModelBatch} hands its batch to {@link
 * #apply} then), flushes the producer (the events and changelogs acknowledged), sends the consumed
 * offsets to the transaction and commits it. The read model's PostgreSQL transaction used to run
 * first, alone: on a strong write at one client it was 2.6 ms of the projector's 6 (the flush 1.7,
 * the offsets 1.2, the commit 0.6). Here {@link #apply} starts it on this class's thread and
 * returns, and the producers this class supplies to Kafka Streams wait for every batch started
 * since the last commit before they commit ({@link Producer#commitTransaction}): the rows are still
 * committed before the events that describe them become visible, and a batch that fails fails the
 * Kafka commit (the stream thread is replaced and decides the commands again from its last commit,
 * as when the read model failed before). Batches run one after another, in the order given.
 *
 * <p>An aborted Kafka transaction forgets the batches started for it: they may still commit, which
 * the read model's high-water marks make harmless (the commands are decided again into the same
 * events, which then change nothing). Until Kafka Streams has asked this supplier for a producer,
 * {@link #apply} applies in place: no commit would wait for it otherwise.
 */
public final class OverlappedReadModel implements KafkaClientSupplier, MetadataProjection {
  private final MetadataProjection projection;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "read-model-commit");
    t.setDaemon(true);
    return t;
  });
  /** The batches started since the last Kafka commit or abort, oldest first. */
  private final List<CompletableFuture<Void>> started = new ArrayList<>();
  private final Function<Map<String, Object>, Producer<byte[], byte[]>> producers;
  private volatile boolean supplying;

  public OverlappedReadModel(MetadataProjection projection) {
    this(projection, config -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
  }

  /** With the producers Kafka Streams would get made by {@code producers} (tests). */
  OverlappedReadModel(MetadataProjection projection, Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
    this.projection = projection;
    this.producers = producers;
  }

  @Override
  public void apply(List<ProjectedEvent> batch) {
    if (!supplying) {
      projection.apply(batch);
      return;
    }
    CompletableFuture<Void> applying = CompletableFuture.runAsync(() -> projection.apply(batch), thread);
    synchronized (started) {
      started.add(applying);
    }
  }

  /** Waits for the batches started since the last commit; the first that failed is thrown (its own exception). */
  private void awaitStarted() {
    List<CompletableFuture<Void>> batches;
    synchronized (started) {
      batches = List.copyOf(started);
      started.clear();
    }
    for (CompletableFuture<Void> batch : batches) {
      try {
        batch.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
  }

  private void forgetStarted() {
    synchronized (started) {
      started.clear();
    }
  }

  @Override
  public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
    Producer<byte[], byte[]> producer = new CommitAfterReadModel(producers.apply(config));
    supplying = true;
    return producer;
  }

  @Override
  public Admin getAdmin(Map<String, Object> config) {
    return Admin.create(config);
  }

  @Override
  public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
    return getConsumer(config);
  }

  @Override
  public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
    return getConsumer(config);
  }

  /** A Streams producer whose commit waits for the read model; everything else is the producer's own. */
  private final class CommitAfterReadModel implements Producer<byte[], byte[]> {
    private final Producer<byte[], byte[]> producer;

    CommitAfterReadModel(Producer<byte[], byte[]> producer) {
      this.producer = producer;
    }

    @Override
    public void commitTransaction() {
      awaitStarted();
      producer.commitTransaction();
    }

    @Override
    public void abortTransaction() {
      forgetStarted();
      producer.abortTransaction();
    }

    @Override
    public void initTransactions() {
      producer.initTransactions();
    }

    @Override
    public void beginTransaction() {
      producer.beginTransaction();
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
      producer.sendOffsetsToTransaction(offsets, group);
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
      producer.registerMetricForSubscription(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
      producer.unregisterMetricFromSubscription(metric);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
      return producer.send(record);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
      return producer.send(record, callback);
    }

    @Override
    public void flush() {
      producer.flush();
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
      return producer.partitionsFor(topic);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
      return producer.metrics();
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
      return producer.clientInstanceId(timeout);
    }

    @Override
    public void close() {
      producer.close();
    }

    @Override
    public void close(Duration timeout) {
      producer.close(timeout);
    }
  }
}
