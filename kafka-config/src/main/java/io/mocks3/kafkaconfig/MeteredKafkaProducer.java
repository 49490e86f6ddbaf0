package io.mocks3.kafkaconfig;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A producer whose client metrics (Micrometer's {@link KafkaClientMetrics}: {@code kafka_producer_*},
 * tagged with its {@code client_id}) are in the process's global registry, which Spring Boot's
 * Prometheus registry joins, for as long as it is open.
 */
public class MeteredKafkaProducer<K, V> extends KafkaProducer<K, V> {
  private final KafkaClientMetrics metrics;

  public MeteredKafkaProducer(Properties config, Serializer<K> keys, Serializer<V> values) {
    super(config, keys, values);
    this.metrics = new KafkaClientMetrics(this);
    metrics.bindTo(Metrics.globalRegistry);
  }

  /** {@code close()} comes here too. */
  @Override
  public void close(Duration timeout) {
    try {
      super.close(timeout);
    } finally {
      metrics.close();
    }
  }
}
