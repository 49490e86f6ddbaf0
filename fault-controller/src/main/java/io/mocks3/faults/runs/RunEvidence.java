package io.mocks3.faults.runs;

import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.history.HistoryRecord;
import io.mocks3.schemas.run.Run;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a run's report is judged on, read from the log and, for the final state, from the gateway.
 *
 * @param history the S3 history lines the gateways recorded during the run
 * @param applied the projector's events (applied or rejected commands) since the run started
 * @param faults the fault events recorded between the run's start and its end
 * @param finalState the state of every key the run wrote, read after settling (strong HEAD)
 */
public record RunEvidence(Run run, List<HistoryRecord> history, List<Applied> applied, List<FaultEvent> faults,
    Map<String, FinalObject> finalState) {

  /** One event of {@code mocks3.events}: what became of a command. */
  public record Applied(String commandId, String type, String bucket, String key, String versionId, long sequence,
      Instant at) {
    boolean rejected() {
      return "CommandRejected".equals(type);
    }
  }

  /** A key as the gateway answers a strong HEAD after the run settled. */
  public record FinalObject(String bucket, String key, boolean exists, String etag, String versionId) {}

  /** The key of {@link #finalState}: bucket + "/" + key, as the history checker qualifies keys. */
  public static String objectId(String bucket, String key) {
    return bucket + "/" + key;
  }
}
