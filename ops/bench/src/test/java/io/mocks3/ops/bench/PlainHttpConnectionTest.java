package io.mocks3.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wrk-like client against a small in-process S3 stand-in: what it sends, how it reads every kind of answer. */
class PlainHttpConnectionTest {
  private HttpServer server;
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger connectionsClosed = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/bucket", this::serve);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query)
        + " consistency=" + exchange.getRequestHeaders().getFirst("x-mocks3-consistency")
        + " auth=" + exchange.getRequestHeaders().getFirst("Authorization"));
    String key = path.length() > "/bucket/".length() ? path.substring("/bucket/".length()) : "";
    switch (exchange.getRequestMethod()) {
      case "PUT" -> {
        objects.put(key, exchange.getRequestBody().readAllBytes());
        if (key.startsWith("closing/")) {
          exchange.getResponseHeaders().add("Connection", "close");
          connectionsClosed.incrementAndGet();
        }
        exchange.sendResponseHeaders(200, -1);
      }
      case "GET" -> {
        byte[] body = key.isEmpty() ? ("<ListBucketResult><KeyCount>" + objects.size() + "</KeyCount></ListBucketResult>")
            .getBytes(StandardCharsets.UTF_8) : objects.get(key);
        if (body == null) {
          answerError(exchange);
          return;
        }
        exchange.sendResponseHeaders(200, key.isEmpty() ? 0 : body.length); // a listing goes chunked
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      case "HEAD" -> exchange.sendResponseHeaders(objects.containsKey(key) ? 200 : 404, -1);
      default -> answerError(exchange);
    }
    exchange.close();
  }

  private static void answerError(HttpExchange exchange) throws IOException {
    byte[] body = "<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(404, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private PlainHttpConnection connection() {
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new PlainHttpConnection(endpoint, "bucket", Map.of("x-mocks3-consistency", "eventual"));
  }

  @Test
  void sendsUnsignedPathStyleRequestsWithTheTargetsHeadersAndReadsEveryAnswer() {
    byte[] payload = "0123456789".getBytes(StandardCharsets.UTF_8);
    try (PlainHttpConnection s3 = connection()) {
      s3.put("a/1", new ObjectBody(new byte[] {'h'}, payload, 25));
      assertThat(objects.get("a/1")).hasSize(25).startsWith('h', '1', '2');
      assertThat(s3.get("a/1")).isEqualTo(25);
      assertThat(s3.exists("a/1")).isTrue();
      assertThat(s3.exists("a/2")).isFalse();
      assertThat(s3.list("a/", "/", 1000)).isEqualTo(1);
      assertThatThrownBy(() -> s3.get("missing")).isInstanceOf(RequestFailed.class)
          .satisfies(e -> assertThat(((RequestFailed) e).kind()).isEqualTo("404 NoSuchKey"));
    }
    assertThat(requests).containsExactly(
        "PUT /bucket/a/1 consistency=eventual auth=null",
        "GET /bucket/a/1 consistency=eventual auth=null",
        "HEAD /bucket/a/1 consistency=eventual auth=null",
        "HEAD /bucket/a/2 consistency=eventual auth=null",
        "GET /bucket?list-type=2&max-keys=1000&prefix=a%2F&delimiter=%2F consistency=eventual auth=null",
        "GET /bucket/missing consistency=eventual auth=null");
  }

  @Test
  void reconnectsWhenTheServerClosesTheConnection() {
    byte[] payload = new byte[100];
    try (PlainHttpConnection s3 = connection()) {
      for (int i = 0; i < 3; i++) {
        s3.put("closing/" + i, new ObjectBody(new byte[0], payload, 100));
      }
      assertThat(s3.get("closing/2")).isEqualTo(100);
    }
    assertThat(connectionsClosed).hasValue(3);
    assertThat(objects).containsOnlyKeys("closing/0", "closing/1", "closing/2");
  }
}
