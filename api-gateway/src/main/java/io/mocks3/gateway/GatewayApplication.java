package io.mocks3.gateway;

import static io.mocks3.kafkaconfig.KafkaTopicsAutoConfiguration.TOPICS;

import io.mocks3.kafkaconfig.retry.Retries;
import io.mocks3.kafkaconfig.retry.RetryConfiguration;
import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.gateway.core.BodyIntake;
import io.mocks3.gateway.core.BucketService;
import io.mocks3.gateway.core.MultipartService;
import io.mocks3.gateway.core.ObjectService;
import io.mocks3.gateway.origin.OriginClient;
import io.mocks3.gateway.core.WriteCoordinator;
import io.mocks3.gateway.history.HistoryLog;
import io.mocks3.gateway.history.HistoryRecorder;
import io.mocks3.gateway.log.BlobAppender;
import io.mocks3.gateway.log.CommandLog;
import io.mocks3.gateway.log.OutcomeTracker;
import io.mocks3.gateway.log.ReadModelOutcomes;
import io.mocks3.gateway.metadata.MetadataCache;
import io.mocks3.gateway.metadata.MetadataView;
import io.micrometer.core.instrument.MeterRegistry;
import io.mocks3.gateway.storage.StorageMembers;
import io.mocks3.gateway.storage.StorageNodes;
import io.mocks3.kafkaconfig.TopicCatalogue;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Explicit wiring: edge (http) → core → adapters (log, metadata, storage). */
@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
@Import(RetryConfiguration.class)
public class GatewayApplication {
  public static void main(String[] args) {
    SpringApplication.run(GatewayApplication.class, args);
  }

  /** The topic catalogue; its topics exist on the broker (mocks3Topics) before any Kafka client below starts. */
  @Bean
  @DependsOn(TOPICS)
  TopicCatalogue topics() {
    return TopicCatalogue.load();
  }

  @Bean(destroyMethod = "close")
  @DependsOn("topics")
  CommandLog commandLog(GatewayProperties props) {
    return new CommandLog(props.kafka().bootstrapServers(), "gateway");
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  @DependsOn("topics")
  OutcomeTracker outcomeTracker(GatewayProperties props, ObjectProvider<FaultAgent> faults) {
    return new OutcomeTracker(props.kafka().bootstrapServers(), "gateway-outcomes", faults.getIfAvailable());
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  @ConditionalOnProperty(name = "mocks3.committed-outcomes", havingValue = "true", matchIfMissing = true)
  ReadModelOutcomes readModelOutcomes(OutcomeTracker tracker, Environment env) {
    return new ReadModelOutcomes(env.getRequiredProperty("spring.datasource.url"), env.getProperty("spring.datasource.username"),
        env.getProperty("spring.datasource.password"), tracker);
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  @DependsOn("topics")
  HistoryLog historyLog(GatewayProperties props, Environment env) {
    return new HistoryLog(props.kafka().bootstrapServers(), env.getProperty("mocks3.faults.instance", "gateway"),
        Clock.systemUTC());
  }

  @Bean
  FilterRegistrationBean<HistoryRecorder> historyRecorder(HistoryLog log, GatewayProperties props) {
    FilterRegistrationBean<HistoryRecorder> registration =
        new FilterRegistrationBean<>(new HistoryRecorder(log, props.baseDomains()));
    registration.setOrder(HistoryRecorder.ORDER);
    return registration;
  }

  @Bean
  WriteCoordinator writeCoordinator(CommandLog log, OutcomeTracker outcomes, GatewayProperties props, StorageMembers members,
      MeterRegistry meters) {
    return new WriteCoordinator(log, outcomes, props.writeQuorum(), members, props.writeTimeout(), meters);
  }

  @Bean
  StorageMembers storageMembers(GatewayProperties props) {
    return new StorageMembers(props.storageNodes(), props.storageNodeIds(), props.replicationFactor());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "mocks3.cache.enabled", havingValue = "true", matchIfMissing = true)
  MetadataCache metadataCache(GatewayProperties props, MeterRegistry meters) {
    return new MetadataCache(props.cache().redisUrl(), props.cache().timeout(), meters);
  }

  @Bean
  MetadataView metadataView(JdbcClient jdbc, ObjectProvider<MetadataCache> cache, ObjectProvider<FaultAgent> faults) {
    return new MetadataView(jdbc, cache.getIfAvailable(), faults.getIfAvailable());
  }

  @Bean
  StorageNodes storageNodes(StorageMembers members, MeterRegistry meters, Retries retries) {
    return new StorageNodes(members, meters, retries);
  }

  @Bean
  BucketService bucketService(WriteCoordinator writes, MetadataView metadata) {
    return new BucketService(writes, metadata, Clock.systemUTC());
  }

  @Bean
  BodyIntake bodyIntake(CommandLog log, WriteCoordinator writes, GatewayProperties props) {
    return new BodyIntake(new BlobAppender(log, props.chunkBytes()), writes);
  }

  @Bean
  ObjectService objectService(BucketService buckets, BodyIntake intake, WriteCoordinator writes, MetadataView metadata,
      StorageNodes storage, GatewayProperties props, MeterRegistry meters) {
    return new ObjectService(buckets, intake, writes, metadata, storage,
        new OriginClient(props.origin().fetcher(), props.origin().timeout(), meters), Clock.systemUTC(), props.lifecycle().dayLength());
  }

  @Bean
  MultipartService multipartService(BucketService buckets, ObjectService objects, BodyIntake intake, WriteCoordinator writes,
      MetadataView metadata) {
    return new MultipartService(buckets, objects, intake, writes, metadata, Clock.systemUTC());
  }

  @Bean
  HealthIndicator outcomes(OutcomeTracker tracker) {
    return () -> (tracker.running() ? Health.up() : Health.down()).withDetail("outcomeTracker", tracker.running()).build();
  }
}
