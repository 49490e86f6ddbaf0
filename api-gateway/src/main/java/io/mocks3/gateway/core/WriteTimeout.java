package io.mocks3.gateway.core;

import io.mocks3.schemas.fault.Durations;
import io.mocks3.schemas.s3.S3ErrorCode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * How long one request's writes wait for their confirmation ({@code x-mocks3-write-timeout}, e.g.
 * {@code 3s}) before answering 503, instead of the gateway's {@code mocks3.write-timeout}: a test that
 * expects a write to time out (its outcome lost, a quorum out of reach) need not wait the whole default.
 * It holds for the request's thread while {@link #during} runs, which is how the gateway serves a request.
 */
public final class WriteTimeout {
  /** Request header that sets the timeout for one request. */
  public static final String HEADER = "x-mocks3-write-timeout";
  /** The longest a request may ask for: an HTTP client gives up long before. */
  static final Duration MAX = Duration.ofMinutes(10);
  private static final ThreadLocal<Duration> REQUESTED = new ThreadLocal<>();

  private WriteTimeout() {}

  /**
   * The timeout the header asks for; empty without the header.
   *
   * @throws S3Exception InvalidArgument naming the header when it is not a duration from 1 ms to 10 minutes
   */
  public static Optional<Duration> parse(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Duration asked;
    try {
      asked = Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw invalid(value);
    }
    if (asked.toMillis() < 1 || asked.compareTo(MAX) > 0) {
      throw invalid(value);
    }
    return Optional.of(asked);
  }

  /** A request being served. */
  @FunctionalInterface
  public interface Served {
    void serve() throws IOException;
  }

  /** Serves {@code request} with its writes waiting {@code timeout} (the gateway's own when empty). */
  public static void during(Optional<Duration> timeout, Served request) throws IOException {
    if (timeout.isEmpty()) {
      request.serve();
      return;
    }
    REQUESTED.set(timeout.get());
    try {
      request.serve();
    } finally {
      REQUESTED.remove();
    }
  }

  /** The current request's timeout, or {@code fallback} when it asked for none. */
  static Duration orElse(Duration fallback) {
    Duration asked = REQUESTED.get();
    return asked == null ? fallback : asked;
  }

  private static S3Exception invalid(String value) {
    return new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
        HEADER + " must be a duration from 1ms to 10m, e.g. 3s, 500ms or PT3S; got \"" + value + "\"");
  }
}
