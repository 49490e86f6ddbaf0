package io.mocks3.client;

import tools.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The runs ({@code /api/v1/runs}), and exports of injections for replaying them. */
public final class Runs {
  private final ControlPlane plane;

  Runs(ControlPlane plane) {
    this.plane = plane;
  }

  public List<Run> list() {
    List<Run> runs = new ArrayList<>();
    plane.get("/api/v1/runs").path("runs").forEach(r -> runs.add(new Run(r, plane)));
    return List.copyOf(runs);
  }

  /** The run with this id, or empty. */
  public Optional<Run> get(String id) {
    try {
      return Optional.of(new Run(plane.get("/api/v1/runs/" + id), plane));
    } catch (MockS3ControlException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The injections since {@code since} (null: all), of one scenario or rule (null: any), with the
   * rules and chaos that made them: a document {@link #replay} installs again.
   */
  public String export(String scenario, String rule, Instant since) {
    StringBuilder query = new StringBuilder();
    if (scenario != null) {
      query.append("&scenario=").append(EventQuery.encode(scenario));
    }
    if (rule != null) {
      query.append("&rule=").append(EventQuery.encode(rule));
    }
    if (since != null) {
      query.append("&since=").append(since);
    }
    return plane.text("/api/v1/runs/export" + (query.length() == 0 ? "" : "?" + query.substring(1)));
  }

  /** Installs rules that hit exactly the exported injections again, and the exported chaos; answers what it installed. */
  public Replayed replay(String export) {
    JsonNode answer = plane.change("POST", "/api/v1/runs/replay", export);
    List<String> rules = new ArrayList<>();
    answer.path("rules").forEach(r -> rules.add(r.asString()));
    List<String> chaos = new ArrayList<>();
    answer.path("chaos").forEach(c -> chaos.add(c.asString()));
    return new Replayed(List.copyOf(rules), List.copyOf(chaos), answer.path("injections").asLong());
  }

  /**
   * What a replay installed.
   *
   * @param rules the ids of the rules it added
   * @param chaos the topics it put chaos on
   * @param injections how many injections the export held
   */
  public record Replayed(List<String> rules, List<String> chaos, long injections) {}
}
