package io.mocks3.tasks.origin;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mocks3.faults.agent.BodyFault;
import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.FaultTarget;
import io.mocks3.readmodel.BucketRepository;
import io.mocks3.readmodel.ObjectRepository;
import io.mocks3.faults.agent.InjectedFault;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.origin.OriginConfiguration;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Origin back-fill: fetches a key a bucket misses from the bucket's upstream S3 endpoint and stores
 * it through the gateway's ordinary PUT, so it is replicated, projected and notified like any
 * write. Per upstream endpoint, fetches are rate-limited (the origin's {@code requestsPerSecond} or
 * {@code mocks3.origin.requests-per-second}; a fetch that cannot get a permit in time is THROTTLED) and circuit-broken (an upstream that keeps failing is not called while the circuit
 * is open: CIRCUIT_OPEN). Concurrent fetches of one key share one upstream call.
 *
 * <p>The bytes are checked before anything is stored: the length the upstream announced, and the
 * MD5 its ETag names (a single-part ETag). Dirty data fails the fetch and is never stored. The
 * store is conditional ({@code If-None-Match: *}): an object a client wrote meanwhile wins.
 *
 * <p>Fault point {@code origin}, operation FetchOrigin (bucket and key as in the request): an
 * {@code http_error} is the upstream failing with that status (404 is the upstream not having the
 * key), {@code delay} / {@code hang} a slow upstream, {@code throttle} / {@code truncate} /
 * {@code corrupt} a slow, cut or dirty body.
 */
