package io.mocks3.junit5;

import static io.mocks3.junit5.MockS3Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.client.RunReport;
import org.junit.jupiter.api.Test;

class RunReportAssertTest {
  private static final String LOST = """
      {"run": {"id": "run-1", "name": "ArchiveTest.lossy"},
       "summary": {"operations": 3, "acknowledged_writes": 2},
       "faults": {"total": 1, "by_action": {"lose": 1}},
       "writes": {"fates": {"applied": 1, "lost": 1}, "not_applied": [
         {"op": "put", "bucket": "photos", "key": "cat.jpg", "command_id": "cmd-42", "fates": ["lost"],
          "causes": [{"ruleId": "chaos:mocks3.commands", "action": "lose", "target": "mocks3.commands/0@17"}]}]},
       "reads": {"anomaly_counts": {"stale_read": 1},
                 "anomalies": [{"type": "stale_read", "key": "dog.jpg", "explanation": "read v1 after v2 was acknowledged"}]},
       "verdict": {"pass": false, "checks": [
         {"name": "lost_acknowledged_writes", "expected": 0, "measured": 1, "pass": false},
         {"name": "applied_twice", "expected": 0, "measured": 0, "pass": true}]}}
      """;
  private static final String CLEAN = """
      {"run": {"id": "run-2", "name": "ArchiveTest.calm"},
       "faults": {"total": 0, "by_action": {}},
       "writes": {"fates": {"applied": 2}, "not_applied": []},
       "reads": {"anomaly_counts": {}, "anomalies": []},
       "verdict": {"pass": true, "checks": [{"name": "lost_acknowledged_writes", "expected": 0, "measured": 0, "pass": true}]}}
      """;

  static RunReport report(String json) {
    return RunReport.parse(json);
  }

  @Test
  void aLostWriteIsNamedByBucketKeyCommandAndTheFaultThatLostIt() {
    RunReport lost = report(LOST);
    assertThatThrownBy(() -> assertThat(lost).hasNoLostAcknowledgedWrites())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("run run-1 (ArchiveTest.lossy) to lose no acknowledged write, but it lost 1")
        .hasMessageContaining("photos/cat.jpg  command cmd-42  lost  by lose (chaos:mocks3.commands at mocks3.commands/0@17)");
    assertThat(lost).hasLost("cat.jpg").hasLostWrites(1).hasVerdict(Verdict.FAIL).hasInjected("lose").hasReadAnomaly("stale_read");
    assertThatThrownBy(() -> assertThat(lost).hasLost("dog.jpg"))
        .hasMessageContaining("to have lost the acknowledged write of <dog.jpg>")
        .hasMessageContaining("photos/cat.jpg  command cmd-42");
  }

  @Test
  void aVerdictThatDiffersListsEveryCheck() {
    assertThatThrownBy(() -> assertThat(report(LOST)).hasVerdict(Verdict.PASS))
        .hasMessageContaining("to have verdict PASS, but it was FAIL")
        .hasMessageContaining("FAIL lost_acknowledged_writes: measured 1, at most 0")
        .hasMessageContaining("ok   applied_twice: measured 0, at most 0");
    assertThatThrownBy(() -> assertThat(report(LOST)).hasNoReadAnomalies())
        .hasMessageContaining("stale_read dog.jpg: read v1 after v2 was acknowledged");
  }

  @Test
  void aCleanRunPassesAndNamesWhatItLacks() {
    RunReport clean = report(CLEAN);
    assertThat(clean).hasNoLostAcknowledgedWrites().hasNoReadAnomalies().hasVerdict(Verdict.PASS).hasLostWrites(0);
    assertThatThrownBy(() -> assertThat(clean).hasInjected("lose"))
        .hasMessageContaining("run run-2 (ArchiveTest.calm) to have injected <lose> at least once, but its faults by action are {}");
    assertThatThrownBy(() -> assertThat(clean).hasLost("cat.jpg")).hasMessageContaining("(none)");
  }
}
