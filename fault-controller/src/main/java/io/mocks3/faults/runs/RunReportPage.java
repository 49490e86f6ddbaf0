package io.mocks3.faults.runs;

import io.mocks3.checker.Anomaly;
import io.mocks3.checker.LagStats;
import io.mocks3.checker.Op;
import io.mocks3.faults.runs.RunReport.Finding;
import io.mocks3.faults.runs.RunReport.TimelineEntry;
import io.mocks3.faults.runs.RunReport.WriteFate;
import java.util.List;
import java.util.Map;

/**
 * A run's report as a page a person reads: the verdict first, then the summary, a timeline of
 * faults against the anomalies they caused, the read-after-write lag per prefix, and the tables
 * with their witnesses. Plain HTML and inline SVG: no script, no build step.
 */
final class RunReportPage {
  private static final int TABLE_ROWS = 200;
  private static final Map<String, String> COLOURS = Map.of("fault", "#d9822b", "write", "#c23030", "read", "#7157d9");

  private RunReportPage() {}

  static String render(RunReport r) {
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Run ").append(esc(r.run().name()))
        .append("</title><style>body{font:14px system-ui,sans-serif;margin:24px;max-width:1200px;color:#182026}"
            + "table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccd;padding:4px 8px;text-align:left;"
            + "vertical-align:top}th{background:#f3f5f7}.pass{color:#0d8050}.fail{color:#c23030}code{font-size:12px}"
            + "h2{margin-top:28px}</style></head><body>");
    html.append("<h1>Run ").append(esc(r.run().name())).append("</h1><p id=\"run-state\">").append(r.run().state())
        .append(" · started ").append(r.run().startedAt()).append(" · id <code>").append(esc(r.run().id()))
        .append("</code></p>");
    verdict(html, r.verdict());
    summary(html, r);
    timeline(html, r.timeline(), r.summary().durationMillis());
    lag(html, r.reads().readAfterWriteLag());
    writes(html, r.writes().notApplied());
    anomalies(html, r.reads().anomalies());
    finalState(html, r.finalState());
    return html.append("</body></html>").toString();
  }

  private static void verdict(StringBuilder html, RunReport.Verdict v) {
    html.append("<h2 id=\"verdict\" class=\"").append(v.pass() ? "pass\">Verdict: pass" : "fail\">Verdict: fail")
        .append("</h2><table><tr><th>expectation</th><th>at most</th><th>measured</th><th></th></tr>");
    for (RunReport.Check c : v.checks()) {
      html.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(num(c.expected())).append("</td><td>")
          .append(num(c.measured())).append("</td><td class=\"").append(c.pass() ? "pass\">pass" : "fail\">fail")
          .append("</td></tr>");
    }
    html.append("</table>");
  }

  private static void summary(StringBuilder html, RunReport r) {
    html.append("<h2>Summary</h2><table id=\"summary\">");
    row(html, "operations", r.summary().operations());
    row(html, "acknowledged writes", r.summary().acknowledgedWrites());
    row(html, "writes without acknowledgement", r.summary().unacknowledgedWrites());
    row(html, "reads / listings", r.summary().reads() + " / " + r.summary().lists());
    row(html, "fault events", r.faults().total() + " " + r.faults().byAction());
    row(html, "faults that hit an acknowledged write", r.faults().attributedByAction());
    row(html, "fates of acknowledged writes", r.writes().fates());
    row(html, "read anomalies", r.reads().anomalyCounts());
    row(html, "consistency models of keys", r.reads().models());
    row(html, "final state", r.finalState().checkedKeys() + " keys checked: " + r.finalState().missing().size()
        + " missing, " + r.finalState().mismatched().size() + " mismatched, " + r.finalState().resurrected().size()
        + " resurrected, " + r.finalState().unacknowledgedMaterialized().size() + " unacknowledged writes materialized");
    html.append("</table>");
  }

  /** One row per kind (fault, write, read), a tick per entry, time from the run's start. */
  private static void timeline(StringBuilder html, List<TimelineEntry> entries, long durationMillis) {
    long span = Math.max(1, Math.max(durationMillis, entries.stream().mapToLong(TimelineEntry::atMillis).max().orElse(1)));
    int width = 1100;
    html.append("<h2>Timeline: faults against anomalies</h2><svg id=\"timeline\" width=\"").append(width + 80)
        .append("\" height=\"110\" role=\"img\" aria-label=\"timeline\">");
    List<String> rows = List.of("fault", "write", "read");
    for (int i = 0; i < rows.size(); i++) {
      int y = 15 + i * 30;
      html.append("<text x=\"0\" y=\"").append(y + 12).append("\" font-size=\"12\">").append(rows.get(i)).append("</text>");
      for (TimelineEntry e : entries) {
        if (e.kind().equals(rows.get(i))) {
          long x = 70 + Math.max(0, e.atMillis()) * width / span;
          html.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(y)
              .append("\" y2=\"").append(y + 18).append("\" stroke=\"").append(COLOURS.get(e.kind()))
              .append("\"><title>").append(esc(e.atMillis() + " ms " + e.label() + " " + nullToEmpty(e.bucket()) + "/"
                  + nullToEmpty(e.key()))).append("</title></line>");
        }
      }
    }
    html.append("<text x=\"70\" y=\"105\" font-size=\"11\">0 s</text><text x=\"").append(width + 20)
        .append("\" y=\"105\" font-size=\"11\">").append(span / 1000.0).append(" s</text></svg>");
  }

