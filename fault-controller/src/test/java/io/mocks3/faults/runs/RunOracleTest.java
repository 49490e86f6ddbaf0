package io.mocks3.faults.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.faults.runs.RunEvidence.Applied;
import io.mocks3.faults.runs.RunEvidence.FinalObject;
import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.fault.FaultSubject;
import io.mocks3.schemas.history.HistoryRecord;
import io.mocks3.schemas.run.Run;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The oracle on hand-built evidence: every fate, the final state and the verdict. */
class RunOracleTest {
  private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");
  private final List<HistoryRecord> history = new ArrayList<>();
  private final List<Applied> applied = new ArrayList<>();
  private final List<FaultEvent> faults = new ArrayList<>();
  private final Map<String, FinalObject> finalState = new HashMap<>();
  private long sequence;

  /** A put of {@code key} by {@code process}, invoked at {@code at} ms and acknowledged 5 ms later. */
  private void put(String process, String key, String etag, String command, long at) {
    history.add(line(process, HistoryRecord.INVOKE, "put", key, null, at, command));
    history.add(line(process, HistoryRecord.OK, "put", key, new HistoryRecord.Value("\"" + etag + "\"", null, etag), at + 5,
        command));
  }

  private void get(String process, String key, String etag, long at) {
    history.add(line(process, HistoryRecord.INVOKE, "get", key, null, at, null));
    history.add(line(process, HistoryRecord.OK, "get", key,
        etag == null ? null : new HistoryRecord.Value("\"" + etag + "\"", null, etag), at + 2, null));
  }

  private static HistoryRecord line(String process, String type, String f, String key, HistoryRecord.Value value,
      long atMillis, String command) {
    long time = (START.toEpochMilli() + atMillis) * 1_000_000L;
    return new HistoryRecord(0, time, process, type, f, "b", key, value, null, null,
        HistoryRecord.INVOKE.equals(type) ? null : 200, "req-" + command, command, null, null);
  }

  private void apply(String command, String key, long atMillis) {
    applied.add(new Applied(command, "ObjectCreated", "b", key, null, ++sequence, START.plusMillis(atMillis)));
  }

  private void fault(String action, String command, String key, long atMillis, String detail) {
    faults.add(new FaultEvent("chaos:mocks3.commands", "chaos mocks3.commands", null, "metadata-projector", "stream",
        "metadata-projector", "mocks3.commands/0@1", action, detail, null, START.plusMillis(atMillis), null,
        new FaultSubject("PutObject", "b", key, null, command, "req-" + command)));
  }

  private void present(String key, String etag) {
    finalState.put("b/" + key, new FinalObject("b", key, true, "\"" + etag + "\"", null));
  }

  private void absent(String key) {
    finalState.put("b/" + key, new FinalObject("b", key, false, null, null));
  }

  private RunReport judge(Map<String, Number> expectations) {
    Run run = new Run("r1", "test", 7L, null, List.of(), List.of(), expectations, null, List.of(), Run.State.ENDED, START,
        START.plusSeconds(10), START.plusSeconds(12));
    return RunOracle.judge(new RunEvidence(run, history, applied, faults, finalState));
  }

  @Test
  void givenNoFaults_WhenJudged_ThenEveryWriteIsAppliedAndTheVerdictPasses() {
    put("p1", "a", "e1", "c1", 0);
    apply("c1", "a", 10);
    get("p2", "a", "e1", 20);
    present("a", "e1");

    RunReport report = judge(Map.of());

    assertThat(report.writes().fates()).containsExactly(Map.entry("applied", 1));
    assertThat(report.writes().notApplied()).isEmpty();
    assertThat(report.reads().anomalyCounts()).isEmpty();
    assertThat(report.finalState().checkedKeys()).isEqualTo(1);
    assertThat(report.verdict().pass()).isTrue();
    assertThat(report.summary().acknowledgedWrites()).isEqualTo(1);
  }

