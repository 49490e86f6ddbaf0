package io.mocks3.faults.agent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.kafkaconfig.MeteredKafkaProducer;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.fault.FaultEvent;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Records every injection: on {@code mocks3.fault-events} (key = rule id), in the metric
 * {@code mocks3_fault_injections_total} by rule, scenario, service and action, and in the log.
 * {@link #record} sends without waiting, so recording never slows a request; {@link #recordOnLog}
 * returns once the log holds the event, for faults on a consumed record: the consumer goes on (and
 * commits the record) only after its fault is on the log, so whoever sees the record consumed also
 * finds its fault event (a run's report, judged once the consumers have caught up).
 */
public final class FaultRecorder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FaultRecorder.class);
  /** How long {@link #recordOnLog} waits for the log before it goes on anyway. */
  private static final Duration ON_LOG_WAIT = Duration.ofSeconds(10);
  private final KafkaProducer<String, FaultEvent> producer;
  private final MeterRegistry metrics;

  public FaultRecorder(String bootstrapServers, String clientId, MeterRegistry metrics) {
    Properties config = KafkaClients.producer(bootstrapServers, clientId);
    this.producer = new MeteredKafkaProducer<>(config, new StringSerializer(), JsonSerde.of(FaultEvent.class));
    this.metrics = metrics;
  }

  /** Records {@code event}; its send to the log is not waited for. */
  public void record(FaultEvent event) {
    send(event);
  }

  /**
   * Records {@code event} and waits until the log acknowledges it, at most 10 s:
   * past that (the broker unreachable) the send goes on in the background and this returns, with a warning.
   */
  public void recordOnLog(FaultEvent event) {
    try {
      send(event).get(ON_LOG_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("fault event of rule {} not yet on the log after {}; it is still being sent", event.ruleId(), ON_LOG_WAIT);
    } catch (ExecutionException e) {
      // Logged by the send's callback.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Future<RecordMetadata> send(FaultEvent event) {
    Counter.builder("mocks3.fault.injections")
        .description("Faults injected, by rule, scenario, service and action")
        .tag("rule", event.ruleId())
        .tag("scenario", event.scenario() == null ? "" : event.scenario())
        .tag("service", event.service())
        .tag("action", event.action())
        .register(metrics)
        .increment();
    // In the structured log: rule_id, scenario_id and action as fields of their own.
    try (var rule = MDC.putCloseable("rule_id", event.ruleId());
        var scenario = MDC.putCloseable("scenario_id", event.scenario() == null ? "" : event.scenario());
        var action = MDC.putCloseable("action", event.action())) {
      log.info("fault injected: rule={} scenario={} {} {} -> {}", event.ruleId(), event.scenario(), event.point(),
          event.target(), event.detail());
    }
    return producer.send(new ProducerRecord<>(Topics.FAULT_EVENTS, event.ruleId(), event), (metadata, error) -> {
      if (error != null) {
        log.warn("could not record fault event of rule {}: {}", event.ruleId(), error.toString());
      }
    });
  }

  @Override
  public void close() {
    producer.close();
  }
}
