package io.mocks3.checker;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/** The human-readable summary of a {@link CheckReport}. */
final class ReportSummary {

  private static final int MAX_ANOMALIES_SHOWN = 50;

  private ReportSummary() {
  }

  static void print(CheckReport report, long tookMillis, PrintWriter out) {
    out.printf("%d operations, %d keys, %d processes (checked in %d ms)%n", report.operations(), report.keys(),
        report.processes(), tookMillis);
    out.println("strongest model over all keys: " + report.strongestModel());
    Map<String, Integer> models = new TreeMap<>((a, b) -> Models.ORDER.indexOf(a) - Models.ORDER.indexOf(b));
    report.perKey().values().forEach(v -> models.merge(v.model(), 1, Integer::sum));
    models.forEach((model, keys) -> out.printf("  %-18s %d keys%n", model, keys));
    printAnomalies(report, out);
    printLag(report, out);
    Map<String, Integer> outcomes = new TreeMap<>();
    report.listOutcomes().values().forEach(o -> outcomes.merge(o, 1, Integer::sum));
    if (!outcomes.isEmpty()) {
      out.println("listed keys: " + outcomes);
    }
    out.println(report.valid() ? "VALID: no anomalies" : "INVALID: " + report.anomalies().size() + " anomalies");
  }

  private static void printAnomalies(CheckReport report, PrintWriter out) {
    if (report.anomalies().isEmpty()) {
      return;
    }
    out.println("anomalies: " + report.anomalyCounts());
    report.anomalies().stream().limit(MAX_ANOMALIES_SHOWN).forEach(a -> {
      out.printf("- %s on %s: %s%n", a.type(), a.key(), a.explanation());
      a.witness().forEach(op -> out.println("    " + describe(op)));
    });
    if (report.anomalies().size() > MAX_ANOMALIES_SHOWN) {
      out.printf("  ... and %d more (use --json for all)%n", report.anomalies().size() - MAX_ANOMALIES_SHOWN);
    }
  }

  private static void printLag(CheckReport report, PrintWriter out) {
    if (report.readAfterWriteLag().isEmpty()) {
      return;
    }
    out.println("read-after-write lag (ms)   count      p50      p99      max");
    report.readAfterWriteLag().forEach((prefix, s) -> out.printf("  %-24s %7d %8d %8d %8d%n",
        prefix.isEmpty() ? "(no prefix)" : prefix, s.count(), s.p50Millis(), s.p99Millis(), s.maxMillis()));
  }

  static String describe(Op op) {
    String completed = op.completeNanos() == Long.MAX_VALUE ? "?" : Long.toString(op.completeNanos());
    String what = op.f() == Op.F.LIST ? "prefix=" + op.prefix() + " listed=" + op.listed()
        : op.key() + (op.value() == null ? "" : " " + op.value());
    return String.format("[%d..%d] %s %s %s %s  t=%d..%s", op.invokeIndex(), op.index(), op.process(),
        op.type().name().toLowerCase(), op.f().name().toLowerCase(), what, op.invokeNanos(), completed);
  }
}
