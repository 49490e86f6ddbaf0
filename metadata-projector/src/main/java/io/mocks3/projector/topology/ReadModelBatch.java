package io.mocks3.projector.topology;

import io.mocks3.projector.projection.MetadataProjection;
import io.mocks3.projector.projection.ProjectedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The events decided since the task's last commit, applied to the read model as one batch just
 * before Kafka Streams commits its transaction: one PostgreSQL transaction per Streams commit
 * instead of one per command.
 *
 * <p>Exactly once: a task's commit runs {@code prepareCommit} (which flushes every store's cache,
 * so {@link #flushCache} hands the batch to the projection), then the Kafka transaction with the
 * input offsets, the state stores' changelogs and the events. The projector's projection, {@link
 * OverlappedReadModel}, runs the PostgreSQL transaction while the producer flushes and sends the
 * offsets, and the Kafka commit waits for it. If PostgreSQL fails, the exception reaches the stream
 * thread before the Kafka commit: the Kafka transaction is aborted, and the commands are decided
 * again from the last commit, nothing lost. If the process
 * dies after the PostgreSQL commit and before the Kafka one, the commands are decided again against
 * the same restored stores, so they yield the same events with the same sequences; the read model's
 * high-water marks ({@code bucket_progress}, written in the same PostgreSQL transaction as the rows)
 * are already at those sequences, and the second application changes nothing. Events become visible
 * to {@code read_committed} consumers (the gateway's outcome tracker) only with the Kafka commit,
 * that is after the rows they describe.
 *
 * <p>Kafka Streams has no public "before commit" hook for a processor ({@code StateStore.commit}
 * runs after the Kafka commit); the cache flush of {@link CachedStateStore} is the one that runs
 * before it, which is why this store implements that internal interface. {@code
 * CommandTopologyTest} fails if a Kafka upgrade stops calling it.
 */
final class ReadModelBatch implements StateStore, CachedStateStore<Object, Object> {
  static final String NAME = "read-model-batch";
  private final MetadataProjection projection;
  private final List<ProjectedEvent> pending = new ArrayList<>();
  private volatile boolean open;

  ReadModelBatch(MetadataProjection projection) {
    this.projection = projection;
  }

  /** Adds an event to the batch of the next commit. */
  void add(ProjectedEvent event) {
    pending.add(event);
  }

  /** Applies the batch; it is kept when the projection fails, so nothing is dropped before the task is reset. */
  @Override
  public void flushCache() {
    if (pending.isEmpty()) {
      return;
    }
    projection.apply(List.copyOf(pending));
    pending.clear();
  }

  /** A task reset to its last commit decides its commands again: what was pending is decided again too. */
  @Override
  public void clearCache() {
    pending.clear();
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    // Nothing to restore: the batch lives until the next commit only.
    context.register(root, (key, value) -> {});
    open = true;
  }

  @Override
  public void close() {
    pending.clear();
    open = false;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /** One batch per task: Streams builds the store for each task that runs the processor. */
  static final class Builder implements StoreBuilder<ReadModelBatch> {
    private final MetadataProjection projection;

    Builder(MetadataProjection projection) {
      this.projection = projection;
    }

    @Override
    public StoreBuilder<ReadModelBatch> withCachingEnabled() {
      return this;
    }

    @Override
    public StoreBuilder<ReadModelBatch> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<ReadModelBatch> withLoggingEnabled(Map<String, String> config) {
      throw new UnsupportedOperationException("the read-model batch has no changelog: it lives until the next commit");
    }

    @Override
    public StoreBuilder<ReadModelBatch> withLoggingDisabled() {
      return this;
    }

    @Override
    public ReadModelBatch build() {
      return new ReadModelBatch(projection);
    }

    @Override
    public Map<String, String> logConfig() {
      return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
      return false;
    }

    @Override
    public String name() {
      return NAME;
    }
  }
}
