package io.mocks3.projector;

import static io.mocks3.kafkaconfig.KafkaTopicsAutoConfiguration.TOPICS;

import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.kafkaconfig.KafkaObservability;
import io.mocks3.kafkaconfig.retry.Retries;
import io.mocks3.kafkaconfig.retry.RetryConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.mocks3.projector.cdc.CacheRebuild;
import io.mocks3.projector.cdc.CacheWriter;
import io.mocks3.projector.cdc.ChangeCapture;
import io.mocks3.projector.projection.PostgresMetadataProjection;
import io.mocks3.projector.replay.CommandAudit;
import io.mocks3.projector.replay.CommandState;
import io.mocks3.projector.replay.ConsistencyCheck;
import io.mocks3.projector.replay.PostgresReplay;
import io.mocks3.projector.topology.CommandTopology;
import io.mocks3.projector.topology.OverlappedReadModel;
import io.mocks3.projector.topology.PolledOffsets;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.core.env.Environment;
import io.mocks3.projector.topology.DeadLetteringDeserializationHandler;
import io.mocks3.schemas.event.CommittedOutcomes;
import io.mocks3.faults.agent.FaultAgent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@EnableConfigurationProperties(ProjectorProperties.class)
@Import(RetryConfiguration.class)
public class MetadataProjectorApplication {
  public static void main(String[] args) {
    SpringApplication.run(MetadataProjectorApplication.class, args);
  }

