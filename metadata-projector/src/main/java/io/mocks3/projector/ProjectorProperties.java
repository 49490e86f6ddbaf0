package io.mocks3.projector;

import io.mocks3.kafkaconfig.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the metadata projector ({@code mocks3.*}).
 *
 * @param kafka where the broker is
 * @param applicationId Kafka Streams application id (consumer group and state-store prefix)
 * @param stateDir where Streams keeps its local stores
 * @param instanceId this instance's name: its static membership in the Streams group and in the cache
 *     writers' group, and how the change-capture lease names its holder; unique per instance when K
 *     instances share the command log (the local stack's {@code --projectors K} passes projector-1..K).
 *     The other instances reach this one at {@code mocks3.advertised-address} (host:port; default
 *     {@code server.address}:{@code server.port}) for its part of the consistency report
 * @param commitInterval how long Streams lets a batch grow while the projector is behind (a backlog);
 *     a command that finds it caught up is committed at once, so this bounds the apply latency of
 *     commands that were already late, not of a strong write on a quiet projector
 * @param cache the metadata cache: captured from PostgreSQL (Debezium) into {@code mocks3.cdc},
 *     written to Redis
 * @param storageNodes base URLs of the storage nodes, whose disks the consistency report checks
 */
@ConfigurationProperties("mocks3")
public record ProjectorProperties(KafkaSettings kafka, String applicationId, String instanceId, Path stateDir, Duration commitInterval,
    Cache cache, java.util.List<java.net.URI> storageNodes) {

  /**
   * @param enabled whether this projector captures changes and writes the cache
   * @param redisUrl where the cache lives ({@code redis://host:port})
   * @param pollInterval how often Debezium looks for new WAL entries: the floor of CDC lag
   */
  public record Cache(boolean enabled, String redisUrl, Duration pollInterval) {}
}
