package io.mocks3.client;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run's chaos did ({@code GET /api/v1/runs/{id}/report}): the verdict with each check, the
 * fate of every acknowledged write, what clients read, the final state. Counts are exact; lists of
 * rows are capped by the server (their totals are the counts).
 */
public final class RunReport {
  private final JsonNode json;

  RunReport(JsonNode json) {
    this.json = json;
  }

  /** A report as JSON, e.g. one saved from {@code ops/mocks3 run report <id> --json}. */
  public static RunReport parse(String json) {
    try {
      return new RunReport(ControlPlane.JSON.readTree(json));
    } catch (tools.jackson.core.JacksonException e) {
      throw new IllegalArgumentException("not a run report in JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The run's id. */
  public String runId() {
    return json.path("run").path("id").asString();
  }

  public String runName() {
    return json.path("run").path("name").asString();
  }

  public Verdict verdict() {
    return convert(json.path("verdict"), Verdict.class);
  }

  /** Whether every expectation held. */
  public boolean passed() {
    return json.path("verdict").path("pass").asBoolean();
  }

  public Summary summary() {
    return convert(json.path("summary"), Summary.class);
  }

  /** The acknowledged writes counted by fate: applied, lost, applied_twice, overtaken, reordered, delayed, dead_lettered, ... */
  public Map<String, Integer> writeFates() {
    return counts(json.path("writes").path("fates"));
  }

  /** How many acknowledged writes had this fate. */
  public int writes(String fate) {
    return writeFates().getOrDefault(fate, 0);
  }

  /** Every acknowledged write whose fate is not plain "applied", with its key, command id and the faults that hit it. */
  public List<WriteFate> notApplied() {
    return ControlPlane.JSON.convertValue(json.path("writes").path("not_applied"),
        ControlPlane.JSON.getTypeFactory().constructCollectionType(List.class, WriteFate.class));
  }

  /** The acknowledged writes never applied. */
  public List<WriteFate> lostWrites() {
    return withFate("lost");
  }

  /** The acknowledged writes applied more than once. */
  public List<WriteFate> duplicatedWrites() {
    return withFate("applied_twice");
  }

  /** The writes with this fate (of the rows the server listed). */
  public List<WriteFate> withFate(String fate) {
    return notApplied().stream().filter(w -> w.fates().contains(fate)).toList();
  }

  /** The faults of the run counted by action (lose, duplicate, http_error, ...). */
  public Map<String, Integer> faultsByAction() {
    return counts(json.path("faults").path("by_action"));
  }

  public int faults() {
    return json.path("faults").path("total").asInt();
  }

  /** What the history checker found in what clients read (stale reads, lost listings, ...), each with its witnesses. */
  public List<Anomaly> anomalies() {
    return ControlPlane.JSON.convertValue(json.path("reads").path("anomalies"),
        ControlPlane.JSON.getTypeFactory().constructCollectionType(List.class, Anomaly.class));
  }

  /** The read anomalies counted by type. */
  public Map<String, Integer> anomalyCounts() {
    return counts(json.path("reads").path("anomaly_counts"));
  }

  public FinalState finalState() {
    return convert(json.path("final_state"), FinalState.class);
  }

  /** The whole report as the server answered it. */
  public JsonNode json() {
    return json;
  }

  @Override
  public String toString() {
    return "report of run " + runId() + ": " + (passed() ? "pass" : "fail") + ", fates " + writeFates() + ", anomalies "
        + anomalyCounts();
  }

  private static <T> T convert(JsonNode node, Class<T> type) {
    return ControlPlane.JSON.convertValue(node, type);
  }

  private static Map<String, Integer> counts(JsonNode node) {
    Map<String, Integer> out = new LinkedHashMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asInt()));
    return out;
  }

  /** Each expectation with its measured value; {@code pass} when all hold. */
  public record Verdict(boolean pass, List<Check> checks) {}

  /** One expectation: {@code measured} may be at most {@code expected}. */
  public record Check(String name, double expected, double measured, boolean pass) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Summary(int operations, int acknowledgedWrites, int unacknowledgedWrites, int reads, int lists,
      long durationMillis) {}

  /**
   * One acknowledged write and what became of it.
   *
   * @param fates applied, lost, applied_twice, overtaken, reordered, delayed, dead_lettered, applied_late, rejected
   * @param applyMillis from the acknowledgement to the first application; null when never applied
   * @param causes the fault events that hit this write's command or request
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record WriteFate(String op, String bucket, String key, String versionId, String commandId, String requestId,
      long ackedAtMillis, List<String> fates, int applications, Long applyMillis, List<FaultEvent> causes) {}

  /**
   * An anomaly in what clients read, and the fewest operations that show it ({@code witness}, as the checker wrote them).
   *
   * @param type e.g. stale_read, lost_list_entry
   */
  public record Anomaly(String type, String key, String explanation, List<JsonNode> witness) {}

  /** The state after settling, against the acknowledged history. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record FinalState(int checkedKeys, List<Finding> missing, List<Finding> mismatched, List<Finding> resurrected,
      List<Finding> unacknowledgedMaterialized) {}

  public record Finding(String bucket, String key, String expected, String actual, String explanation) {}
}
