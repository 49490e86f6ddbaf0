package io.mocks3.faults.runs;

import io.mocks3.kafkaconfig.MeteredKafkaProducer;
import io.mocks3.faults.agent.TopicFollower;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.run.Run;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The runs, as state on the compacted {@code mocks3.runs}: a controller that restarts reads them
 * back (an open run stays open, a settling one is finished by {@link RunLifecycle}).
 */
public final class RunStore implements AutoCloseable {
  private final Map<String, Run> runs = new ConcurrentHashMap<>();
  private final TopicFollower<Run> follower;
  private final KafkaProducer<String, Run> producer;

  public RunStore(String bootstrapServers) {
    this.follower = new TopicFollower<>(bootstrapServers, "fault-controller-runs", Topics.RUNS, JsonSerde.of(Run.class),
        record -> {
          if (record.value() == null) {
            runs.remove(record.key());
          } else {
            runs.put(record.key(), record.value());
          }
        });
    this.producer = new MeteredKafkaProducer<>(KafkaClients.producer(bootstrapServers, "fault-controller-runs"),
        new StringSerializer(), JsonSerde.of(Run.class));
  }

  public void start() {
    follower.start();
  }

  public boolean healthy() {
    return follower.running();
  }

  /** Writes {@code run} to the log and waits until it is durable; then it is what {@link #get} answers. */
  public Run save(Run run) {
    try {
      producer.send(new ProducerRecord<>(Topics.RUNS, run.id(), run)).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while saving run " + run.id(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("run " + run.id() + " could not be written to " + Topics.RUNS + ": " + e, e);
    }
    runs.put(run.id(), run);
    return run;
  }

  public Optional<Run> get(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  /** Every run, newest first. */
  public List<Run> all() {
    return runs.values().stream().sorted(Comparator.comparing(Run::startedAt).reversed()).toList();
  }

  @Override
  public void close() throws InterruptedException {
    follower.close();
    producer.close();
  }
}