@Component
public class OriginFetcher implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(OriginFetcher.class);

  /** What a fetch came to. */
  public enum Outcome { STORED, NOT_FOUND, THROTTLED, CIRCUIT_OPEN, FAILED }

  public record Result(Outcome outcome, String message) {}

  private final BucketRepository buckets;
  private final ObjectRepository objects;
  private final OriginProperties props;
  private final MeterRegistry meters;
  private final FaultAgent faults;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
  private final Map<OriginConfiguration, S3Client> clients = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Result>> inFlight = new ConcurrentHashMap<>();
  private final HttpClient gateway = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .version(HttpClient.Version.HTTP_1_1).build();

  OriginFetcher(JdbcTemplate jdbc, OriginProperties props, MeterRegistry meters, ObjectProvider<FaultAgent> faults) {
    this.buckets = new BucketRepository(JdbcClient.create(jdbc));
    this.objects = new ObjectRepository(JdbcClient.create(jdbc));
    this.props = props;
    this.meters = meters;
    this.faults = faults.getIfAvailable();
    for (Outcome outcome : Outcome.values()) {
      meters.counter("origin.fetches", "outcome", outcome.name().toLowerCase(Locale.ROOT));
    }
    meters.gauge("origin.circuits.open", breakers,
        all -> all.values().stream().filter(b -> b.getState() == CircuitBreaker.State.OPEN).count());
  }

  /** Fetches {@code bucket/key} from the bucket's origin and stores it, or says why not. */
  public Result fetch(String bucket, String key) {
    CompletableFuture<Result> mine = new CompletableFuture<>();
    CompletableFuture<Result> running = inFlight.putIfAbsent(bucket + "/" + key, mine);
    if (running != null) {
      return running.join();
    }
    try {
      Result result = fetchOnce(bucket, key);
      mine.complete(result);
      return result;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(bucket + "/" + key, mine);
    }
  }

  private Result fetchOnce(String bucket, String key) {
    Optional<OriginConfiguration> origin = configuration(bucket);
    if (origin.isEmpty()) {
      return new Result(Outcome.NOT_FOUND, "bucket " + bucket + " has no origin");
    }
    if (stored(bucket, key)) {
      return new Result(Outcome.STORED, "already stored");
    }
    OriginConfiguration config = origin.get();
    int rate = config.requestsPerSecond() != null ? config.requestsPerSecond() : props.requestsPerSecond();
    if (!limiter(config.endpoint(), rate).acquirePermission()) {
      return counted(new Result(Outcome.THROTTLED, "more than " + rate + " fetches a second to " + config.endpoint()), 0);
    }
    CircuitBreaker breaker = breaker(config.endpoint());
    if (!breaker.tryAcquirePermission()) {
      return counted(new Result(Outcome.CIRCUIT_OPEN, "the circuit to " + config.endpoint() + " is open after "
          + breaker.getMetrics().getNumberOfFailedCalls() + " failed calls"), 0);
    }
    long started = System.nanoTime();
    Path staged = null;
    try {
      staged = Files.createTempFile("origin-", ".part");
      Fetched fetched;
      try {
        fetched = download(config, bucket, key, staged);
      } catch (UpstreamFailure | IOException | RuntimeException e) {
        breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
        throw e;
      }
      breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      if (fetched == null) {
        return counted(new Result(Outcome.NOT_FOUND, config.endpoint() + "/" + config.bucket() + " has no " + key), started);
      }
      store(bucket, key, staged, fetched);
      meters.counter("origin.bytes").increment(fetched.size());
      log.info("back-filled {}/{} ({} bytes) from {}/{}", bucket, key, fetched.size(), config.endpoint(), config.bucket());
      return counted(new Result(Outcome.STORED, "stored " + fetched.size() + " bytes"), started);
    } catch (UpstreamFailure | IOException | SdkException e) {
      log.warn("origin fetch of {}/{} from {} failed: {}", bucket, key, config.endpoint(), e.getMessage());
      return counted(new Result(Outcome.FAILED, e.getMessage()), started);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return counted(new Result(Outcome.FAILED, "interrupted"), started);
    } finally {
      if (staged != null) {
        try {
          Files.deleteIfExists(staged);
        } catch (IOException e) {
          log.warn("could not delete {}: {}", staged, e.getMessage());
        }
      }
    }
  }

  /** What the upstream sent: its length, the bytes' MD5, the headers and user metadata to store with them. */
  private record Fetched(long size, byte[] md5, Map<String, String> headers, Map<String, String> metadata) {}

  /** Streams the upstream object to {@code into}, through any body fault; null when the upstream has no such key. */
  private Fetched download(OriginConfiguration config, String bucket, String key, Path into)
      throws IOException, UpstreamFailure {
    Injection injection = injected(bucket, key);
    if (injection.notFound()) {
      return null;
    }
    ResponseInputStream<GetObjectResponse> in;
    try {
      in = client(config).getObject(b -> b.bucket(config.bucket()).key(key));
    } catch (NoSuchKeyException e) {
      return null;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return null;
      }
      throw new UpstreamFailure("the upstream answered " + e.statusCode() + " "
          + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode()));
    }
    GetObjectResponse response = in.response();
    MessageDigest md5 = md5();
    long copied;
    try (in; OutputStream file = Files.newOutputStream(into);
        OutputStream out = injection.body() != null
            ? new BodyFault(new DigestOutputStream(file, md5), injection.body(), response::contentLength)
            : new DigestOutputStream(file, md5)) {
      copied = in.transferTo(out);
    }
    if (response.contentLength() != null && copied != response.contentLength()) {
      throw new UpstreamFailure("the upstream sent " + copied + " of " + response.contentLength() + " bytes");
    }
    byte[] digest = md5.digest();
    String etag = response.eTag() == null ? "" : response.eTag().replace("\"", "");
    if (etag.matches("[0-9a-fA-F]{32}") && !etag.equalsIgnoreCase(HexFormat.of().formatHex(digest))) {
      meters.counter("origin.dirty").increment();
      throw new UpstreamFailure("dirty data: the bytes' MD5 " + HexFormat.of().formatHex(digest)
          + " is not the upstream's ETag " + etag + "; nothing stored");
    }
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    put(headers, "Content-Type", response.contentType());
    put(headers, "Cache-Control", response.cacheControl());
    put(headers, "Content-Disposition", response.contentDisposition());
    put(headers, "Content-Encoding", response.contentEncoding());
    put(headers, "Content-Language", response.contentLanguage());
    return new Fetched(copied, digest, headers, response.metadata());
  }

  /** What the origin fault point decided: nothing, the upstream not having the key, or a body action to apply. */
  private record Injection(boolean notFound, Action body) {
    static final Injection NONE = new Injection(false, null);
  }

  /** Applies the origin fault point: a delay or hang happens here, an error is the upstream's. */
  private Injection injected(String bucket, String key) throws UpstreamFailure {
    if (faults == null || !faults.armed()) {
      return Injection.NONE;
    }
    try {
      return faults.apply(new FaultTarget("origin", "origin", "FetchOrigin", bucket, key, null,
          "origin FetchOrigin " + bucket + "/" + key)).map(rule -> new Injection(false, rule.action())).orElse(Injection.NONE);
    } catch (InjectedFault e) {
      if (e.status() == 404) {
        return new Injection(true, null);
      }
      throw new UpstreamFailure("the upstream answered " + e.status() + " " + e.code() + " (injected by rule "
          + e.rule().id() + ")");
    }
  }

  /** Stores the staged bytes through the gateway, unless a client wrote the key meanwhile. */
  private void store(String bucket, String key, Path staged, Fetched fetched) throws IOException, InterruptedException {
    HttpRequest.Builder put = HttpRequest.newBuilder(objectUri(bucket, key))
        .timeout(props.timeout())
        .header("If-None-Match", "*")
        .header("Content-MD5", Base64.getEncoder().encodeToString(fetched.md5()))
        .header("x-mocks3-consistency", "strong");
    fetched.headers().forEach(put::header);
    fetched.metadata().forEach((name, value) -> put.header("x-amz-meta-" + name, value));
    HttpResponse<String> response = gateway.send(put.PUT(HttpRequest.BodyPublishers.ofFile(staged)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 && response.statusCode() != 412) {
      throw new IOException("the gateway answered " + response.statusCode() + " to the back-fill PUT: " + response.body());
    }
  }

  private URI objectUri(String bucket, String key) {
    String path = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    return URI.create(props.gatewayUrl().toString().replaceAll("/+$", "") + "/" + bucket + "/" + path);
  }

  private Optional<OriginConfiguration> configuration(String bucket) {
    return buckets.config(bucket, OriginConfiguration.KIND).map(json -> {
          try {
            return Json.mapper().readValue(json, OriginConfiguration.class).resolved(bucket);
          } catch (IOException e) {
            throw new IllegalStateException("the origin configuration of " + bucket + " does not read", e);
          }
        });
  }

  private boolean stored(String bucket, String key) {
    return objects.exists(bucket, key);
  }

  private S3Client client(OriginConfiguration config) {
    return clients.computeIfAbsent(config, c -> S3Client.builder()
        .endpointOverride(URI.create(c.endpoint()))
        .region(Region.of(c.region()))
        .forcePathStyle(c.pathStyle())
        .credentialsProvider(c.accessKeyId() == null ? AnonymousCredentialsProvider.create()
            : StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
        // The bytes are checked against the ETag here; the SDK need not ask for checksums the upstream may not keep.
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(props.timeout()).connectionTimeout(Duration.ofSeconds(5)))
        .overrideConfiguration(o -> o.apiCallTimeout(props.timeout()).retryStrategy(r -> r.maxAttempts(1)))
        .build());
  }

  /** One limiter per upstream endpoint and rate (buckets naming one upstream share its allowance). */
  private RateLimiter limiter(String endpoint, int rate) {
    return limiters.computeIfAbsent(endpoint + " " + rate, e -> RateLimiter.of("origin " + e, RateLimiterConfig.custom()
        .limitForPeriod(rate)
        .limitRefreshPeriod(Duration.ofSeconds(1))
        .timeoutDuration(props.throttleWait())
        .build()));
  }

  private CircuitBreaker breaker(String endpoint) {
    return breakers.computeIfAbsent(endpoint, e -> {
      OriginProperties.Breaker b = props.breaker();
      CircuitBreaker breaker = CircuitBreaker.of("origin " + e, CircuitBreakerConfig.custom()
          .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
          .slidingWindowSize(b.window())
          .minimumNumberOfCalls(b.minimumCalls())
          .failureRateThreshold(b.failureRate())
          .waitDurationInOpenState(b.openFor())
          .permittedNumberOfCallsInHalfOpenState(1)
          .automaticTransitionFromOpenToHalfOpenEnabled(true)
          .build());
      breaker.getEventPublisher().onStateTransition(t -> log.warn("origin {}: circuit {}", e, t.getStateTransition()));
      meters.gauge("origin.circuit.open", io.micrometer.core.instrument.Tags.of("endpoint", e), breaker,
          cb -> cb.getState() == CircuitBreaker.State.OPEN ? 1 : 0);
      return breaker;
    });
  }

  private Result counted(Result result, long started) {
    String outcome = result.outcome().name().toLowerCase(Locale.ROOT);
    meters.counter("origin.fetches", "outcome", outcome).increment();
    if (started != 0) {
      Timer.builder("origin.fetch.duration").tag("outcome", outcome).register(meters)
          .record(Duration.ofNanos(System.nanoTime() - started));
    }
    return result;
  }

  private static void put(Map<String, String> headers, String name, String value) {
    if (value != null && !value.isBlank()) {
      headers.put(name, value);
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void destroy() {
    clients.values().forEach(S3Client::close);
  }

  /** The upstream failed the fetch (an error status, a cut or dirty body): counts against its circuit. */
  static final class UpstreamFailure extends Exception {
    UpstreamFailure(String message) {
      super(message);
    }
  }
}
