package io.mocks3.kafkaconfig;

/**
 * Where a service finds Kafka. Bound from {@code mocks3.kafka.*} in every service
 * (environment: {@code MOCKS3_KAFKA_BOOTSTRAPSERVERS}).
 *
 * @param bootstrapServers comma-separated host:port list of brokers
 */
public record KafkaSettings(String bootstrapServers) {
  public KafkaSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("mocks3.kafka.bootstrap-servers must name at least one broker");
    }
  }
}
