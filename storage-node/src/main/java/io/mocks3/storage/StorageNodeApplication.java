package io.mocks3.storage;

import static io.mocks3.kafkaconfig.KafkaTopicsAutoConfiguration.TOPICS;

import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.kafkaconfig.retry.Retries;
import io.mocks3.kafkaconfig.retry.RetryConfiguration;
import io.mocks3.storage.ingest.BlobChunkIngester;
import io.mocks3.storage.store.BlobStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@EnableConfigurationProperties(StorageNodeProperties.class)
@Import(RetryConfiguration.class)
public class StorageNodeApplication {
  public static void main(String[] args) {
    SpringApplication.run(StorageNodeApplication.class, args);
  }

  @Bean
  BlobStore blobStore(StorageNodeProperties props, ObjectProvider<FaultAgent> faults) {
    return new BlobStore(props.dataDir(), faults.getIfAvailable());
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  @DependsOn(TOPICS)
  BlobChunkIngester blobChunkIngester(StorageNodeProperties props, BlobStore store, ObjectProvider<FaultAgent> faults,
      Retries retries, MeterRegistry meters) {
    Counter skipped = Counter.builder("storage.chunks.skipped").description("blob chunks skipped: their blob is placed on other nodes")
        .tag("node", props.nodeId()).register(meters);
    return new BlobChunkIngester(props, store, faults.getIfAvailable(), retries.loop("blob-ingest"), skipped);
  }

  /** {@code storage_node_available} (1 while this node ingests), {@code storage_space_used_bytes}. */
  @Bean
  MeterBinder storageMetrics(BlobChunkIngester ingester, BlobStore store, StorageNodeProperties props) {
    return registry -> {
      Gauge.builder("storage.node.available", ingester, i -> i.healthy() ? 1 : 0).description("1 while this node stores what it consumes")
          .tag("node", props.nodeId()).register(registry);
      Gauge.builder("storage.space.used", store, BlobStore::spaceUsed).baseUnit("bytes").description("bytes on this node's disk")
          .tag("node", props.nodeId()).register(registry);
    };
  }

  @Bean
  HealthIndicator ingest(BlobChunkIngester ingester, StorageNodeProperties props) {
    return () -> (ingester.healthy() ? Health.up() : Health.down()).withDetail("node", props.nodeId())
        .withDetail("placement", props.placed() ? props.placement().toString() : "every blob").build();
  }
}