  /**
   * The command topology, run by spring-kafka's factory bean: it starts with the context's
   * lifecycle, after every bean (so after the Flyway migrations: no event is projected into a
   * stale schema), and closes with it.
   */
  @Bean
  @DependsOnDatabaseInitialization
  @DependsOn(TOPICS)
  StreamsBuilderFactoryBean commandStreamsFactory(ProjectorProperties props, DataSource dataSource, ObjectProvider<FaultAgent> faults,
      Retries retries, MeterRegistry meters, Environment env) {
    // A commit's PostgreSQL transaction runs while Kafka Streams flushes and sends its offsets; the
    // Kafka commit waits for it (OverlappedReadModel supplies the producers that wait).
    OverlappedReadModel projection = new OverlappedReadModel(new PostgresMetadataProjection(dataSource, faults.getIfAvailable(),
        retries.template("projection"), meters, CommittedOutcomes.QUEUE_GUARD));
    StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean();
    factory.setClientSupplier(projection);
    Properties config = streamsConfig(props);
    // Where the other instances fetch this one's part of the state (the consistency report).
    HostInfo self = advertised(env);
    config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    factory.setStreamsConfiguration(config);
    factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
      @Override
      public void configureTopology(Topology topology) {
        CommandTopology.addTo(topology, projection, faults.getIfAvailable());
      }
    });
    factory.setCloseTimeout(30);
    factory.addListener(new KafkaStreamsMicrometerListener(meters)); // kafka_stream_* metrics, per thread and task
    return factory;
  }

  @Bean
  CommandStreams commandStreams(StreamsBuilderFactoryBean commandStreamsFactory) {
    return new CommandStreams(commandStreamsFactory);
  }

  /**
   * How the other projector instances reach this one: {@code mocks3.advertised-address}
   * (host:port), else {@code server.address} (loopback when it is a wildcard) and {@code server.port}.
   */
  static HostInfo advertised(Environment env) {
    String configured = env.getProperty("mocks3.advertised-address");
    if (configured != null && !configured.isBlank()) {
      return HostInfo.buildFromEndpoint(configured.trim());
    }
    String address = env.getProperty("server.address", "127.0.0.1");
    String host = address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1" : address;
    return new HostInfo(host, env.getProperty("server.port", Integer.class, 8080));
  }

  @Bean
  CommandState commandState(CommandStreams streams, ProjectorProperties props, Environment env) {
    return new CommandState(streams, advertised(env), props.kafka().bootstrapServers());
  }

  /** Captures the read model's committed changes into {@code mocks3.cdc} once the schema exists. */
  @Bean(initMethod = "start", destroyMethod = "close")
  @DependsOnDatabaseInitialization
  @ConditionalOnProperty(name = "mocks3.cache.enabled", havingValue = "true", matchIfMissing = true)
  ChangeCapture changeCapture(ProjectorProperties props, DataSourceProperties db, Retries retries) {
    return new ChangeCapture(props.kafka().bootstrapServers(), new ChangeCapture.Database(db.getUrl(), db.getUsername(),
        db.getPassword()), props.instanceId(), props.cache().pollInterval(), retries.loop("cdc-restart"));
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  @ConditionalOnProperty(name = "mocks3.cache.enabled", havingValue = "true", matchIfMissing = true)
  @DependsOn(TOPICS)
  CacheWriter cacheWriter(ProjectorProperties props, ObjectProvider<FaultAgent> faults, MeterRegistry meters, Retries retries) {
    return new CacheWriter(new CacheWriter.Settings(props.kafka().bootstrapServers(), props.cache().redisUrl(), props.instanceId()),
        faults.getIfAvailable(), meters, retries.loop("cache-write"));
  }

  @Bean
  @ConditionalOnProperty(name = "mocks3.cache.enabled", havingValue = "true", matchIfMissing = true)
  CacheRebuild cacheRebuild(CacheWriter writer, ProjectorProperties props) {
    return new CacheRebuild(writer, props.kafka().bootstrapServers());
  }

  @Bean
  PostgresReplay postgresReplay(ProjectorProperties props, DataSourceProperties db, CommandStreams streams) {
    return new PostgresReplay(db.getUrl(), db.getUsername(), db.getPassword(), streams, props.kafka().bootstrapServers());
  }

  @Bean
  ConsistencyCheck consistencyCheck(ProjectorProperties props, DataSource dataSource, CommandState state) {
    return new ConsistencyCheck(dataSource, state, props.cache().enabled() ? props.cache().redisUrl() : null, props.storageNodes(),
        new CommandAudit(props.kafka().bootstrapServers(), props.applicationId()));
  }

  public static Properties streamsConfig(ProjectorProperties props) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, props.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, props.kafka().bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, props.commitInterval().toMillis());
    p.put(StreamsConfig.STATE_DIR_CONFIG, props.stateDir().toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    // A commit writes each changed store entry once (a bucket's state, per command before) to RocksDB and its changelog.
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16L * 1024 * 1024);
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringDeserializationHandler.class);
    // Nothing is visible before the commit, which flushes the producer, so lingering batches sends without holding
    // a record past its commit. Measured against 0 (2026-12-05): at 1 client the commit's flush took 1.75-2.24 ms
    // instead of 1.27-1.51 (p50 unchanged); at 16 clients strong PUTs ran at 298-371/s instead of 257-292/s.
    p.put(StreamsConfig.producerPrefix("linger.ms"), 20);
    KafkaObservability.producerConfig().forEach((k, v) -> p.put(StreamsConfig.producerPrefix(k), v));
    KafkaObservability.consumerConfig().forEach((k, v) -> p.put(StreamsConfig.mainConsumerPrefix(k), v));
    // Which command is the last one polled: the processor commits a batch of fresh commands then, not each.
    p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG),
        p.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG)) + "," + PolledOffsets.class.getName());
    // The same idle fetch as every MockS3 consumer (it was 100 ms here, for no measured reason: latency does not depend on it).
    p.put(StreamsConfig.consumerPrefix("fetch.max.wait.ms"), (int) KafkaClients.IDLE_FETCH_WAIT.toMillis());
    // Static membership: a projector restarted after a crash resumes at once.
    p.put(StreamsConfig.consumerPrefix("group.instance.id"), props.applicationId() + "-" + props.instanceId());
    p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
    return p;
  }
}
