package io.mocks3.ops.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of a run: one row per workload, target and operation, and ratios to the baseline target. */
final class Report {

  /** What one target's operation did in a workload, summed over its rounds. */
  record Row(String workload, String target, String operation, long ops, double seconds, double opsPerSecond,
             double mibPerSecond, double p50Ms, double p95Ms, double p99Ms, double maxMs, long errors,
             Map<String, Long> errorKinds, String firstError) {

    static Row of(String workload, String target, String operation, OpTally tally, double seconds) {
      return new Row(workload, target, operation, tally.ops(), seconds, tally.ops() / seconds,
          tally.bytes / 1048576.0 / seconds, tally.millisAt(50), tally.millisAt(95), tally.millisAt(99),
          tally.maxMillis(), tally.errors, Map.copyOf(tally.errorKinds), tally.firstError);
    }
  }

  /** A target's throughput and median latency divided by the baseline's, in the same workload. */
  record Ratio(String workload, String target, String baseline, double throughput, double p50) {
  }

  final List<Row> rows = new ArrayList<>();
  final List<Ratio> ratios = new ArrayList<>();

  /** Adds a workload's results (targets in order) and prints them. */
  void add(Workload workload, List<String> targets, List<Tally> tallies, String baseline, PrintStream out) {
    String label = workload.label();
    List<Row> added = new ArrayList<>();
    for (int t = 0; t < targets.size(); t++) {
      Tally tally = tallies.get(t);
      String target = targets.get(t);
      if (workload.operation() == Operation.MIXED) {
        tally.byOperation.forEach((op, opTally) -> added.add(Row.of(label, target, op.name(), opTally, tally.seconds)));
      }
      added.add(Row.of(label, target, workload.operation().name(), tally.total(), tally.seconds));
    }
    rows.addAll(added);
    out.printf(Locale.ROOT, "%n== %s%n", label);
    out.printf(Locale.ROOT, "%-16s %-6s %9s %10s %8s %8s %8s %8s %9s %7s%n",
        "target", "op", "ops", "ops/s", "MiB/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors");
    for (Row row : added) {
      out.printf(Locale.ROOT, "%-16s %-6s %9d %10.1f %8.2f %8.2f %8.2f %8.2f %9.2f %7d%n", row.target(), row.operation(),
          row.ops(), row.opsPerSecond(), row.mibPerSecond(), row.p50Ms(), row.p95Ms(), row.p99Ms(), row.maxMs(), row.errors());
      if (row.errors() > 0) {
        out.printf(Locale.ROOT, "%-16s   errors by kind %s; first: %s%n", "", row.errorKinds(), row.firstError());
      }
    }
    Row base = total(added, label, baseline, workload);
    if (base == null || targets.size() < 2) {
      return;
    }
    StringBuilder line = new StringBuilder("ratio to " + baseline + " (throughput, p50):");
    for (String target : targets) {
      if (target.equals(baseline)) {
        continue;
      }
      Row row = total(added, label, target, workload);
      Ratio ratio = new Ratio(label, target, baseline, row.opsPerSecond() / base.opsPerSecond(), row.p50Ms() / base.p50Ms());
      ratios.add(ratio);
      line.append(String.format(Locale.ROOT, "  %s %.2fx, %.2fx", target, ratio.throughput(), ratio.p50()));
    }
    out.println(line);
  }

  private static Row total(List<Row> rows, String label, String target, Workload workload) {
    return rows.stream()
        .filter(r -> r.workload().equals(label) && r.target().equals(target) && r.operation().equals(workload.operation().name()))
        .findFirst().orElse(null);
  }

  /** Every ratio again, one line each, for the end of a long run. */
  void printRatios(PrintStream out) {
    if (ratios.isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, "%n== ratios (target / baseline)%n%-34s %-16s %-12s %10s %8s%n", "workload", "target", "baseline", "throughput", "p50");
    for (Ratio ratio : ratios) {
      out.printf(Locale.ROOT, "%-34s %-16s %-12s %9.2fx %7.2fx%n", ratio.workload(), ratio.target(), ratio.baseline(),
          ratio.throughput(), ratio.p50());
    }
  }
}
