package io.mocks3.ops.stack;

import io.mocks3.client.ChaosTopic;
import io.mocks3.client.DeadLetterTopic;
import io.mocks3.client.FaultEvent;
import io.mocks3.client.InstalledRule;
import io.mocks3.client.Run;
import io.mocks3.client.Scenarios;
import java.util.ArrayList;
import java.util.List;

/** The control plane's answers as lines a person reads in a terminal (the CLI's default; --json prints them whole). */
final class ControlText {
  private static final String NL = System.lineSeparator();

  private ControlText() {}

  static String rules(List<InstalledRule> rules) {
    if (rules.isEmpty()) {
      return "no rules" + NL;
    }
    StringBuilder out = new StringBuilder(String.format("%-36s  %-8s %-16s %-14s %s%n", "ID", "ENABLED", "SERVICE", "ACTION", "NAME"));
    rules.forEach(r -> out.append(String.format("%-36s  %-8s %-16s %-14s %s%n", r.id(), r.enabled() ? "yes" : "no",
        r.service() == null ? "*" : r.service(), r.action(), r.name())));
    return out.toString();
  }

  static String rule(InstalledRule r) {
    return "rule " + r.id() + " (" + r.name() + "): " + r.action() + " at " + (r.service() == null ? "every service" : r.service())
        + (r.enabled() ? "" : ", disabled") + (r.expiresAt() == null ? "" : ", until " + r.expiresAt())
        + (r.json().path("conditions").isEmpty() ? "" : ", when " + conditions(r)) + NL;
  }

  private static String conditions(InstalledRule r) {
    List<String> out = new ArrayList<>();
    r.json().path("conditions").forEach(c -> out.add(c.path("type").asString() + " "
        + (c.hasNonNull("name") ? c.get("name").asString() + (c.hasNonNull("value") ? "=" : "") : "")
        + (c.hasNonNull("value") ? c.get("value").asString() : "")
        + (c.hasNonNull("from") || c.hasNonNull("until") ? c.path("from").asString("") + ".." + c.path("until").asString("") : "")));
    return String.join(", ", out);
  }

  static String chaos(List<ChaosTopic> topics) {
    if (topics.isEmpty()) {
      return "no chaos" + NL;
    }
    StringBuilder out = new StringBuilder();
    topics.forEach(c -> out.append(chaos(c)));
    return out.toString();
  }

  static String chaos(ChaosTopic c) {
    List<String> parts = new ArrayList<>();
    rate(parts, "loss", c.lossRate());
    rate(parts, "duplicate", c.duplicateRate());
    rate(parts, "dead-letter", c.deadLetterRate());
    rate(parts, "reorder", c.reorderRate());
    if (c.delay() != null) {
      parts.add("delay " + c.delay() + " " + percent(c.delayRate() == null ? 0 : c.delayRate()));
    }
    if (c.consumer() != null) {
      parts.add("consumer " + c.consumer());
    }
    if (c.keyFilter() != null) {
      parts.add("key " + c.keyFilter());
    }
    if (c.seed() != null) {
      parts.add("seed " + c.seed());
    }
    if (c.expiresAt() != null) {
      parts.add("until " + c.expiresAt());
    }
    return c.topic() + ": " + String.join(", ", parts) + NL;
  }

  private static void rate(List<String> parts, String name, Double rate) {
    if (rate != null && rate > 0) {
      parts.add(name + " " + percent(rate));
    }
  }

  static String percent(double rate) {
    double p = rate * 100;
    return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
  }

  static String scenarios(List<Scenarios.Scenario> available, List<Scenarios.ActiveScenario> active) {
    StringBuilder out = new StringBuilder();
    for (Scenarios.Scenario s : available) {
      Scenarios.ActiveScenario running = active.stream().filter(a -> a.name().equals(s.name())).findFirst().orElse(null);
      out.append(String.format("%-22s %-28s %s%n", s.name(), running == null ? "" : running.deadline() == null
          ? "RUNNING" : "RUNNING until " + running.deadline(), s.description() == null ? "" : s.description()));
    }
    return out.toString();
  }

  static String events(List<FaultEvent> events) {
    if (events.isEmpty()) {
      return "no fault events" + NL;
    }
    StringBuilder out = new StringBuilder();
    for (FaultEvent e : events) {
      String object = e.subject() == null || e.subject().bucket() == null ? ""
          : "  " + e.subject().bucket() + (e.subject().key() == null ? "" : "/" + e.subject().key());
      out.append(String.format("%s  %-18s %-12s %-30s %s%s%n", e.at(), e.service(), e.action(), e.ruleId(), e.target(), object));
    }
    return out.toString();
  }

  static String deadLetterTopics(List<DeadLetterTopic> topics) {
    StringBuilder out = new StringBuilder(String.format("%-34s %8s %8s%n", "DLQ", "WAITING", "TOTAL"));
    topics.forEach(t -> out.append(String.format("%-34s %8d %8d%n", t.topic(), t.waiting(), t.total())));
    return out.toString();
  }

  static String run(Run run) {
    return "run " + run.id() + " (" + run.name() + "): " + run.state() + NL;
  }

  static String runs(List<Run> runs) {
    StringBuilder out = new StringBuilder();
    runs.forEach(r -> out.append(String.format("%s  %-8s %s  %s%n", r.id(), r.state(), r.startedAt(), r.name())));
    return out.length() == 0 ? "no runs" + NL : out.toString();
  }
}
