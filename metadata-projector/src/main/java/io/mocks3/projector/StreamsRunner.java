package io.mocks3.projector;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Runs a topology for the life of the service. A failure in processing (PostgreSQL down, say)
 * replaces the stream thread, which resumes from the last committed transaction: nothing is
 * skipped. Reports UP only while the topology is running.
 *
 * <p>{@link #whileStopped} gives a replay a clean cut: the topology is closed (its transaction
 * committed, so every event applied to the read model is in the event log), the work runs, and a
 * new instance resumes where the old one stopped (static membership: no rebalance).
 */
public final class StreamsRunner implements HealthIndicator {
  private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);
  private final Topology topology;
  private final Properties config;
  private volatile KafkaStreams streams;

  public StreamsRunner(Topology topology, Properties config) {
    this.topology = topology;
    this.config = config;
    this.streams = create();
  }

  private KafkaStreams create() {
    KafkaStreams created = new KafkaStreams(topology, config);
    created.setUncaughtExceptionHandler(e -> {
      log.error("stream thread failed; replacing it and resuming from the last commit", e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    return created;
  }

  public void start() {
    streams.start();
  }

  public void close() {
    streams.close(Duration.ofSeconds(10));
  }

  /** Stops processing, runs {@code work}, and processing resumes from where it stopped, whatever {@code work} did. */
  public synchronized <T> T whileStopped(Callable<T> work) throws Exception {
    streams.close(Duration.ofSeconds(30));
    try {
      return work.call();
    } finally {
      streams = create();
      streams.start();
    }
  }

  /** The running instance, for queries of its state stores. */
  public KafkaStreams streams() {
    return streams;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public Health health() {
    KafkaStreams.State state = streams.state();
    Health.Builder builder = state == KafkaStreams.State.RUNNING ? Health.up() : Health.down();
    return builder.withDetail("streams", state.name()).build();
  }
}
