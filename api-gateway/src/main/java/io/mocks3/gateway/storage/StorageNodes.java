package io.mocks3.gateway.storage;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.mocks3.schemas.BlobId;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import io.mocks3.kafkaconfig.retry.Retries;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import java.util.List;

/**
 * Reads blob bytes from the storage nodes over HTTP: first from the nodes the blob is placed on
 * ({@link StorageMembers#readOrder}), then from the others, since a blob stays on a former holder
 * until its new holders have it; a node that does not have it (404) or does not answer is skipped.
 *
 * <p>Each node has a circuit breaker (Resilience4j): when half of its last 20 reads failed (an
 * I/O error or a 5xx; a 404 is an answer, not a failure), reads stop trying it for 5 s, then probe
 * it with 3 reads before trusting it again. A node whose breaker is open is still tried when no
 * other node could serve. Openings are counted in {@code circuit_breaker_open_total{name}}.
 *
 * <p>Every GET of an object reads here, so the client is the one that costs a read least: Apache
 * HttpClient's classic client, which does a read's I/O on the reading thread from a pool of
 * keep-alive connections. The JDK's {@code HttpClient} hands each exchange to its selector thread
 * and the body to a worker: a 4 KiB blob through the node's network link took 0.37 ms with it,
 * 0.19 ms with this one (p50, one reader, 5,000 reads; README "Benchmarks").
 */
public final class StorageNodes {
  private static final Logger log = LoggerFactory.getLogger(StorageNodes.class);
  private final StorageMembers members;
  private final Map<URI, CircuitBreaker> breakers = new LinkedHashMap<>();
  private final CloseableHttpClient http;
  /**
   * The projector can make an object visible before any node has stored its bytes (they travel on
   * their own log): a read that finds no node holding the blob yet waits for them (policy
   * {@code mocks3.retries.blob-read}: 7 attempts, 50 ms doubling up to 1 s, about 2.5 s in all)
   * rather than failing a read that S3 would serve.
   */
  private final RetryTemplate notYetStored;

  /** Nodes that each hold every blob (no placement). */
  public StorageNodes(List<URI> nodes, MeterRegistry meters, Retries retries) {
    this(new StorageMembers(nodes, List.of(), 0), meters, retries);
  }

