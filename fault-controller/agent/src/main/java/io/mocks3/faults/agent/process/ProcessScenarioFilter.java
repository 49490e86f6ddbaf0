package io.mocks3.faults.agent.process;

import io.mocks3.schemas.Json;
import io.mocks3.schemas.fault.ProcessOrder;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * The process-scenario API on every service's own port, ahead of everything else (so a service's
 * own routes, S3's included, never see these paths):
 * <ul>
 *   <li>{@code GET /api/v1/scenarios}; {@code POST /api/v1/scenarios/{name}/start} (body: the
 *       parameters, optional {@code duration} in seconds), {@code .../stop}, {@code GET .../status};
 *   <li>{@code POST /api/v1/composite/start {scenarios: [{name, params, duration}]}},
 *       {@code POST /api/v1/composite/stop}, {@code GET /api/v1/composite/status};
 *   <li>{@code GET /health} and {@code GET /ready} honour {@code health_check};
 *       {@code GET /api/v1/test/sleep10ms}, {@code /sleep30ms}; {@code GET /api/v1/mock-service}
 *       honours {@code dependency}; every request waits out {@code network_latency}.
 * </ul>
 * A path under {@code /api/v1/scenarios/} naming no process scenario goes on to the service (the
 * fault controller's own scenarios live there).
 */
public final class ProcessScenarioFilter implements Filter, Ordered {
  /** Before the fault filter: latency and health failures apply to everything. */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2; // after ControlPlaneGuard
  private static final Pattern SCENARIO = Pattern.compile("^/api/v1/scenarios/([a-z_]+)/(start|stop|status)$");
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private final ProcessScenarios scenarios;
  private final boolean ownsListing;

  /** @param ownsListing whether {@code GET /api/v1/scenarios} is answered here (not on the fault controller, which lists both kinds) */
  public ProcessScenarioFilter(ProcessScenarios scenarios, boolean ownsListing) {
    this.scenarios = scenarios;
    this.ownsListing = ownsListing;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String path = request.getRequestURI();
    Behaviours.NetworkLatency latency = scenarios.latency();
    if (latency != null) {
      latency.delayed.incrementAndGet();
      sleep(latency.latencyMs);
    }
    try {
      if (!handle(request, response, path)) {
        chain.doFilter(req, res);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.sendError(503);
    }
  }

  /** Answers the request if it is one of this API's; false to let the service answer it. */
  private boolean handle(HttpServletRequest request, HttpServletResponse response, String path)
      throws IOException, InterruptedException {
    String method = request.getMethod();
    if (path.equals("/health") || path.equals("/ready")) {
      Behaviours.HealthCheck health = scenarios.health();
      int failure = health == null ? 0 : health.verdict();
      if (failure != 0) {
        json(response, failure, Map.of("status", "DOWN", "reason", "health_check scenario (" + health.mode + ")"));
        return true;
      }
      if (path.equals("/ready")) {
        json(response, 200, Map.of("status", "READY"));
        return true;
      }
      return false;
    }
    if (!path.startsWith("/api/v1/")) {
      return false;
    }
    switch (path) {
      case "/api/v1/test/sleep10ms", "/api/v1/test/sleep30ms" -> {
        long ms = path.endsWith("10ms") ? 10 : 30;
        Thread.sleep(ms);
        json(response, 200, Map.of("slept_ms", ms));
        return true;
      }
      case "/api/v1/mock-service" -> {
        mockService(response);
        return true;
      }
      case "/api/v1/scenarios" -> {
        if (!ownsListing || !method.equals("GET")) {
          return false;
        }
        json(response, 200, Map.of("scenarios", scenarios.list(), "enabled", scenarios.settings().enabled()));
        return true;
      }
      case "/api/v1/composite/start" -> {
        return post(method, response, () -> scenarios.startComposite(steps(request)));
      }
      case "/api/v1/composite/stop" -> {
        return post(method, response, scenarios::stopComposite);
      }
      case "/api/v1/composite/status" -> {
        json(response, 200, scenarios.compositeStatus());
        return true;
      }
      default -> { }
    }
    Matcher m = SCENARIO.matcher(path);
    if (!m.matches() || !ProcessScenarios.NAMES.contains(m.group(1))) {
      return false;
    }
    String name = m.group(1);
    return switch (m.group(2)) {
      case "start" -> post(method, response, () -> {
        Map<String, Object> params = body(request);
        Object duration = params.remove("duration");
        Object nested = params.remove("params");
        if (nested instanceof Map<?, ?> inner) {
          inner.forEach((k, v) -> params.put(String.valueOf(k), v));
        }
        return scenarios.start(name, params, ProcessScenarios.duration(duration));
      });
      case "stop" -> post(method, response, () -> Map.of("name", name, "stopped", scenarios.stop(name)));
      default -> {
        json(response, 200, scenarios.status(name));
        yield true;
      }
    };
  }

  private interface Action {
    Object run() throws IOException;
  }

  private static boolean post(String method, HttpServletResponse response, Action action) throws IOException {
    if (!method.equals("POST")) {
      json(response, 405, Map.of("error", "use POST"));
      return true;
    }
    try {
      json(response, 200, action.run());
    } catch (ProcessScenarios.Refused e) {
      json(response, 403, Map.of("error", e.getMessage()));
    } catch (IllegalArgumentException | IOException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      json(response, 400, message.startsWith("duration: ") ? Map.of("error", message, "field", "duration") : Map.of("error", message));
    }
    return true;
  }

  private void mockService(HttpServletResponse response) throws IOException, InterruptedException {
    Behaviours.Dependency dependency = scenarios.dependency();
    if (dependency == null) {
      json(response, 200, Map.of("status", "ok"));
      return;
    }
    dependency.calls.incrementAndGet();
    switch (dependency.type) {
      case "error" -> json(response, dependency.status, Map.of("error", "dependency scenario: error"));
      case "slow" -> {
        Thread.sleep(dependency.delayMs);
        json(response, 200, Map.of("status", "ok", "slow_ms", dependency.delayMs));
      }
      default -> {
        Thread.sleep(dependency.delayMs);
        json(response, dependency.status, Map.of("error", "dependency scenario: timeout"));
      }
    }
  }

  private static Map<String, Object> body(HttpServletRequest request) throws IOException {
    byte[] bytes = request.getInputStream().readAllBytes();
    if (bytes.length == 0) {
      return new java.util.HashMap<>();
    }
    try {
      return new java.util.HashMap<>(Json.mapper().readValue(bytes, MAP));
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the body must be a JSON object of parameters");
    }
  }

  private static List<ProcessOrder.Step> steps(HttpServletRequest request) throws IOException {
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(request.getInputStream());
    } catch (JacksonException e) {
      throw new IllegalArgumentException("expected {\"scenarios\": [{\"name\", \"params\", \"duration\"}]}");
    }
    if (tree == null || !tree.path("scenarios").isArray() || tree.path("scenarios").isEmpty()) {
      throw new IllegalArgumentException("expected {\"scenarios\": [{\"name\", \"params\", \"duration\"}]} with at least one scenario");
    }
    List<ProcessOrder.Step> steps = new ArrayList<>();
    for (JsonNode s : tree.path("scenarios")) {
      Map<String, Object> params;
      try {
        params = s.has("params") ? Json.mapper().convertValue(s.get("params"), MAP) : Map.of();
      } catch (JacksonException e) {
        throw new IllegalArgumentException("params: a scenario's params must be a JSON object");
      }
      Object duration = s.hasNonNull("duration") ? Json.mapper().convertValue(s.get("duration"), Object.class) : null;
      steps.add(new ProcessOrder.Step(s.path("name").asString(), params, ProcessScenarios.stepSeconds(duration)));
    }
    return steps;
  }

  private static void json(HttpServletResponse response, int status, Object body) throws IOException {
    byte[] bytes = Json.mapper().writeValueAsBytes(body);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
