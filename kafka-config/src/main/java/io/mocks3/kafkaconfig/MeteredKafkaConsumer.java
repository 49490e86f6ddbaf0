package io.mocks3.kafkaconfig;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A consumer whose client metrics (Micrometer's {@link KafkaClientMetrics}: {@code kafka_consumer_*},
 * among them {@code kafka_consumer_fetch_manager_records_lag_max}, tagged with its {@code client_id})
 * are in the process's global registry, which Spring Boot's Prometheus registry joins, for as long
 * as it is open.
 */
public class MeteredKafkaConsumer<K, V> extends KafkaConsumer<K, V> {
  private final KafkaClientMetrics metrics;

  public MeteredKafkaConsumer(Properties config, Deserializer<K> keys, Deserializer<V> values) {
    super(config, keys, values);
    this.metrics = new KafkaClientMetrics(this);
    metrics.bindTo(Metrics.globalRegistry);
  }

  @Override
  public void close() {
    closing(super::close);
  }

  @Override
  public void close(CloseOptions options) {
    closing(() -> super.close(options));
  }

  @Deprecated
  @Override
  public void close(Duration timeout) {
    closing(() -> super.close(timeout));
  }

  private void closing(Runnable close) {
    try {
      close.run();
    } finally {
      metrics.close();
    }
  }
}
