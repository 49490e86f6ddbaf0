package io.mocks3.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.client.ChaosTopic;
import io.mocks3.client.DeadLetterTopic;
import io.mocks3.client.FaultEvent;
import io.mocks3.client.InstalledRule;
import io.mocks3.client.RunReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.mocks3.schemas.Json;

/** What a person reads in the terminal for each answer of the control plane. */
class ControlTextTest {
  private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

  private static InstalledRule rule() throws Exception {
    return new InstalledRule("r1", "slow puts", "gateway", true, "delay", null, null, AT, null, Json.mapper().readTree(
        "{\"conditions\":[{\"type\":\"operation\",\"value\":\"PutObject\"},{\"type\":\"header\",\"name\":\"x-test\"},"
            + "{\"type\":\"probability\",\"value\":0.5}]}"));
  }

  @Test
  void rulesAreATableAndOneRuleALineWithItsConditions() throws Exception {
    assertThat(ControlText.rules(List.of(rule()))).isEqualTo(String.format(
        "ID                                    ENABLED  SERVICE          ACTION         NAME%n"
            + "r1                                    yes      gateway          delay          slow puts%n"));
    assertThat(ControlText.rule(rule())).isEqualTo(String.format(
        "rule r1 (slow puts): delay at gateway, when operation PutObject, header x-test, probability 0.5%n"));
    assertThat(ControlText.rules(List.of())).isEqualTo(String.format("no rules%n"));
  }

  @Test
  void chaosNamesOnlyWhatIsSetInPercent() {
    ChaosTopic chaos = new ChaosTopic("mocks3.commands", 0.05, 0.025, null, null, null, 1.0, "800ms", null, "photos", 7L, null, AT,
        AT.plusSeconds(60));
    assertThat(ControlText.chaos(List.of(chaos))).isEqualTo(String.format(
        "mocks3.commands: loss 5%%, duplicate 2.5%%, delay 800ms 100%%, key photos, seed 7, until 2026-12-03T10:01:00Z%n"));
  }

  @Test
  void eventsNameTheObjectTheyHurt() {
    FaultEvent event = new FaultEvent("chaos:mocks3.commands", null, null, "metadata-projector", "stream", null,
        "mocks3.commands/0@42", "lose", null, null, AT, null, new FaultEvent.Subject("PutObject", "photos", "cat.jpg", null, "c1", null));
    assertThat(ControlText.events(List.of(event))).isEqualTo(String.format(
        "2026-12-03T10:00:00Z  metadata-projector lose         chaos:mocks3.commands          mocks3.commands/0@42  photos/cat.jpg%n"));
  }

  @Test
  void deadLetterTopicsAreATable() {
    assertThat(ControlText.deadLetterTopics(List.of(new DeadLetterTopic("mocks3.commands.dlq", 2, 5)))).isEqualTo(String.format(
        "DLQ                                 WAITING    TOTAL%nmocks3.commands.dlq                       2        5%n"));
  }

  @Test
  void aReportSummaryGivesTheVerdictEachCheckAndEveryFaultedWrite() {
    RunReport report = RunReport.parse("""
        {"run":{"id":"run-1","name":"loss","state":"ENDED"},
         "summary":{"operations":10,"acknowledged_writes":4,"reads":5,"lists":1},
         "faults":{"total":1,"by_action":{"lose":1}},
         "writes":{"fates":{"applied":3,"lost":1},"not_applied":[{"bucket":"b","key":"k1","command_id":"c1","fates":["lost"]}]},
         "reads":{"anomaly_counts":{}},
         "final_state":{"checked_keys":4,"missing":[{"bucket":"b","key":"k1"}],"mismatched":[],"resurrected":[]},
         "verdict":{"pass":false,"checks":[{"name":"lost_acknowledged_writes","expected":0,"measured":1,"pass":false}]}}
        """);
    assertThat(RunSummary.of(report)).isEqualTo(String.format(
        "run run-1 (loss): ENDED, verdict FAIL%n"
            + "  FAIL lost_acknowledged_writes       measured 1, at most 0%n"
            + "operations 10: 4 acknowledged writes, 5 reads, 1 listings%n"
            + "faults: {lose=1}\nfates of acknowledged writes: {applied=3, lost=1}\nread anomalies: {}\n"
            + "  lost                   b/k1  command c1%n"
            + "final state: 4 keys checked, 1 missing, 0 mismatched, 0 resurrected%n"));
  }
}
