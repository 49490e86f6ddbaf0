package io.mocks3.projector;

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
 * resumes from the last committed transaction: nothing is skipped. Reports UP only while the
 * topology is running.
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

  /** Sets the factory's state listener and uncaught-exception handler; call before the factory starts. */
  public CommandStreams(StreamsBuilderFactoryBean factory) {
    this.factory = factory;
    factory.setStateListener((now, before) -> state = now);
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

  @Override
  public Health health() {
    KafkaStreams.State now = state;
    Health.Builder builder = now == KafkaStreams.State.RUNNING ? Health.up() : Health.down();
    return builder.withDetail("streams", now.name()).build();
  }
}
