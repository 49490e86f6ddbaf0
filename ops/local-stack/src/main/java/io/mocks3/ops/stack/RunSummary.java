package io.mocks3.ops.stack;

import com.fasterxml.jackson.databind.JsonNode;

/** A run's report as a few lines a person reads in a terminal. */
final class RunSummary {
  private static final int ROWS = 20;

  private RunSummary() {}

  static String of(JsonNode report) {
    StringBuilder out = new StringBuilder();
    JsonNode run = report.path("run");
    JsonNode verdict = report.path("verdict");
    out.append(String.format("run %s (%s): %s, verdict %s%n", run.path("id").asText(), run.path("name").asText(),
        run.path("state").asText(), verdict.path("pass").asBoolean() ? "PASS" : "FAIL"));
    for (JsonNode c : verdict.path("checks")) {
      out.append(String.format("  %-4s %-30s measured %s, at most %s%n", c.path("pass").asBoolean() ? "ok" : "FAIL",
          c.path("name").asText(), number(c.path("measured")), number(c.path("expected"))));
    }
    JsonNode summary = report.path("summary");
    out.append(String.format("operations %d: %d acknowledged writes, %d reads, %d listings%n",
        summary.path("operations").asInt(), summary.path("acknowledged_writes").asInt(), summary.path("reads").asInt(),
        summary.path("lists").asInt()));
    out.append("faults: ").append(report.path("faults").path("by_action")).append('\n');
    out.append("fates of acknowledged writes: ").append(report.path("writes").path("fates")).append('\n');
    out.append("read anomalies: ").append(report.path("reads").path("anomaly_counts")).append('\n');
    int shown = 0;
    for (JsonNode w : report.path("writes").path("not_applied")) {
      if (shown++ == ROWS) {
        out.append("  ... (ops/mocks3 run report <id> --json for all)\n");
        break;
      }
      out.append(String.format("  %-22s %s/%s  command %s%n", String.join("+", texts(w.path("fates"))),
          w.path("bucket").asText(), w.path("key").asText(), w.path("command_id").asText()));
    }
    JsonNode state = report.path("final_state");
    out.append(String.format("final state: %d keys checked, %d missing, %d mismatched, %d resurrected%n",
        state.path("checked_keys").asInt(), state.path("missing").size(), state.path("mismatched").size(),
        state.path("resurrected").size()));
    return out.toString();
  }

  private static Iterable<String> texts(JsonNode array) {
    java.util.List<String> values = new java.util.ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String number(JsonNode n) {
    return n.asDouble() == Math.rint(n.asDouble()) ? String.valueOf(n.asLong()) : n.asText();
  }
}
