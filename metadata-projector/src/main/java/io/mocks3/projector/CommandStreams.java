package io.mocks3.projector;

import io.mocks3.schemas.Topics;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The command topology's Kafka Streams, whose lifecycle spring-kafka's {@link
 * StreamsBuilderFactoryBean} owns (started with the context once the schema is migrated, closed
 * with it). A failure in processing (PostgreSQL down, say) replaces the stream thread, which
 * resumes from the last committed transaction: nothing is skipped. Reports UP while the
 * topology is running, and during the first 30 s of a rebalance after running (K projector instances rebalance
 * whenever one joins or leaves), with the command partitions it decides.
 *
 * <p>{@link #whileStopped} gives a replay a clean cut: the topology is closed (its transaction
 * committed, so every event applied to the read model is in the event log), the work runs, and the
 * factory starts a new instance that resumes where the old one stopped (static membership: no
 * rebalance).
 */
public final class CommandStreams implements HealthIndicator {
  private static final Logger log = LoggerFactory.getLogger(CommandStreams.class);
  private final StreamsBuilderFactoryBean factory;
  private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
  private volatile long stateSince = System.nanoTime();
  private volatile boolean wasRunning;
  /** How long a rebalance (another projector instance joining or gone) may last before this instance reports DOWN. */
  private static final long REBALANCE_GRACE_NANOS = 30_000_000_000L;

  /** Sets the factory's state listener and uncaught-exception handler; call before the factory starts. */
  public CommandStreams(StreamsBuilderFactoryBean factory) {
    this.factory = factory;
    factory.setStateListener((now, before) -> {
      state = now;
      stateSince = System.nanoTime();
      wasRunning = before == KafkaStreams.State.RUNNING;
    });
    factory.setStreamsUncaughtExceptionHandler(e -> {
      log.error("stream thread failed; replacing it and resuming from the last commit", e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
  }

  /** Stops processing, runs {@code work}, and processing resumes from where it stopped, whatever {@code work} did. */
  public synchronized <T> T whileStopped(Callable<T> work) throws Exception {
    factory.stop();
    try {
      return work.call();
    } finally {
      factory.start();
    }
  }

  /** The running instance, for queries of its state stores. */
  public KafkaStreams streams() {
    KafkaStreams streams = factory.getKafkaStreams();
    if (streams == null) {
      throw new IllegalStateException("the command stream is not running (state " + state + ")");
    }
    return streams;
  }

  public KafkaStreams.State state() {
    return state;
  }

  /**
   * Stops deciding commands while staying in the consumer group (Kafka Streams' pause: the
   * consumer keeps polling, its partitions are not handed to another instance): commands queue in
   * the log, eventual reads fall behind and strong writes wait, until {@link #resume}. A replay
   * starts a new Streams instance, which runs unpaused.
   */
  public void pause() {
    streams().pause();
  }

  public void resume() {
    streams().resume();
  }

  public boolean paused() {
    KafkaStreams streams = factory.getKafkaStreams();
    return streams != null && streams.isPaused();
  }

  @Override
  public Health health() {
    KafkaStreams.State now = state;
    // Not at start-up (from CREATED): an instance is healthy once it first runs.
    boolean briefRebalance = now == KafkaStreams.State.REBALANCING && wasRunning
        && System.nanoTime() - stateSince < REBALANCE_GRACE_NANOS;
    Health.Builder builder = now == KafkaStreams.State.RUNNING || briefRebalance ? Health.up() : Health.down();
    return builder.withDetail("streams", now.name()).withDetail("paused", paused())
        .withDetail("commandPartitions", commandPartitions()).build();
  }

  /**
   * The partitions of the command log this instance decides (its active tasks'), in order: with K
   * instances, which buckets' writes go through which; empty while it has none (starting, or
   * between a rebalance's revocation and assignment).
   */
  private List<Integer> commandPartitions() {
    KafkaStreams streams = factory.getKafkaStreams();
    if (streams == null || state != KafkaStreams.State.RUNNING) {
      return List.of();
    }
    Set<Integer> partitions = new TreeSet<>();
    streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task -> task.topicPartitions().stream()
        .filter(tp -> tp.topic().equals(Topics.COMMANDS)).forEach(tp -> partitions.add(tp.partition()))));
    return List.copyOf(partitions);
  }
}
