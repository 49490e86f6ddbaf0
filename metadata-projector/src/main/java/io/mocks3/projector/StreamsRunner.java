package io.mocks3.projector;

import java.time.Duration;
import java.util.Properties;
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
 */
public final class StreamsRunner implements HealthIndicator {
  private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);
  private final KafkaStreams streams;

  public StreamsRunner(Topology topology, Properties config) {
    this.streams = new KafkaStreams(topology, config);
    this.streams.setUncaughtExceptionHandler(e -> {
      log.error("stream thread failed; replacing it and resuming from the last commit", e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
  }

  public void start() {
    streams.start();
  }

  public void close() {
    streams.close(Duration.ofSeconds(10));
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
