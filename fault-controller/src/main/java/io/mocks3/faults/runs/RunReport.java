package io.mocks3.faults.runs;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import io.mocks3.checker.Anomaly;
import io.mocks3.checker.LagStats;
import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.run.Run;
import java.util.List;
import java.util.Map;

/**
 * What a run's chaos did, as {@code GET /api/v1/runs/{id}/report} answers it. Counts are exact;
 * lists of rows are capped at {@link RunOracle#ROWS} (their totals are the counts).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunReport(Run run, Summary summary, Faults faults, Writes writes, Reads reads, FinalState finalState,
    Verdict verdict, List<TimelineEntry> timeline) {

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Summary(int operations, int acknowledgedWrites, int unacknowledgedWrites, int reads, int lists,
      long durationMillis) {}

  /** The run's fault events: counted by action, and how many of them hit an acknowledged write. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Faults(int total, Map<String, Integer> byAction, Map<String, Integer> attributedByAction,
      int unattributed) {}

  /** Every acknowledged write's fate: counts by fate, and a row for each write whose fate is not plain "applied". */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Writes(Map<String, Integer> fates, List<WriteFate> notApplied) {}

  /**
   * One acknowledged write and what became of it.
   *
   * @param fates applied, lost, applied_twice, overtaken, reordered, delayed, dead_lettered, applied_late, rejected
   * @param applyMillis from the acknowledgement to the first application (null when never applied)
   * @param causes the fault events that hit this write's command or request
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record WriteFate(String op, String bucket, String key, String versionId, String commandId, String requestId,
      long ackedAtMillis, List<String> fates, int applications, Long applyMillis, List<FaultEvent> causes) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Reads(Map<String, Integer> anomalyCounts, List<Anomaly> anomalies, Map<String, Integer> models,
      Map<String, LagStats> readAfterWriteLag, Map<String, Integer> listOutcomes, long staleReadMaxMillis) {}

  /** The state after settling against the acknowledged history. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record FinalState(int checkedKeys, List<Finding> missing, List<Finding> mismatched, List<Finding> resurrected,
      List<Finding> unacknowledgedMaterialized) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Finding(String bucket, String key, String expected, String actual, String explanation) {}

  /** Each expectation with its measured value; {@code pass} when all hold. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Verdict(boolean pass, List<Check> checks) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Check(String name, double expected, double measured, boolean pass) {}

  /** A point on the run's timeline: a fault, or an anomaly it caused. {@code atMillis} from the run's start. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record TimelineEntry(long atMillis, String kind, String label, String bucket, String key) {}
}
