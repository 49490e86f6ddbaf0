package io.mocks3.tasks.origin;

import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.FaultTarget;
import io.mocks3.faults.agent.InjectedFault;
import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.origin.OriginConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Opens a key on a bucket's upstream S3 endpoint (one client per origin configuration, no SDK
 * retries: the task's retry topics retry), through the fault point {@code origin}, operation
 * FetchOrigin: an {@code http_error} is the upstream failing with that status (404 is the upstream
 * not having the key), {@code delay} / {@code hang} a slow upstream, and a body action
 * ({@code throttle} / {@code truncate} / {@code corrupt}) is handed on for the staging to apply.
 */
final class UpstreamReader implements AutoCloseable {
  private final FaultAgent faults;
  private final Duration timeout;
  private final Map<OriginConfiguration, S3Client> clients = new ConcurrentHashMap<>();

  /** The object as the upstream answers it, and the body fault to apply while reading it (null for none). */
  record Opened(ResponseInputStream<GetObjectResponse> body, Action bodyFault) {}

  /** @param faults the origin fault point; null for none */
  UpstreamReader(FaultAgent faults, Duration timeout) {
    this.faults = faults;
    this.timeout = timeout;
  }

  /** The upstream's object {@code key} for {@code bucket/key}; null when the upstream has no such key. */
  Opened open(OriginConfiguration config, String bucket, String key) throws UpstreamFailure {
    Action bodyFault = null;
    if (faults != null && faults.armed()) {
      try {
        bodyFault = faults.apply(new FaultTarget("origin", "origin", "FetchOrigin", bucket, key, null,
            "origin FetchOrigin " + bucket + "/" + key)).map(rule -> rule.action()).orElse(null);
      } catch (InjectedFault e) {
        if (e.status() == 404) {
          return null;
        }
        throw new UpstreamFailure("the upstream answered " + e.status() + " " + e.code() + " (injected by rule "
            + e.rule().id() + ")");
      }
    }
    try {
      return new Opened(client(config).getObject(b -> b.bucket(config.bucket()).key(key)), bodyFault);
    } catch (NoSuchKeyException e) {
      return null;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return null;
      }
      throw new UpstreamFailure("the upstream answered " + e.statusCode() + " "
          + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode()));
    }
  }

  private S3Client client(OriginConfiguration config) {
    return clients.computeIfAbsent(config, c -> S3Client.builder()
        .endpointOverride(URI.create(c.endpoint()))
        .region(Region.of(c.region()))
        .forcePathStyle(c.pathStyle())
        .credentialsProvider(c.accessKeyId() == null ? AnonymousCredentialsProvider.create()
            : StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
        // The bytes are checked against the ETag by the staging; the SDK need not ask for checksums the upstream may not keep.
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(timeout).connectionTimeout(Duration.ofSeconds(5)))
        .overrideConfiguration(o -> o.apiCallTimeout(timeout).retryStrategy(r -> r.maxAttempts(1)))
        .build());
  }

  @Override
  public void close() {
    clients.values().forEach(S3Client::close);
  }
}
