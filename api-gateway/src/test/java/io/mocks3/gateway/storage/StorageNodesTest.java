package io.mocks3.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mocks3.kafkaconfig.retry.Retries;
import io.mocks3.kafkaconfig.retry.RetryProperties;
import io.mocks3.kafkaconfig.retry.RetrySettings;
import io.mocks3.schemas.BlobId;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reads fail over to a node that serves, and a failing node's breaker opens so reads stop waiting on it. */
class StorageNodesTest {
  private final AtomicInteger badCalls = new AtomicInteger();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  /** The gateway's application.yaml policy. */
  private final Retries retries = new Retries(new RetryProperties(Map.of("blob-read",
      new RetrySettings(7, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1)))), meters);
  private HttpServer bad;
  private HttpServer good;

  private static HttpServer server(int status, AtomicInteger calls) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext("/blobs/", exchange -> {
      if (calls != null) {
        calls.incrementAndGet();
      }
      byte[] body = "bytes".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
      if (status == 200) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    s.start();
    return s;
  }

  @AfterEach
  void stop() {
    if (bad != null) {
      bad.stop(0);
    }
    if (good != null) {
      good.stop(0);
    }
  }

  /** A node that does not have the blob for its first {@code misses} reads, then serves it. */
  private static HttpServer storingLate(int misses, AtomicInteger calls) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext("/blobs/", exchange -> {
      byte[] body = "bytes".getBytes(StandardCharsets.UTF_8);
      boolean stored = calls.incrementAndGet() > misses;
      exchange.sendResponseHeaders(stored ? 200 : 404, stored ? body.length : -1);
      if (stored) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    s.start();
    return s;
  }

  @Test
  void aBlobNoNodeHasYetIsWaitedForUntilANodeStoresIt() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    good = storingLate(3, calls);
    StorageNodes nodes = new StorageNodes(List.of(URI.create("http://127.0.0.1:" + good.getAddress().getPort())),
        meters, retries);
    try (InputStream in = nodes.open(BlobId.random(), 0, 5)) {
      assertThat(in.readAllBytes()).asString().isEqualTo("bytes");
    }
    assertThat(calls.get()).isEqualTo(4);
    assertThat(meters.get("retry.attempts").tag("task", "blob-read").counter().count()).isEqualTo(3);
  }

  @Test
  void aBlobNoNodeEverStoresIsUnavailableAfterTheWait() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    good = storingLate(Integer.MAX_VALUE, calls);
    StorageNodes nodes = new StorageNodes(List.of(URI.create("http://127.0.0.1:" + good.getAddress().getPort())),
        meters, retries);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> nodes.open(BlobId.random(), 0, 5))
        .isInstanceOf(StorageNodes.BlobUnavailableException.class).hasMessageContaining("answered 404");
    assertThat(calls.get()).as("the first read and 6 retries").isEqualTo(7);
  }

  @Test
  void aBlobItsOtherHolderDoesNotHaveYetIsWaitedForWhileOneHolderIsDown() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    bad = server(503, badCalls);
    good = storingLate(2, calls);
    StorageNodes nodes = new StorageNodes(List.of(URI.create("http://127.0.0.1:" + bad.getAddress().getPort()),
        URI.create("http://127.0.0.1:" + good.getAddress().getPort())), meters, retries);
    try (InputStream in = nodes.open(BlobId.random(), 0, 5)) {
      assertThat(in.readAllBytes()).asString().isEqualTo("bytes");
    }
    assertThat(calls.get()).as("two 'not yet', then served").isEqualTo(3);
  }

  @Test
  void aBlobWhoseHoldersAreAllDownIsUnavailableAtOnce() throws Exception {
    bad = server(503, badCalls);
    StorageNodes nodes = new StorageNodes(List.of(URI.create("http://127.0.0.1:" + bad.getAddress().getPort())), meters, retries);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> nodes.open(BlobId.random(), 0, 5))
        .isInstanceOf(StorageNodes.BlobUnavailableException.class).hasMessageContaining("answered 503");
    assertThat(badCalls.get()).as("no retry: nothing says the blob is coming").isEqualTo(1);
  }

  @Test
  void aFailingNodesBreakerOpensAndReadsGoOnFromThePeer() throws Exception {
    bad = server(503, badCalls);
    good = server(200, null);
    StorageNodes nodes = new StorageNodes(List.of(URI.create("http://127.0.0.1:" + bad.getAddress().getPort()),
        URI.create("http://127.0.0.1:" + good.getAddress().getPort())), meters, retries);
    for (int i = 0; i < 60; i++) {
      try (InputStream in = nodes.open(BlobId.random(), 0, 5)) {
        assertThat(in.readAllBytes()).asString().isEqualTo("bytes");
      }
    }
    String badName = "127.0.0.1:" + bad.getAddress().getPort();
    assertThat(nodes.breakerStates()).containsEntry(badName, "OPEN");
    // Once open (after 10 calls at most, all failures), the failing node is not asked again within its 5 s.
    assertThat(badCalls.get()).isBetween(10, 12);
    assertThat(meters.get("circuit.breaker.open").tag("name", badName).counter().count()).isEqualTo(1);
  }

  /**
   * A blob read to its end gives its connection back for the next read; one the S3 client stopped
   * reading midway is dropped, without waiting for the rest of the blob (which here never comes).
   */
  @Test
  void aBlobReadToItsEndReusesItsConnection_OneClosedMidwayIsDroppedWithoutReadingTheRest() throws Exception {
    Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    CountDownLatch done = new CountDownLatch(1);
    good = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    good.setExecutor(Executors.newCachedThreadPool());
    good.createContext("/blobs/", exchange -> {
      clientPorts.add(exchange.getRemoteAddress().getPort());
      if (exchange.getRequestURI().getQuery().endsWith("&length=5")) {
        byte[] body = "bytes".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
        return;
      }
      // A large blob whose first 64 KiB come at once and the rest never (until the test ends).
      exchange.sendResponseHeaders(200, 64L << 20);
      exchange.getResponseBody().write(new byte[64 << 10]);
      exchange.getResponseBody().flush();
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    good.start();
    try {
      StorageNodes nodes = new StorageNodes(List.of(URI.create("http://127.0.0.1:" + good.getAddress().getPort())), meters, retries);
      for (int i = 0; i < 5; i++) {
        try (InputStream in = nodes.open(BlobId.random(), 0, 5)) {
          assertThat(in.readAllBytes()).asString().isEqualTo("bytes");
        }
      }
      assertThat(clientPorts).as("five whole reads, one connection").hasSize(1);

      InputStream large = nodes.open(BlobId.random(), 0, 64L << 20);
      assertThat(large.readNBytes(1000)).hasSize(1000);
      assertTimeoutPreemptively(Duration.ofSeconds(5), large::close,
          "closing a read midway must not wait for the rest of the blob");
      try (InputStream in = nodes.open(BlobId.random(), 0, 5)) {
        assertThat(in.readAllBytes()).asString().isEqualTo("bytes");
      }
      // The large read took the pooled connection and dropped it: the next read needed a new one.
      assertThat(clientPorts).as("connections opened").hasSize(2);
    } finally {
      done.countDown();
    }
  }
}