  @Test
  void givenALostCommand_WhenJudged_ThenTheWriteIsNamedLostWithItsFaultAndTheObjectIsMissing() {
    put("p1", "a", "e1", "c1", 0);
    fault("lose", "c1", "a", 3, "lose");
    absent("a");

    RunReport report = judge(Map.of("lost_acknowledged_writes", 0));

    assertThat(report.writes().fates()).containsExactly(Map.entry("lost", 1));
    RunReport.WriteFate lost = report.writes().notApplied().get(0);
    assertThat(lost.key()).isEqualTo("a");
    assertThat(lost.commandId()).isEqualTo("c1");
    assertThat(lost.causes()).extracting(FaultEvent::action).containsExactly("lose");
    assertThat(report.faults().byAction()).containsExactly(Map.entry("lose", 1));
    assertThat(report.faults().attributedByAction()).containsExactly(Map.entry("lose", 1));
    assertThat(report.finalState().missing()).extracting(RunReport.Finding::key).containsExactly("a");
    assertThat(report.verdict().pass()).isFalse();
    assertThat(report.verdict().checks()).singleElement()
        .satisfies(c -> assertThat(c.measured()).isEqualTo(1.0));
  }

  @Test
  void givenADuplicatedAndADelayedCommand_WhenJudged_ThenAppliedTwiceAndDelayedByTheMeasuredTime() {
    put("p1", "a", "e1", "c1", 0);
    fault("duplicate", "c1", "a", 3, "duplicate (delayed 300 ms)");
    apply("c1", "a", 305);
    apply("c1", "a", 306);
    present("a", "e1");

    RunReport report = judge(Map.of());

    RunReport.WriteFate w = report.writes().notApplied().get(0);
    assertThat(w.fates()).containsExactly("applied_twice", "delayed");
    assertThat(w.applications()).isEqualTo(2);
    assertThat(w.applyMillis()).isEqualTo(300);
  }

  @Test
  void givenAnOlderWriteAppliedAfterANewerOne_WhenJudged_ThenItIsOvertakenAndTheFinalStateMismatches() {
    put("p1", "a", "old", "c1", 0);
    put("p1", "a", "new", "c2", 10);
    fault("reorder", "c1", "a", 3, "reorder");
    apply("c2", "a", 20);
    apply("c1", "a", 30);
    present("a", "old");

    RunReport report = judge(Map.of());

    assertThat(report.writes().fates()).containsEntry("overtaken", 1).containsEntry("applied", 1);
    assertThat(report.writes().notApplied()).singleElement()
        .satisfies(w -> assertThat(w.fates()).containsExactly("reordered", "overtaken"));
    assertThat(report.finalState().mismatched()).extracting(RunReport.Finding::key).containsExactly("a");
  }

  @Test
  void givenADeadLetteredCommand_WhenRedrivenOrNot_ThenAppliedLateOrStillDeadLettered() {
    put("p1", "a", "e1", "c1", 0);
    put("p1", "b", "e2", "c2", 10);
    fault("dead_letter", "c1", "a", 3, "dead_letter");
    fault("dead_letter", "c2", "b", 13, "dead_letter");
    apply("c1", "a", 5_000);

    RunReport report = judge(Map.of());

    assertThat(report.writes().fates()).containsEntry("applied_late", 1).containsEntry("dead_lettered", 1);
  }

  @Test
  void givenADeletedObjectFoundAgain_WhenJudged_ThenItIsResurrected() {
    put("p1", "a", "e1", "c1", 0);
    apply("c1", "a", 8);
    history.add(line("p1", HistoryRecord.INVOKE, "delete", "a", null, 20, "c2"));
    history.add(line("p1", HistoryRecord.OK, "delete", "a", null, 25, "c2"));
    applied.add(new Applied("c2", "ObjectDeleted", "b", "a", null, ++sequence, START.plusMillis(24)));
    present("a", "e1");

    RunReport report = judge(Map.of());

    assertThat(report.finalState().resurrected()).extracting(RunReport.Finding::key).containsExactly("a");
    assertThat(report.verdict().pass()).isFalse();
  }

  @Test
  void givenAStaleRead_WhenJudged_ThenTheCheckerWitnessIsInTheReportWithHowFarBehindItWas() {
    put("p1", "a", "e1", "c1", 0);
    put("p1", "a", "e2", "c2", 10);
    apply("c1", "a", 3);
    apply("c2", "a", 12);
    get("p2", "a", "e1", 115);
    get("p2", "a", "e2", 130);
    present("a", "e2");

    RunReport report = judge(Map.of("stale_read_max_ms", 50));

    assertThat(report.reads().anomalyCounts()).containsKey("stale-read");
    assertThat(report.reads().staleReadMaxMillis()).isEqualTo(100);
    assertThat(report.verdict().pass()).isFalse();
    assertThat(RunReportPage.render(report)).contains("Verdict: fail", "stale-read", "<svg id=\"timeline\"");
  }
}
