package io.mocks3.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A control plane on a local port that answers canned JSON per "METHOD path" and remembers every request. */
final class FakeControlPlane implements AutoCloseable {
  record Request(String method, String path, String body, String authorization) {}

  record Answer(int status, String body) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final HttpServer server;

  FakeControlPlane() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers {@code "GET /api/v1/rules"} (path with its query) with this status and body. */
  FakeControlPlane answer(String request, int status, String body) {
    answers.put(request, new Answer(status, body));
    return this;
  }

  Request last() {
    return requests.get(requests.size() - 1);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String target = exchange.getRequestURI().toString();
    requests.add(new Request(exchange.getRequestMethod(), target, body, exchange.getRequestHeaders().getFirst("Authorization")));
    Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + target, new Answer(404, "{\"error\":\"not faked\"}"));
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
