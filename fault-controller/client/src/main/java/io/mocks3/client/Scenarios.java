package io.mocks3.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The shipped fault scenarios ({@code /api/v1/scenarios}): named sets of rules and chaos, started and stopped as one. */
public final class Scenarios {
  private final ControlPlane plane;

  Scenarios(ControlPlane plane) {
    this.plane = plane;
  }

  /** The scenarios one can start. */
  public List<Scenario> available() {
    return plane.list(plane.get("/api/v1/scenarios").path("available"), Scenario.class);
  }

  /** The scenarios running now. */
  public List<ActiveScenario> active() {
    return plane.list(plane.get("/api/v1/scenarios").path("active"), ActiveScenario.class);
  }

  /** Starts a scenario until it is stopped; a 404 lists the scenarios there are. */
  public ActiveScenario start(String name) {
    return plane.convert(plane.change("POST", "/api/v1/scenarios/" + name + "/start", null), ActiveScenario.class);
  }

  /** Starts a scenario that ends by itself after {@code duration}. */
  public ActiveScenario start(String name, Duration duration) {
    return plane.convert(plane.change("POST", "/api/v1/scenarios/" + name + "/start", Map.of("duration", Rule.millis(duration))),
        ActiveScenario.class);
  }

  /** Stops a running scenario: what it wrote is removed. A 404 when it was not running. */
  public void stop(String name) {
    plane.change("POST", "/api/v1/scenarios/" + name + "/stop", null);
  }

  /** A scenario as shipped. */
  public record Scenario(String name, String description) {}

  /**
   * A running scenario.
   *
   * @param deadline when it ends by itself; null when only a stop ends it
   */
  public record ActiveScenario(String name, java.time.Instant startedAt, java.time.Instant deadline, List<String> ruleIds,
      List<String> chaosTopics) {}
}