  public StorageNodes(StorageMembers members, MeterRegistry meters, Retries retries) {
    this.members = members;
    this.notYetStored = retries.template("blob-read", NotYetStored.class);
    this.http = blobClient();
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(20)
        .minimumNumberOfCalls(10)
        .failureRateThreshold(50)
        .waitDurationInOpenState(Duration.ofSeconds(5))
        .permittedNumberOfCallsInHalfOpenState(3)
        .build();
    for (URI node : members.urls()) {
      String name = node.getHost() + ":" + node.getPort();
      CircuitBreaker breaker = CircuitBreaker.of(name, config);
      Counter opened = Counter.builder("circuit.breaker.open").description("times a circuit breaker opened")
          .tag("name", name).register(meters);
      breaker.getEventPublisher().onStateTransition(e -> {
        log.warn("storage node {}: circuit breaker {}", name, e.getStateTransition());
        if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
          opened.increment();
        }
      });
      breakers.put(node, breaker);
    }
  }

  /**
   * Opens {@code length} bytes of {@code blob} from {@code offset}, from the first node that has
   * them, holders first; nodes whose breaker is open come last. When every holder answers that it
   * does not have the blob yet, the read waits for it (policy {@code blob-read}); so it does when
   * the other holders are down (a blob written with a write quorum below its replication factor may
   * be on the down holder only, for now).
   */
  public InputStream open(BlobId blob, long offset, long length) throws BlobUnavailableException {
    try {
      return notYetStored.execute(() -> openOnce(blob, offset, length));
    } catch (RetryException e) {
      if (e.getCause() instanceof BlobUnavailableException unavailable) {
        throw unavailable;
      }
      throw new BlobUnavailableException("reading blob " + blob + " failed: " + e.getCause());
    }
  }

  private InputStream openOnce(BlobId blob, long offset, long length) throws BlobUnavailableException {
    List<URI> order = new ArrayList<>();
    List<URI> shunned = new ArrayList<>();
    for (URI node : members.readOrder(blob)) {
      (breakers.get(node).tryAcquirePermission() ? order : shunned).add(node);
    }
    Attempts attempts = new Attempts();
    for (URI node : order) {
      InputStream body = read(node, blob, offset, length, attempts, true);
      if (body != null) {
        return body;
      }
    }
    for (URI node : shunned) {
      InputStream body = read(node, blob, offset, length, attempts, false);
      if (body != null) {
        return body;
      }
    }
    String reason = "no storage node serves blob " + blob + ": " + attempts.failures;
    // A holder that is down cannot say; one that answered "not yet" will have it once it catches up.
    boolean notYet = attempts.holdersNotFound > 0 && attempts.holdersNotFound + attempts.holdersDown == members.copies();
    throw notYet ? new NotYetStored(reason) : new BlobUnavailableException(reason);
  }

  /**
   * Connections to the nodes (through their network links), kept alive and reused: as many at once
   * as the gateway has requests reading (up to 512 a node). Connecting gives up after 1 s, a read
   * that gets no byte for 30 s fails; nothing is retried or followed here (the breakers and
   * {@code blob-read} decide), and the bytes are taken as sent (no content decoding).
   */
  private static CloseableHttpClient blobClient() {
    ConnectionConfig connection = ConnectionConfig.custom()
        .setConnectTimeout(Timeout.ofSeconds(1))
        .setSocketTimeout(Timeout.ofSeconds(30))
        // A connection idle for a second is checked before reuse: a link's blackhole resets the connections it cut.
        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
        .build();
    return HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(512).setMaxConnTotal(2048).setDefaultConnectionConfig(connection).build())
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30)).build())
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableContentCompression()
        .disableCookieManagement()
        .disableAuthCaching()
        .build();
  }

  /** One read from one node; null (with the reason appended) when it did not serve the blob. */
  private InputStream read(URI node, BlobId blob, long offset, long length, Attempts attempts, boolean permitted)
      throws BlobUnavailableException {
    CircuitBreaker breaker = breakers.get(node);
    URI uri = node.resolve("/blobs/" + blob.value() + "?offset=" + offset + "&length=" + length);
    long start = System.nanoTime();
    try {
      ClassicHttpResponse response = http.executeOpen(null, new HttpGet(uri), null);
      int status = response.getCode();
      if (permitted) {
        if (status >= 500) {
          breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, new IOException(node + " answered " + status));
        } else {
          breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
      }
      if (status == 200 && response.getEntity() != null) {
        return new BlobBody(response.getEntity().getContent());
      }
      EntityUtils.consumeQuietly(response.getEntity());
      response.close();
      attempts.failures.append(node).append(" answered ").append(status).append("; ");
      if (status == 404 && members.holds(node, blob)) {
        attempts.holdersNotFound++;
      } else if (status >= 500 && members.holds(node, blob)) {
        attempts.holdersDown++;
      }
    } catch (IOException e) {
      if (permitted) {
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      }
      attempts.failures.append(node).append(" failed: ").append(e.getMessage()).append("; ");
      if (members.holds(node, blob)) {
        attempts.holdersDown++;
      }
    }
    return null;
  }

  /**
   * A blob's bytes as a node sends them. Read to its end, its connection goes back to the pool;
   * closed before (the S3 client went away mid-object), the connection is dropped rather than
   * drained of the rest of the blob.
   */
  private static final class BlobBody extends FilterInputStream {
    private boolean ended;

    BlobBody(InputStream content) {
      super(content);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      ended |= b < 0;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      ended |= n < 0;
      return n;
    }

    @Override
    public void close() throws IOException {
      if (!ended && in instanceof EofSensorInputStream sensor) {
        sensor.abort();
      } else {
        super.close();
      }
    }
  }

  /** The breaker's state of each node (CLOSED, OPEN, HALF_OPEN), for health and tests. */
  public Map<String, String> breakerStates() {
    Map<String, String> out = new LinkedHashMap<>();
    breakers.values().forEach(b -> out.put(b.getName(), b.getState().name()));
    return out;
  }

  public List<URI> nodes() {
    return members.urls();
  }

  /** No node could serve a blob: missing everywhere, or every node down. */
  public static class BlobUnavailableException extends Exception {
    BlobUnavailableException(String message) {
      super(message);
    }
  }

  /** What the nodes answered to one read. */
  private static final class Attempts {
    final StringBuilder failures = new StringBuilder();
    /** Holders of the blob that answered they do not have it (yet). */
    int holdersNotFound;
    /** Holders of the blob that did not answer, or answered with a server error. */
    int holdersDown;
  }

  /** Every node the blob is placed on answered that it does not have it (yet). */
  static final class NotYetStored extends BlobUnavailableException {
    NotYetStored(String message) {
      super(message);
    }
  }
}
