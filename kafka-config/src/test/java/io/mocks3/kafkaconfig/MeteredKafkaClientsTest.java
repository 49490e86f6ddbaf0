package io.mocks3.kafkaconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every client made by these classes is in the global registry while it is open, and leaves it when closed. */
class MeteredKafkaClientsTest {
  // Nothing listens here: making a client does not connect, and its metrics exist from the start.
  private static final String NO_BROKER = "localhost:1";
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void joinGlobalRegistry() {
    Metrics.addRegistry(registry);
  }

  @AfterEach
  void leaveGlobalRegistry() {
    Metrics.removeRegistry(registry);
  }

  @Test
  void aConsumersFetchAndLagMetricsAreBoundUntilItCloses() {
    try (MeteredKafkaConsumer<String, String> consumer = new MeteredKafkaConsumer<>(
        KafkaClients.consumer(NO_BROKER, "metered-test", "metered-consumer"), new StringDeserializer(), new StringDeserializer())) {
      assertThat(meterNames("metered-consumer")).anyMatch(n -> n.startsWith("kafka.consumer.fetch.manager."))
          .anyMatch(n -> n.startsWith("kafka.consumer."));
    }
    assertThat(meterNames("metered-consumer")).isEmpty();
  }

  @Test
  void aProducersSendMetricsAreBoundUntilItCloses() {
    try (MeteredKafkaProducer<String, String> producer = new MeteredKafkaProducer<>(
        KafkaClients.producer(NO_BROKER, "metered-producer"), new StringSerializer(), new StringSerializer())) {
      assertThat(meterNames("metered-producer")).contains("kafka.producer.record.send.total");
    }
    assertThat(meterNames("metered-producer")).isEmpty();
  }

  private java.util.List<String> meterNames(String clientId) {
    return registry.getMeters().stream().map(Meter::getId)
        .filter(id -> clientId.equals(id.getTag("client.id"))).map(Meter.Id::getName).toList();
  }
}
