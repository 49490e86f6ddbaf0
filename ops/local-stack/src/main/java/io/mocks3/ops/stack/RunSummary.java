package io.mocks3.ops.stack;

import io.mocks3.client.RunReport;

/** A run's report as a few lines a person reads in a terminal. */
final class RunSummary {
  private static final int ROWS = 20;

  private RunSummary() {}

  static String of(RunReport report) {
    StringBuilder out = new StringBuilder();
    RunReport.Verdict verdict = report.verdict();
    out.append(String.format("run %s (%s): %s, verdict %s%n", report.runId(), report.runName(),
        report.json().path("run").path("state").asString(), verdict.pass() ? "PASS" : "FAIL"));
    for (RunReport.Check c : verdict.checks()) {
      out.append(String.format("  %-4s %-30s measured %s, at most %s%n", c.pass() ? "ok" : "FAIL", c.name(), number(c.measured()),
          number(c.expected())));
    }
    RunReport.Summary summary = report.summary();
    out.append(String.format("operations %d: %d acknowledged writes, %d reads, %d listings%n", summary.operations(),
        summary.acknowledgedWrites(), summary.reads(), summary.lists()));
    out.append("faults: ").append(report.faultsByAction()).append('\n');
    out.append("fates of acknowledged writes: ").append(report.writeFates()).append('\n');
    out.append("read anomalies: ").append(report.anomalyCounts()).append('\n');
    int shown = 0;
    for (RunReport.WriteFate w : report.notApplied()) {
      if (shown++ == ROWS) {
        out.append("  ... (ops/mocks3 run report <id> --json for all)\n");
        break;
      }
      out.append(String.format("  %-22s %s/%s  command %s%n", String.join("+", w.fates()), w.bucket(), w.key(), w.commandId()));
    }
    RunReport.FinalState state = report.finalState();
    out.append(String.format("final state: %d keys checked, %d missing, %d mismatched, %d resurrected%n", state.checkedKeys(),
        size(state.missing()), size(state.mismatched()), size(state.resurrected())));
    return out.toString();
  }

  private static int size(java.util.List<?> list) {
    return list == null ? 0 : list.size();
  }

  private static String number(double n) {
    return n == Math.rint(n) ? String.valueOf((long) n) : String.valueOf(n);
  }
}
