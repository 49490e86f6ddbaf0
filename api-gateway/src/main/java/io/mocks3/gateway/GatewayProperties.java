package io.mocks3.gateway;

import io.mocks3.gateway.core.Consistency;
import io.mocks3.kafkaconfig.KafkaSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the S3 gateway ({@code mocks3.*}).
 *
 * @param kafka where the broker is
 * @param storageNodes base URLs of the storage nodes that serve blob bytes
 * @param writeQuorum storage acknowledgements a strong-mode write waits for, from the nodes its blob is placed on
 *     (at most the replication factor)
 * @param writeTimeout how long a write waits for its confirmation before answering 503
 * @param consistency default mode when a request does not send {@code x-mocks3-consistency}
 * @param baseDomains host names under which {@code <bucket>.<domain>} is virtual-hosted-style
 * @param chunkBytes size of the blob chunks bodies are cut into
 * @param cache the Redis metadata cache eventual reads use
 * @param origin where keys a bucket with an origin misses are back-filled from
 * @param owners who each access key is (the Owner that listings show)
 * @param bodyReadTimeout how long a request may send nothing while its body is read before it
 *     is answered 400 RequestTimeout (a body shorter than its Content-Length). S3 waits about
 *     20 s; MockS3 defaults to 10 s: no client stalls that long mid-body, each stalled request
 *     holds a gateway thread, and tests of it wait less
 * @param storageNodeIds the id of each of {@code storageNodes}, in the same order (the nodes' {@code mocks3.node-id});
 *     empty: every node holds every blob
 * @param replicationFactor how many nodes each blob is placed on (io.mocks3.schemas.blob.Placement); 0 for every node
 * @param lifecycle how lifecycle rules count days ({@code mocks3.lifecycle.day-length})
 */
@ConfigurationProperties("mocks3")
public record GatewayProperties(
    KafkaSettings kafka,
    List<URI> storageNodes,
    int writeQuorum,
    Duration writeTimeout,
    Consistency consistency,
    List<String> baseDomains,
    int chunkBytes,
    Cache cache,
    Origin origin,
    OwnerSettings owners,
    @DefaultValue("10s") Duration bodyReadTimeout,
    @DefaultValue List<String> storageNodeIds,
    @DefaultValue("0") int replicationFactor,
    @DefaultValue Lifecycle lifecycle) {

  /**
   * Lifecycle rules as the gateway answers them ({@code x-amz-expiration}).
   *
   * @param dayLength how long a rule's "day" is: 24h as in S3; the same as the task workers' (which act on the rules)
   */
  public record Lifecycle(@DefaultValue("24h") Duration dayLength) {}

  /**
   * @param keys the owner an access key stands for ({@code mocks3.owners.keys.<accessKey>.id}, {@code .display-name})
   * @param mode {@code open} (the default: any key may use any bucket, as a one-account S3) or {@code enforce}
   *     (a request on another owner's bucket is AccessDenied, ListBuckets shows the requester's own
   *     buckets, creating another owner's bucket is BucketAlreadyExists, as S3 across accounts)
   */
  public record OwnerSettings(Map<String, OwnerIdentity> keys, String mode) {
    /** An owner's canonical user id and display name; either may be left out. */
    public record OwnerIdentity(String id, String displayName) {}
  }

  /**
   * @param fetcher the task workers' base URL: their origin fetcher throttles, circuit-breaks and stores
   * @param timeout how long a GET that misses waits for the back-fill before answering 503
   */
  public record Origin(URI fetcher, Duration timeout) {}

  /**
   * @param enabled whether eventual reads consult the cache
   * @param redisUrl where it lives ({@code redis://host:port})
   * @param timeout how long a read waits for Redis before it reads PostgreSQL instead
   */
  public record Cache(boolean enabled, String redisUrl, Duration timeout) {}

  public GatewayProperties {
    if (writeQuorum < 1 || writeQuorum > storageNodes.size()) {
      throw new IllegalArgumentException(
          "mocks3.write-quorum must be between 1 and the number of storage nodes (" + storageNodes.size() + ")");
    }
    if (replicationFactor > 0 && writeQuorum > replicationFactor) {
      throw new IllegalArgumentException(
          "mocks3.write-quorum (" + writeQuorum + ") must not exceed mocks3.replication-factor (" + replicationFactor + ")");
    }
  }
}
