package io.mocks3.gateway.origin;

import io.micrometer.core.instrument.MeterRegistry;
import io.mocks3.gateway.core.Origin;
import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.schemas.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The gateway's side of origin back-fill: asks the task workers' origin fetcher
 * ({@code POST /origin/fetch}), which throttles and circuit-breaks the calls to each upstream,
 * checks the bytes and stores them through this gateway's own PUT path. 200 is stored, 404 is
 * not at the origin, 429 throttled (SlowDown), anything else the origin unavailable.
 */
public final class OriginClient implements Origin {
  private static final Logger log = LoggerFactory.getLogger(OriginClient.class);
  private final URI fetcher;
  private final Duration timeout;
  private final MeterRegistry meters;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .version(HttpClient.Version.HTTP_1_1).build();

  public OriginClient(URI taskWorkers, Duration timeout, MeterRegistry meters) {
    this.fetcher = taskWorkers.resolve("/origin/fetch");
    this.timeout = timeout;
    this.meters = meters;
  }

  @Override
  public Outcome backfill(String bucket, String key) {
    HttpResponse<String> response;
    try {
      byte[] body = Json.mapper().writeValueAsBytes(Map.of("bucket", bucket, "key", key));
      response = http.send(HttpRequest.newBuilder(fetcher).timeout(timeout).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      count("unavailable");
      log.warn("origin back-fill of {}/{}: the task workers did not answer: {}", bucket, key, e.toString());
      throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The origin fetcher is unavailable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while fetching from the origin");
    }
    return switch (response.statusCode()) {
      case 200 -> count("stored", Outcome.STORED);
      case 404 -> count("not_found", Outcome.NOT_FOUND);
      case 429 -> {
        count("throttled");
        throw new S3Exception(S3ErrorCode.SLOW_DOWN, "Origin fetches are throttled: " + reason(response));
      }
      default -> {
        count("unavailable");
        throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The origin is unavailable: " + reason(response));
      }
    };
  }

  private static String reason(HttpResponse<String> response) {
    try {
      return Json.mapper().readTree(response.body()).path("message").asString(response.body());
    } catch (JacksonException e) {
      return response.statusCode() + " " + response.body();
    }
  }

  private Outcome count(String outcome, Outcome result) {
    count(outcome);
    return result;
  }

  private void count(String outcome) {
    meters.counter("origin.backfills", "outcome", outcome).increment();
  }
}
