package io.mocks3.ops.bench;

import tools.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.core.JacksonException;

/**
 * Fault rules that every request is checked against and none matches (each names a bucket the
 * benchmark never uses), held by the MockS3 fault controller while a target runs: what the agent's
 * rule matching costs when users have many rules installed.
 */
final class InactiveRules implements AutoCloseable {
  /** The bench's one mapper: Jackson 2's defaults, as the plain ObjectMapper it replaces (Bench writes its report with it). */
  static final JsonMapper JSON = JsonMapper.builderWithJackson2Defaults().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI controller;
  private final URI gateway;
  private final List<String> ids = new ArrayList<>();

  private InactiveRules(URI controller, URI gateway) {
    this.controller = controller;
    this.gateway = gateway;
  }

  /** Installs {@code count} rules and returns once the gateway's agent has read them. */
  static InactiveRules install(URI controller, URI gateway, int count) {
    InactiveRules rules = new InactiveRules(controller, gateway);
    for (int i = 0; i < count; i++) {
      Map<String, Object> rule = Map.of(
          "name", "bench-inactive-" + i,
          "description", "matches no request of the benchmark",
          "service", "gateway",
          "enabled", true,
          "scenario", "bench-inactive",
          "conditions", List.of(Map.of("type", "bucket", "value", "bench-never-" + i),
              Map.of("type", "probability", "value", 1.0)),
          "action", Map.of("type", "http_error", "http_code", 500, "message", "never sent"));
      rules.ids.add(rules.call("POST", "/api/v1/rules", rule).path("id").asString());
    }
    rules.awaitInForce();
    return rules;
  }

  @Override
  public void close() {
    for (String id : ids) {
      call("DELETE", "/api/v1/rules/" + id, null);
    }
    awaitInForce();
  }

  /** Waits until the gateway's agent has read every change the controller has confirmed. */
  private void awaitInForce() {
    long written = call("GET", "/api/v1/rules", null).path("position").asLong();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (agentPosition() < written) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the gateway's fault agent did not read the rules within 10 s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private long agentPosition() {
    JsonNode position = send(HttpRequest.newBuilder(gateway.resolve("/health")).build()).findValue("position");
    return position == null ? -1 : position.asLong();
  }

  private JsonNode call(String method, String path, Object body) {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    HttpRequest.Builder request = HttpRequest.newBuilder(controller.resolve(path)).method(method, publisher)
        .header("Content-Type", "application/json");
    String token = System.getenv("MOCKS3_CONTROL_TOKEN"); // a guarded control plane needs it
    return send(token == null || token.isBlank() ? request.build() : request.header("Authorization", "Bearer " + token).build());
  }

  private static JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException | JacksonException e) {
      throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
