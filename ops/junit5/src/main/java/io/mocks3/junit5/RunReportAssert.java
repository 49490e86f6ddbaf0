package io.mocks3.junit5;

import io.mocks3.client.FaultEvent;
import io.mocks3.client.RunReport;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what a run's chaos did. A failure names the run, the keys, the command ids and the
 * faults that hit them, so the message alone says what to look up (the report page, {@code ops/mocks3 events}).
 */
public final class RunReportAssert extends AbstractAssert<RunReportAssert, RunReport> {
  RunReportAssert(RunReport report) {
    super(report, RunReportAssert.class);
  }

  /** No acknowledged write was lost (acknowledged to the client, never applied). */
  public RunReportAssert hasNoLostAcknowledgedWrites() {
    isNotNull();
    int lost = actual.writes("lost");
    if (lost > 0) {
      failWithMessage("Expected %s to lose no acknowledged write, but it lost %d:%n%s", run(), lost, rows(actual.lostWrites()));
    }
    return this;
  }

  /** The acknowledged write of {@code key} was lost (expected when the code under test does not retry). */
  public RunReportAssert hasLost(String key) {
    isNotNull();
    if (actual.lostWrites().stream().noneMatch(w -> key.equals(w.key()))) {
      failWithMessage("Expected %s to have lost the acknowledged write of <%s>, but its lost writes are:%n%s%nfates: %s",
          run(), key, rows(actual.lostWrites()), actual.writeFates());
    }
    return this;
  }

  /** Exactly {@code count} acknowledged writes were lost. */
  public RunReportAssert hasLostWrites(int count) {
    isNotNull();
    if (actual.writes("lost") != count) {
      failWithMessage("Expected %s to lose %d acknowledged writes, but it lost %d:%n%s", run(), count, actual.writes("lost"),
          rows(actual.lostWrites()));
    }
    return this;
  }

  /** The verdict: PASS when every expectation of the run (by default: no anomaly of any kind) held. */
  public RunReportAssert hasVerdict(Verdict verdict) {
    isNotNull();
    Verdict actualVerdict = actual.passed() ? Verdict.PASS : Verdict.FAIL;
    if (actualVerdict != verdict) {
      String checks = actual.verdict().checks().stream()
          .map(c -> String.format("  %s %s: measured %s, at most %s", c.pass() ? "ok  " : "FAIL", c.name(),
              number(c.measured()), number(c.expected())))
          .collect(Collectors.joining("\n"));
      failWithMessage("Expected %s to have verdict %s, but it was %s:%n%s%nlost writes:%n%s", run(), verdict, actualVerdict,
          checks, rows(actual.lostWrites()));
    }
    return this;
  }

  /** The faults injected fault {@code action} (lose, duplicate, http_error, ...) at least once: the chaos acted. */
  public RunReportAssert hasInjected(String action) {
    isNotNull();
    if (actual.faultsByAction().getOrDefault(action, 0) == 0) {
      failWithMessage("Expected %s to have injected <%s> at least once, but its faults by action are %s", run(), action,
          actual.faultsByAction());
    }
    return this;
  }

  /** The history checker found no anomaly in what the clients read. */
  public RunReportAssert hasNoReadAnomalies() {
    isNotNull();
    if (!actual.anomalies().isEmpty()) {
      String anomalies = actual.anomalies().stream().map(a -> "  " + a.type() + " " + a.key() + ": " + a.explanation())
          .collect(Collectors.joining("\n"));
      failWithMessage("Expected %s to show no read anomaly, but: %s%n%s", run(), actual.anomalyCounts(), anomalies);
    }
    return this;
  }

  /** The history checker found at least one read anomaly of {@code type}, e.g. stale_read. */
  public RunReportAssert hasReadAnomaly(String type) {
    isNotNull();
    if (actual.anomalyCounts().getOrDefault(type, 0) == 0) {
      failWithMessage("Expected %s to show a <%s> read anomaly, but its anomalies are %s", run(), type, actual.anomalyCounts());
    }
    return this;
  }

  private String run() {
    return "run " + actual.runId() + " (" + actual.runName() + ")";
  }

  /** One line per write: bucket/key, its command id, its fates, and the faults that hit it. */
  static String rows(List<RunReport.WriteFate> writes) {
    if (writes.isEmpty()) {
      return "  (none)";
    }
    return writes.stream().map(w -> String.format("  %s/%s  command %s  %s%s", w.bucket(), w.key(), w.commandId(),
        String.join("+", w.fates()), causes(w.causes()))).collect(Collectors.joining("\n"));
  }

  private static String causes(List<FaultEvent> causes) {
    if (causes == null || causes.isEmpty()) {
      return "";
    }
    return "  by " + causes.stream().map(c -> c.action() + " (" + c.ruleId() + " at " + c.target() + ")")
        .collect(Collectors.joining(", "));
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
