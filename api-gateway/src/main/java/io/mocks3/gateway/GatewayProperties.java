package io.mocks3.gateway;

import io.mocks3.gateway.core.Consistency;
import io.mocks3.kafkaconfig.KafkaSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the S3 gateway ({@code mocks3.*}).
 *
 * @param kafka where the broker is
 * @param storageNodes base URLs of the storage nodes that serve blob bytes
 * @param writeQuorum storage acknowledgements a strong-mode write waits for
 * @param writeTimeout how long a write waits for its confirmation before answering 503
 * @param consistency default mode when a request does not send {@code x-mocks3-consistency}
 * @param baseDomains host names under which {@code <bucket>.<domain>} is virtual-hosted-style
 * @param chunkBytes size of the blob chunks bodies are cut into
 */
@ConfigurationProperties("mocks3")
public record GatewayProperties(
    KafkaSettings kafka,
    List<URI> storageNodes,
    int writeQuorum,
    Duration writeTimeout,
    Consistency consistency,
    List<String> baseDomains,
    int chunkBytes) {
  public GatewayProperties {
    if (writeQuorum < 1 || writeQuorum > storageNodes.size()) {
      throw new IllegalArgumentException(
          "mocks3.write-quorum must be between 1 and the number of storage nodes (" + storageNodes.size() + ")");
    }
  }
}
