package io.mocks3.tasks.origin;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.readmodel.BucketRepository;
import io.mocks3.readmodel.ObjectRepository;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.origin.OriginConfiguration;
import java.io.IOException;
import java.time.Duration;
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
import software.amazon.awssdk.core.exception.SdkException;
import tools.jackson.core.JacksonException;

/**
 * Origin back-fill: fetches a key a bucket misses from the bucket's upstream S3 endpoint and stores
 * it through the gateway. This class decides whether and when to fetch; the pieces do the work:
 * {@link UpstreamGuards} (per endpoint, a rate limit: the origin's {@code requestsPerSecond} or
 * {@code mocks3.origin.requests-per-second}, a fetch that cannot get a permit in time is THROTTLED;
 * and a circuit breaker: CIRCUIT_OPEN), {@link UpstreamReader} (the upstream call and the
 * {@code origin} fault point), {@link StagedObject} (the bytes staged and checked against the
 * announced length and the ETag's MD5: dirty data is never stored) and {@link GatewayStore} (the
 * conditional PUT through the gateway). Concurrent fetches of one key share one upstream call.
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
  private final UpstreamGuards guards;
  private final UpstreamReader upstream;
  private final GatewayStore gateway;
  private final Map<String, CompletableFuture<Result>> inFlight = new ConcurrentHashMap<>();

  OriginFetcher(JdbcTemplate jdbc, OriginProperties props, MeterRegistry meters, ObjectProvider<FaultAgent> faults) {
    this.buckets = new BucketRepository(JdbcClient.create(jdbc));
    this.objects = new ObjectRepository(JdbcClient.create(jdbc));
    this.props = props;
    this.meters = meters;
    for (Outcome outcome : Outcome.values()) {
      meters.counter("origin.fetches", "outcome", outcome.name().toLowerCase(Locale.ROOT));
    }
    this.guards = new UpstreamGuards(props, meters);
    this.upstream = new UpstreamReader(faults.getIfAvailable(), props.timeout());
    this.gateway = new GatewayStore(props.gatewayUrl(), props.timeout());
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
    if (objects.exists(bucket, key)) {
      return new Result(Outcome.STORED, "already stored");
    }
    OriginConfiguration config = origin.get();
    int rate = config.requestsPerSecond() != null ? config.requestsPerSecond() : props.requestsPerSecond();
    if (!guards.limiter(config.endpoint(), rate).acquirePermission()) {
      return counted(new Result(Outcome.THROTTLED, "more than " + rate + " fetches a second to " + config.endpoint()), 0);
    }
    CircuitBreaker breaker = guards.breaker(config.endpoint());
    if (!breaker.tryAcquirePermission()) {
      return counted(new Result(Outcome.CIRCUIT_OPEN, "the circuit to " + config.endpoint() + " is open after "
          + breaker.getMetrics().getNumberOfFailedCalls() + " failed calls"), 0);
    }
    return fetchAndStore(config, bucket, key, breaker);
  }

  /** The upstream call (its outcome counted by the circuit), then the store through the gateway. */
  private Result fetchAndStore(OriginConfiguration config, String bucket, String key, CircuitBreaker breaker) {
    long started = System.nanoTime();
    try (StagedObject staged = new StagedObject()) {
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
      gateway.store(bucket, key, staged.file(), fetched);
      meters.counter("origin.bytes").increment(fetched.size());
      log.info("back-filled {}/{} ({} bytes) from {}/{}", bucket, key, fetched.size(), config.endpoint(), config.bucket());
      return counted(new Result(Outcome.STORED, "stored " + fetched.size() + " bytes"), started);
    } catch (UpstreamFailure | IOException | SdkException e) {
      if (e instanceof StagedObject.DirtyData) {
        meters.counter("origin.dirty").increment();
      }
      log.warn("origin fetch of {}/{} from {} failed: {}", bucket, key, config.endpoint(), e.getMessage());
      return counted(new Result(Outcome.FAILED, e.getMessage()), started);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return counted(new Result(Outcome.FAILED, "interrupted"), started);
    }
  }

  /** Stages the upstream object, checked; null when the upstream has no such key. */
  private Fetched download(OriginConfiguration config, String bucket, String key, StagedObject staged)
      throws IOException, UpstreamFailure {
    UpstreamReader.Opened opened = upstream.open(config, bucket, key);
    if (opened == null) {
      return null;
    }
    return staged.stage(opened.body(), opened.body().response(), opened.bodyFault());
  }

  private Optional<OriginConfiguration> configuration(String bucket) {
    return buckets.config(bucket, OriginConfiguration.KIND).map(json -> {
      try {
        return Json.mapper().readValue(json, OriginConfiguration.class).resolved(bucket);
      } catch (JacksonException e) {
        throw new IllegalStateException("the origin configuration of " + bucket + " does not read", e);
      }
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

  @Override
  public void destroy() {
    upstream.close();
  }
}
