package io.mocks3.client;

import tools.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run as the control plane last answered it: open while the gateway records the S3 history,
 * settling after {@link #stop()}, ended once its faults are gone and the system settled.
 */
public final class Run {
  /** OPEN, SETTLING or ENDED. */
  public enum State { OPEN, SETTLING, ENDED }

  private final JsonNode json;
  private final ControlPlane plane;

  Run(JsonNode json, ControlPlane plane) {
    this.json = json;
    this.plane = plane;
  }

  public String id() {
    return json.path("id").asString();
  }

  public String name() {
    return json.path("name").asString();
  }

  public State state() {
    return State.valueOf(json.path("state").asString("OPEN"));
  }

  /** The run's seed; null when it has none. */
  public Long seed() {
    return json.hasNonNull("seed") ? json.get("seed").asLong() : null;
  }

  public String scenario() {
    return json.path("scenario").asString(null);
  }

  public Instant startedAt() {
    return InstalledRule.instant(json, "started_at");
  }

  public Instant stoppedAt() {
    return InstalledRule.instant(json, "stopped_at");
  }

  public Instant endedAt() {
    return InstalledRule.instant(json, "ended_at");
  }

  /** The ids of the rules the run applied (removed when it stops). */
  public List<String> appliedRuleIds() {
    List<String> ids = new ArrayList<>();
    json.path("applied_rule_ids").forEach(id -> ids.add(id.asString()));
    return List.copyOf(ids);
  }

  /** The run as the control plane answered it. */
  public JsonNode json() {
    return json;
  }

  /** Removes the run's faults, lets the system settle, ends it; answers the ended run. */
  public Run stop() {
    return new Run(plane.change("POST", path() + "/stop", null), plane);
  }

  /** The run as the control plane holds it now. */
  public Run refresh() {
    return new Run(plane.get(path()), plane);
  }

  /** What the run's chaos did: the verdict, the fates of the writes, the anomalies of the reads. */
  public RunReport report() {
    return new RunReport(plane.get(path() + "/report"));
  }

  /** The S3 history the gateway recorded, one JSON line per operation (the history checker's input). */
  public String history() {
    return plane.text(path() + "/history.jsonl");
  }

  /** The report page for a person (charts, the witnesses of each anomaly). */
  public URI reportPage() {
    return URI.create(plane.base() + path() + "/report.html");
  }

  @Override
  public String toString() {
    return "run " + id() + " (" + name() + "): " + state();
  }

  private String path() {
    return "/api/v1/runs/" + id();
  }
}
