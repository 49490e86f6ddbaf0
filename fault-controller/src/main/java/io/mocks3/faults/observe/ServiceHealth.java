package io.mocks3.faults.observe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each service's {@code /actuator/health}, asked at once: its status and its fault agent's
 * position in {@code mocks3.faults} (how far the rules have reached it), rule count and kill switch.
 * A service that does not answer within a second is {@code UNREACHABLE}.
 */
public final class ServiceHealth {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private final ServiceDirectory directory;
  private final JsonMapper json;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public ServiceHealth(ServiceDirectory directory, JsonMapper json) {
    this.directory = directory;
    this.json = json;
  }

  /** One entry per service, in name order: name, url, status, and the agent's position, rules and kill switch when known. */
  public List<Map<String, Object>> probe() {
    List<CompletableFuture<Map<String, Object>>> asked = new ArrayList<>();
    directory.services().forEach((name, url) -> asked.add(ask(name, url)));
    return asked.stream().map(CompletableFuture::join).toList();
  }

  private CompletableFuture<Map<String, Object>> ask(String name, String url) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/actuator/health")).timeout(TIMEOUT).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> describe(name, url, response.body()))
        .exceptionally(e -> entry(name, url, "UNREACHABLE"));
  }

  private Map<String, Object> describe(String name, String url, String body) {
    JsonNode health;
    try {
      health = json.readTree(body);
    } catch (RuntimeException e) {
      return entry(name, url, "UNKNOWN");
    }
    Map<String, Object> out = entry(name, url, health.path("status").asString("UNKNOWN"));
    JsonNode agent = agentDetails(health);
    if (agent != null) {
      out.put("agent_position", agent.path("position").asLong(-1));
      out.put("agent_rules", agent.path("rules").asInt(0));
      out.put("agent_kill_switch", agent.path("killSwitch").asBoolean(false));
    }
    return out;
  }

  /** The health component that reports a fault-agent position (its name is the indicator bean's). */
  private static JsonNode agentDetails(JsonNode health) {
    for (JsonNode component : health.path("components")) {
      if (component.path("details").has("position")) {
        return component.path("details");
      }
    }
    return null;
  }

  private static Map<String, Object> entry(String name, String url, String status) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("url", url);
    out.put("status", status);
    return out;
  }
}