  /** Per prefix, a histogram of the lags (one bar per bin, height by count), with p50/p99/max beside it. */
  private static void lag(StringBuilder html, Map<String, LagStats> lag) {
    html.append("<h2>Read-after-write lag per prefix</h2>");
    if (lag.isEmpty()) {
      html.append("<p>No write was read back during the run.</p>");
      return;
    }
    html.append("<svg id=\"lag\" width=\"900\" height=\"").append(lag.size() * 110 + 10).append("\" role=\"img\">");
    int y = 5;
    for (Map.Entry<String, LagStats> e : lag.entrySet()) {
      LagStats s = e.getValue();
      html.append("<text x=\"0\" y=\"").append(y + 12).append("\" font-size=\"12\">")
          .append(esc(e.getKey().isEmpty() ? "(no prefix)" : e.getKey())).append(" — ").append(s.count())
          .append(" writes read back: p50 ").append(s.p50Millis()).append(" ms, p99 ").append(s.p99Millis())
          .append(" ms, max ").append(s.maxMillis()).append(" ms</text>");
      int most = Math.max(1, s.histogram().values().stream().mapToInt(Integer::intValue).max().orElse(1));
      int x = 10;
      for (Map.Entry<String, Integer> bin : s.histogram().entrySet()) {
        int h = bin.getValue() * 60 / most;
        html.append("<rect x=\"").append(x).append("\" y=\"").append(y + 80 - h).append("\" width=\"80\" height=\"")
            .append(Math.max(h, 1)).append("\" fill=\"#4a90d9\"><title>").append(bin.getValue()).append("</title></rect>")
            .append("<text x=\"").append(x).append("\" y=\"").append(y + 94).append("\" font-size=\"10\">")
            .append(esc(bin.getKey())).append(" (").append(bin.getValue()).append(")</text>");
        x += 95;
      }
      y += 110;
    }
    html.append("</svg>");
  }

  private static void writes(StringBuilder html, List<WriteFate> writes) {
    html.append("<h2>Acknowledged writes that were not simply applied (").append(writes.size()).append(")</h2>");
    html.append("<table id=\"writes\"><tr><th>fate</th><th>op</th><th>bucket/key</th><th>version</th><th>command</th>"
        + "<th>applied</th><th>caused by</th></tr>");
    writes.stream().limit(TABLE_ROWS).forEach(w -> html.append("<tr><td>").append(esc(String.join(", ", w.fates())))
        .append("</td><td>").append(w.op()).append("</td><td>").append(esc(w.bucket() + "/" + w.key())).append("</td><td>")
        .append(esc(nullToEmpty(w.versionId()))).append("</td><td><code>").append(esc(w.commandId())).append("</code></td><td>")
        .append(w.applications()).append("×").append(w.applyMillis() == null ? "" : " after " + w.applyMillis() + " ms")
        .append("</td><td>").append(esc(String.join("; ", w.causes().stream()
            .map(c -> c.service() + " " + c.detail() + " at " + c.target()).toList()))).append("</td></tr>"));
    html.append("</table>");
  }

  private static void anomalies(StringBuilder html, List<Anomaly> anomalies) {
    html.append("<h2>What clients read: anomalies with witnesses (").append(anomalies.size()).append(")</h2>");
    html.append("<table id=\"anomalies\"><tr><th>anomaly</th><th>key</th><th>explanation</th><th>witness</th></tr>");
    anomalies.stream().limit(TABLE_ROWS).forEach(a -> html.append("<tr><td>").append(esc(a.type())).append("</td><td>")
        .append(esc(a.key())).append("</td><td>").append(esc(a.explanation())).append("</td><td><code>")
        .append(esc(String.join("\n", a.witness().stream().map(RunReportPage::op).toList())).replace("\n", "<br>"))
        .append("</code></td></tr>"));
    html.append("</table>");
  }

  private static String op(Op op) {
    return op.process() + " " + op.f().name().toLowerCase(java.util.Locale.ROOT) + " " + op.type() + " "
        + (op.value() == null ? "∅" : op.value().toString());
  }

  private static void finalState(StringBuilder html, RunReport.FinalState state) {
    html.append("<h2>Final state after settling</h2><table id=\"final-state\"><tr><th>finding</th><th>bucket/key</th>"
        + "<th>expected</th><th>found</th><th>why</th></tr>");
    findings(html, "missing", state.missing());
    findings(html, "mismatched", state.mismatched());
    findings(html, "resurrected", state.resurrected());
    findings(html, "unacknowledged write materialized", state.unacknowledgedMaterialized());
    html.append("</table>");
  }

  private static void findings(StringBuilder html, String kind, List<Finding> findings) {
    findings.stream().limit(TABLE_ROWS).forEach(f -> html.append("<tr><td>").append(kind).append("</td><td>")
        .append(esc(f.bucket() + "/" + f.key())).append("</td><td>").append(esc(f.expected())).append("</td><td>")
        .append(esc(f.actual())).append("</td><td>").append(esc(f.explanation())).append("</td></tr>"));
  }

  private static void row(StringBuilder html, String name, Object value) {
    html.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(String.valueOf(value))).append("</td></tr>");
  }

  private static String num(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
