package io.mocks3.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.MapperFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.DateTimeFeature;

/**
 * The HTTP side of the client: one request, its JSON answer, and an error answer turned into a
 * {@link MockS3ControlException}. Also the wait for a change to be in force at every agent.
 */
final class ControlPlane {
  /**
   * The client's one mapper (Jackson 3): ISO timestamps, unknown fields tolerated, nulls left out, and Jackson 2's
   * defaults where Jackson 3 changed them and the bodies depend on it (declaration order, '/' unescaped, enums by
   * name, lenient primitives): ClientWireTest holds the bytes.
   */
  static final JsonMapper JSON = JsonMapper.builder()
      .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
      .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
      .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
      .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
      .build();
  private static final Duration POLL = Duration.ofMillis(20);

  private final URI base;
  private final List<URI> agents;
  private final boolean everyService;
  private final String token;
  private final Duration requestTimeout;
  private final Duration inForceTimeout;
  private final HttpClient http;

  ControlPlane(MockS3Control.Builder settings) {
    this.base = withoutTrailingSlash(settings.controlPlane);
    this.agents = List.copyOf(settings.agents);
    this.everyService = settings.everyService;
    this.token = settings.token;
    this.requestTimeout = settings.requestTimeout;
    this.inForceTimeout = settings.inForceTimeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  URI base() {
    return base;
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  JsonNode send(String method, String path, Object body) {
    HttpResponse<String> response = exchange(method, path, body);
    String text = response.body();
    if (text == null || text.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(text);
    } catch (JacksonException e) {
      throw new MockS3ControlException(method + " " + path + " answered " + response.statusCode()
          + " with a body that is not JSON: " + abbreviate(text), e);
    }
  }

  /** A change: sends it, then waits (when agents are known) until every agent has read past it. */
  JsonNode change(String method, String path, Object body) {
    JsonNode answer = send(method, path, body);
    awaitInForce();
    return answer;
  }

  String text(String path) {
    return exchange("GET", path, null).body();
  }

  <T> T convert(JsonNode node, Class<T> type) {
    try {
      return JSON.treeToValue(node, type);
    } catch (JacksonException e) {
      throw new MockS3ControlException("unexpected answer from the control plane: " + e.getOriginalMessage(), e);
    }
  }

  <T> List<T> list(JsonNode array, Class<T> type) {
    List<T> out = new ArrayList<>();
    array.forEach(n -> out.add(convert(n, type)));
    return List.copyOf(out);
  }

  /**
   * Waits until every agent's {@code position} (its /health) has reached the controller's: every
   * change the controller confirmed so far is then in force everywhere. Without agents, returns at once.
   */
  void awaitInForce() {
    if (everyService) {
      awaitInForceAtEveryService();
    }
    if (agents.isEmpty()) {
      return;
    }
    long written = get("/api/v1/rules").path("position").asLong();
    long deadline = System.nanoTime() + inForceTimeout.toNanos();
    for (URI agent : agents) {
      long seen;
      while ((seen = agentPosition(agent)) < written) {
        if (System.nanoTime() > deadline) {
          throw new MockS3ControlException("a change is not in force at " + agent + " after " + inForceTimeout
              + ": its position is " + seen + ", the controller's " + written);
        }
        pause();
      }
    }
  }

  /**
   * Waits until every service the control plane watches ({@code GET /api/v1/services}), whatever the
   * topology, reports an agent position at or past the controller's. A service it cannot reach is not
   * waited for: a service reads every rule in force when it starts.
   */
  private void awaitInForceAtEveryService() {
    long deadline = System.nanoTime() + inForceTimeout.toNanos();
    while (true) {
      JsonNode answer = get("/api/v1/services");
      long written = answer.path("controller_position").asLong();
      List<String> behind = new ArrayList<>();
      for (JsonNode service : answer.path("services")) {
        boolean reachable = !service.path("status").asString("").equals("UNREACHABLE");
        if (reachable && service.has("agent_position") && service.path("agent_position").asLong() < written) {
          behind.add(service.path("name").asString() + " at " + service.path("agent_position").asLong());
        }
      }
      if (behind.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new MockS3ControlException("a change is not in force after " + inForceTimeout + " at " + behind
            + "; the controller's position is " + written);
      }
      pause();
    }
  }

  private long agentPosition(URI agent) {
    try {
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(agent.resolve("/health")).timeout(requestTimeout).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode position = JSON.readTree(health.body()).findValue("position");
      return position == null ? -1 : position.asLong();
    } catch (IOException | JacksonException e) {
      return -1; // not up (yet): keep waiting until the deadline
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MockS3ControlException("interrupted while waiting for " + agent, e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis()); // polling a remote position: there is nothing to be notified by
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MockS3ControlException("interrupted while waiting for a change to be in force", e);
    }
  }

  private HttpResponse<String> exchange(String method, String path, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout)
        .header("Accept", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json(body)));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(); // a refused connection has no message
      throw new MockS3ControlException(method + " " + base + path + " failed: " + why + " (is the fault controller running?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MockS3ControlException("interrupted: " + method + " " + path, e);
    }
    if (response.statusCode() >= 400) {
      throw MockS3ControlException.from(method, path, response.statusCode(), response.body());
    }
    return response;
  }

  static String json(Object body) {
    if (body instanceof String s) {
      return s;
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
    }
  }

  static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  private static URI withoutTrailingSlash(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
  }
}
