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

  /**
   * The projector's lag around one measured round on a target: during it (at start, at most, at end;
   * commands appended to the log and applied per second) and the drain after it.
   */
  record Lag(String workload, String target, int round, long atStart, long max, long atEnd, double appendedPerSecond,
             double appliedPerSecond, long backlog, double drainSeconds, double drainPerSecond, boolean drained) {

    static Lag of(String workload, String target, int round, LagWatch.During during, LagWatch.Drain drain) {
      return new Lag(workload, target, round, during.atStart(), during.max(), during.atEnd(), during.appendedPerSecond(),
          during.appliedPerSecond(), drain.backlog(), drain.seconds(), drain.perSecond(), drain.drained());
    }
  }

  final List<Row> rows = new ArrayList<>();
  final List<Ratio> ratios = new ArrayList<>();
  final List<Lag> lags = new ArrayList<>();
  /**
   * Per target, the consistency MockS3 said it served the target's requests in (its answers'
   * {@code x-mocks3-consistency}); {@link #NOT_MOCKS3} for a store that does not say. A target's
   * name means nothing to the bench: this is what tells a strong column from an eventual one.
   */
  final Map<String, String> consistency = new java.util.LinkedHashMap<>();
  static final String NOT_MOCKS3 = "not stated";
  /** The header a MockS3 request chooses its mode with, and every MockS3 answer states it in. */
  static final String CONSISTENCY_HEADER = "x-mocks3-consistency";

  /** Records the consistency a target is served in and prints it, with a warning when its name says the other mode. */
  void addConsistency(Target target, String served, PrintStream out) {
    consistency.put(target.name(), served);
    out.printf(Locale.ROOT, "target %s: %s, %s%n", target.name(), target.endpoint(),
        served.equals(NOT_MOCKS3) ? "no " + CONSISTENCY_HEADER + " in its answers (not a MockS3 gateway)" : "served in " + served + " consistency");
    String name = target.name().toLowerCase(Locale.ROOT);
    for (String mode : List.of("strong", "eventual")) {
      if (name.contains(mode) && !served.equals(mode) && !served.equals(NOT_MOCKS3)) {
        out.printf(Locale.ROOT, "WARNING: target %s is named %s but served in %s consistency: add ,%s:%s to it%n",
            target.name(), mode, served, CONSISTENCY_HEADER, mode);
      }
    }
  }

  /** Records a round's lag and prints it when the projector had anything to do. */
  void addLag(Lag lag, PrintStream out) {
    lags.add(lag);
    if (lag.max() == 0 && lag.appendedPerSecond() == 0) {
      return;
    }
    out.printf(Locale.ROOT, "  [%s] %s round %d: projector lag max %d, at end %d (log +%.0f/s, applied %.0f/s)", lag.target(),
        lag.workload(), lag.round(), lag.max(), lag.atEnd(), lag.appendedPerSecond(), lag.appliedPerSecond());
    if (!Double.isNaN(lag.drainPerSecond())) {
      out.printf(Locale.ROOT, "; drained %d in %.1f s: %.0f commands/s", lag.backlog(), lag.drainSeconds(), lag.drainPerSecond());
    } else if (lag.backlog() > 0) {
      out.printf(Locale.ROOT, "; drained %d in %.1f s (too short to time)", lag.backlog(), lag.drainSeconds());
    }
    out.println(lag.drained() ? "" : "; NOT drained within the time allowed");
  }

  /** The drain of the largest backlog the run left: the projector's apply rate with nothing else to do. */
  Lag largestDrain() {
    return lags.stream().filter(l -> !Double.isNaN(l.drainPerSecond()))
        .max(java.util.Comparator.comparingLong(Lag::backlog)).orElse(null);
  }

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
    if (base.ops() == 0) {
      // No figure to divide by: the baseline answered nothing (S3Mock gone, say). The table shows "—", not Infinity.
      out.println(line + " none, " + baseline + " answered no request");
      return;
    }
    for (String target : targets) {
      if (target.equals(baseline)) {
        continue;
      }
      Row row = total(added, label, target, workload);
      if (row.ops() == 0) {
        line.append(String.format(Locale.ROOT, "  %s none (it answered no request)", target));
        continue;
      }
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

  /**
   * The run as one markdown table: a row per workload, a column per target (throughput, p50), then the
   * ratios to the baseline; under it the drain rate and, per workload and target that left a
   * backlog, the largest lag seen and the lag at the end of the last round.
   */
  void printTable(List<String> targets, String baseline, PrintStream out) {
    List<String> others = targets.stream().filter(t -> !t.equals(baseline)).toList();
    StringBuilder header = new StringBuilder("| workload |");
    targets.forEach(t -> header.append(' ').append(t).append(" |"));
    others.forEach(t -> header.append(' ').append(t).append(" / ").append(baseline).append(" |"));
    out.printf(Locale.ROOT, "%n== table (throughput, p50; ratios: throughput, p50)%n%s%n|%s%n", header, "---|".repeat(1 + targets.size() + others.size()));
    for (String workload : rows.stream().map(Row::workload).distinct().toList()) {
      StringBuilder line = new StringBuilder("| " + workload + " |");
      for (String target : targets) {
        Row row = mainRow(workload, target);
        line.append(row == null ? " — |" : String.format(Locale.ROOT, " %s/s, p50 %s ms |", figure(row.opsPerSecond()), figure(row.p50Ms())));
      }
      for (String target : others) {
        Ratio ratio = ratios.stream().filter(r -> r.workload().equals(workload) && r.target().equals(target)).findFirst().orElse(null);
        line.append(ratio == null ? " — |" : String.format(Locale.ROOT, " %.2fx, p50 %.2fx |", ratio.throughput(), ratio.p50()));
      }
      out.println(line);
    }
    if (!consistency.isEmpty()) {
      out.printf(Locale.ROOT, "consistency served: %s%n", String.join(", ",
          consistency.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
    }
    Lag drain = largestDrain();
    if (drain != null) {
      out.printf(Locale.ROOT, "%nprojector drain rate: %.0f commands/s (%d commands after %s on %s, drained in %.1f s)%n",
          drain.drainPerSecond(), drain.backlog(), drain.workload(), drain.target(), drain.drainSeconds());
    }
    lags.stream().filter(l -> l.max() > 0).map(l -> l.workload() + "|" + l.target()).distinct().forEach(key -> {
      List<Lag> of = lags.stream().filter(l -> key.equals(l.workload() + "|" + l.target())).toList();
      Lag last = of.get(of.size() - 1);
      out.printf(Locale.ROOT, "projector lag during %s on %s: max %d, at the end of each round %s%n", last.workload(), last.target(),
          of.stream().mapToLong(Lag::max).max().orElse(0), of.stream().map(l -> Long.toString(l.atEnd())).toList());
    });
  }

  private Row mainRow(String workload, String target) {
    return rows.stream().filter(r -> r.workload().equals(workload) && r.target().equals(target)).reduce((a, b) -> b).orElse(null);
  }

  /** 1,218 or 9.4 or 0.62: three significant figures at most, as a reader compares them. */
  static String figure(double value) {
    if (Double.isNaN(value)) {
      return "—";
    }
    if (value >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
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
