package io.mocks3.client;

import tools.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * A run to start: its name, seed, the chaos, rules and scenario it applies while it is open, the
 * expectations its verdict checks (a measure and the most it may be) and how long to settle.
 * {@code RunSpec.named("upload").seed(7).chaos(Chaos.on("mocks3.commands").loss(0.05)).expect("lost_acknowledged_writes", 0)}.
 * Not thread-safe.
 */
public final class RunSpec {
  private final ObjectNode json = ControlPlane.JSON.createObjectNode();

  private RunSpec(String name) {
    json.put("name", name);
  }

  public static RunSpec named(String name) {
    return new RunSpec(name);
  }

  /** Applied to the run's chaos and rules that have no seed of their own. */
  public RunSpec seed(long seed) {
    json.put("seed", seed);
    return this;
  }

  /** A scenario started with the run and stopped with it. */
  public RunSpec scenario(String scenario) {
    json.put("scenario", scenario);
    return this;
  }

  /** Chaos applied while the run is open. */
  public RunSpec chaos(Chaos chaos) {
    json.withArray("chaos").add(chaos.tree().put("topic", chaos.topic()));
    return this;
  }

  /** A rule applied while the run is open. */
  public RunSpec rule(Rule rule) {
    json.withArray("rules").add(rule.tree());
    return this;
  }

  /**
   * A verdict check: {@code measure} may be at most {@code max}. Measures: lost_acknowledged_writes,
   * applied_twice, overtaken_writes, dead_lettered_writes, rejected_after_ack, stale_reads,
   * stale_read_max_ms, read_your_writes_violations, monotonic_read_violations, resurrected_deletes,
   * list_anomalies, read_anomalies, final_state_mismatches.
   */
  public RunSpec expect(String measure, double max) {
    json.withObjectProperty("expectations").put(measure, max);
    return this;
  }

  /** How long to let the system settle after the faults are removed (default 2 s). */
  public RunSpec settle(Duration settle) {
    json.put("settle", Rule.millis(settle));
    return this;
  }

  public String name() {
    return json.path("name").asString();
  }

  /** The JSON the control plane receives. */
  public String toJson() {
    return ControlPlane.json(json);
  }

  ObjectNode tree() {
    return json.deepCopy();
  }
}
