package io.mocks3.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Process scenarios (CPU burn, memory leak, network latency, delayed crash, ...) in one target:
 * {@code all}, a service or an instance. An order replaces what the target ran before.
 */
public final class ProcessTarget {
  private final String target;
  private final ControlPlane plane;

  ProcessTarget(String target, ControlPlane plane) {
    this.target = target;
    this.plane = plane;
  }

  /** Runs one scenario with its parameters (e.g. {@code latency_ms}) until stopped. */
  public ProcessOrder start(String scenario, Map<String, Object> params) {
    return start(new Step(scenario, params, null));
  }

  /** Runs one scenario with its parameters for {@code duration}. */
  public ProcessOrder start(String scenario, Map<String, Object> params, Duration duration) {
    return start(new Step(scenario, params, duration));
  }

  private ProcessOrder start(Step step) {
    Map<String, Object> body = new LinkedHashMap<>(step.params());
    if (step.duration() != null) {
      body.put("duration", Rule.millis(step.duration()));
    }
    return plane.convert(plane.change("POST", "/api/v1/process/" + target + "/scenarios/" + step.name() + "/start", body),
        ProcessOrder.class);
  }

  /** Runs several scenarios at once, each with its own parameters and duration. */
  public ProcessOrder composite(List<Step> steps) {
    List<Map<String, Object>> scenarios = new ArrayList<>();
    for (Step s : steps) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("name", s.name());
      step.put("params", s.params());
      if (s.duration() != null) {
        step.put("duration", Rule.millis(s.duration()));
      }
      scenarios.add(step);
    }
    return plane.convert(plane.change("POST", "/api/v1/process/" + target + "/composite/start", Map.of("scenarios", scenarios)),
        ProcessOrder.class);
  }

  /** Stops what the target runs; a 404 when it runs nothing. */
  public void stop() {
    plane.change("POST", "/api/v1/process/" + target + "/stop", null);
  }

  /**
   * One process scenario of an order.
   *
   * @param duration until it ends by itself; null: until stopped
   */
  public record Step(String name, Map<String, Object> params, Duration duration) {
    public Step {
      params = params == null ? Map.of() : Map.copyOf(params);
    }
  }
}
