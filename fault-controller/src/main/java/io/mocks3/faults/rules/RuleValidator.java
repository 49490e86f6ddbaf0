package io.mocks3.faults.rules;

import io.mocks3.schemas.Topics;
import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.Condition;
import io.mocks3.schemas.fault.Durations;
import io.mocks3.schemas.fault.FaultRule;
import io.mocks3.schemas.fault.Services;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every problem of a rule or a chaos setting, in words the user can act on; empty when it is
 * valid. The one validation of the REST API, the scenarios and run replays alike.
 */
public final class RuleValidator {
  /**
   * The topics whose consumers apply chaos: the projector's commands, the storage nodes' blob
   * chunks, the task workers' webhook notifications, the projector's cache writer's captured
   * changes (CDC), and the gateway's view of outcomes (events and storage acknowledgements).
   */
  public static final Set<String> CHAOS_TOPICS =
      Set.of(Topics.COMMANDS, Topics.BLOBS, Topics.NOTIFICATIONS, Topics.CDC, Topics.EVENTS, Topics.BLOB_ACKS);
  /**
   * The topics whose consumers own what they consume and can set a record aside in its DLQ. The
   * gateway only watches outcomes: on events and acknowledgements there is loss, duplication and delay.
   */
  public static final Set<String> DEAD_LETTERABLE = Set.of(Topics.COMMANDS, Topics.BLOBS, Topics.NOTIFICATIONS, Topics.CDC);
  /** The topics whose consumer can hold a record back and apply it later: the projector's commands. */
  public static final Set<String> REORDERABLE = Set.of(Topics.COMMANDS);

  /** What the inner points that are not HTTP exchanges (database transactions, task attempts) can do. */
  private static final java.util.Set<String> ERROR_OR_DELAY = java.util.Set.of("http_error", "delay");
  private static final java.util.Set<String> BODY_ACTIONS = java.util.Set.of("throttle", "truncate", "corrupt", "wrong_etag");
  /** What an origin (the upstream a bucket back-fills from) can do wrong. */
  private static final java.util.Set<String> ORIGIN_ACTIONS =
      java.util.Set.of("http_error", "delay", "hang", "throttle", "truncate", "corrupt");
  /** The services whose processes have network links (the fault controller's own Kafka traffic has none). */
  private static final Set<String> LINKED_SERVICES =
      Set.of("*", "api-gateway", "metadata-projector", "storage-node", "task-workers");
  /** What selects a link: the process, the link, and when. Link rules hold a state, so nothing counts requests. */
  private static final Set<String> LINK_CONDITIONS = Set.of("instance", "link", "time_window");

  private RuleValidator() {}

  public static List<String> problems(FaultRule rule) {
    List<String> problems = new ArrayList<>();
    if (rule.name() == null || rule.name().isBlank()) {
      problems.add("name is required");
    }
    if (Services.canonical(rule.service()) == null) {
      problems.add("service \"" + rule.service() + "\" is unknown; use one of " + Services.names() + " or \"*\"");
    }
    for (Condition c : rule.conditions()) {
      problems.addAll(conditionProblems(c));
    }
    Action a = rule.action();
    if (a == null || a.type() == null || !Action.TYPES.contains(a.type())) {
      problems.add("action.type must be one of " + Action.TYPES);
    } else if (a.type().equals("http_error") && (a.httpCode() == null || a.httpCode() < 400 || a.httpCode() > 599)) {
      problems.add("action.http_code must be an HTTP error status (400-599)");
    } else if (a.type().equals("delay")) {
      duration(a.delay(), "action.delay", problems);
    } else if (a.type().equals("hang") && a.delay() != null) {
      duration(a.delay(), "action.delay", problems);
    } else if (a.type().equals("throttle") && (a.bytesPerSecond() == null || a.bytesPerSecond() < 1)) {
      problems.add("action.bytes_per_second must be at least 1");
    } else if (a.type().equals("truncate") && (a.truncateAfter() == null || a.truncateAfter() < 0)) {
      problems.add("action.truncate_after must be a number of bytes, 0 or more");
    } else if (a.type().equals("corrupt") && a.corruptBytes() != null && a.corruptBytes() < 1) {
      problems.add("action.corrupt_bytes must be at least 1");
    }
    if (a != null && BODY_ACTIONS.contains(a.type()) && "metadata".equals(Services.canonical(rule.service()))) {
      problems.add("action " + a.type() + " changes HTTP answers; metadata-service faults are http_error, delay, hang, stale_read or cache_miss");
    }
    if (a != null && "metadata-db".equals(Services.canonical(rule.service())) && !ERROR_OR_DELAY.contains(a.type())) {
      problems.add("metadata-db faults are " + ERROR_OR_DELAY + ": a transaction fails (and is rolled back) or is slow");
    }
    if (a != null && "tasks".equals(Services.canonical(rule.service())) && !ERROR_OR_DELAY.contains(a.type())) {
      problems.add("tasks faults are " + ERROR_OR_DELAY + ": a task attempt fails (and is retried) or is slow");
    }
    if (a != null && "origin".equals(Services.canonical(rule.service())) && !ORIGIN_ACTIONS.contains(a.type())) {
      problems.add("origin faults are " + ORIGIN_ACTIONS + ": the upstream fails (404: has no such key), is slow, "
          + "hangs, or sends a slow, cut or dirty body");
    }
    if (a != null && Action.DISK_TYPES.contains(a.type()) && !"storage-disk".equals(Services.canonical(rule.service()))) {
      problems.add("action " + a.type() + " acts on the storage nodes' disk: its service is storage-disk");
    }
    if (a != null && Action.CACHE_TYPES.contains(a.type()) && !"metadata".equals(Services.canonical(rule.service()))) {
      problems.add("action " + a.type() + " acts on the gateway's metadata cache: its service is metadata-service");
    }
    linkProblems(rule, problems);
    if (rule.ttl() != null) {
      duration(rule.ttl(), "ttl", problems);
    }
    return problems;
  }

  /** A link action's fields, service and conditions; a link condition on anything else. */
  private static void linkProblems(FaultRule rule, List<String> problems) {
    Action a = rule.action();
    boolean link = a != null && a.isLinkAction();
    if (!link) {
      if (rule.conditions().stream().anyMatch(c -> "link".equals(c.type()))) {
        problems.add("a link condition selects a network link: only link actions " + Action.LINK_TYPES + " take it");
      }
      return;
    }
    if (!LINKED_SERVICES.contains(Services.canonical(rule.service()))) {
      problems.add("link actions act on a process's network links: service is one of " + LINKED_SERVICES
          + " (with an instance condition for one process, e.g. node-2)");
    }
    rule.conditions().stream().map(Condition::type).filter(t -> t != null && !LINK_CONDITIONS.contains(t)).distinct()
        .forEach(t -> problems.add("a link rule holds while it is in force: its conditions are " + LINK_CONDITIONS
            + ", not " + t));
    if (a.direction() != null && !Action.DIRECTIONS.contains(a.direction())) {
      problems.add("action.direction must be one of " + Action.DIRECTIONS);
    }
    switch (a.type()) {
      case "link_latency", "link_slow_close" -> duration(a.delay() == null ? "" : a.delay(), "action.delay", problems);
      case "link_bandwidth" -> {
        if (a.bytesPerSecond() == null || a.bytesPerSecond() < 1) {
          problems.add("action.bytes_per_second must be at least 1");
        }
      }
      default -> { }
    }
    if (a.jitter() != null) {
      duration(a.jitter(), "action.jitter", problems);
    }
  }

  /** The first field of {@code rule} whose duration does not parse ("ttl", "action.delay"); null when none. */
  public static String unparseableDuration(FaultRule rule) {
    Action a = rule.action();
    return firstUnparseable(Map.of("ttl", text(rule.ttl()), "action.delay", text(a == null ? null : a.delay()),
        "action.jitter", text(a == null ? null : a.jitter())));
  }

  /** Every problem of chaos settings for {@code topic}. */
  public static List<String> chaosProblems(String topic, ChaosTopic chaos) {
    List<String> problems = new ArrayList<>();
    if (!CHAOS_TOPICS.contains(topic)) {
      problems.add("chaos on " + topic + " is not supported yet; supported: " + CHAOS_TOPICS);
    }
    if (chaos.deadLetterRate() != null && chaos.deadLetterRate() > 0 && !DEAD_LETTERABLE.contains(topic)) {
      problems.add("dead-lettering is supported on " + DEAD_LETTERABLE + " only");
    }
    if ((chaos.reorderRate() != null || chaos.reorderWindow() != null) && !REORDERABLE.contains(topic)) {
      problems.add("reordering is supported on " + REORDERABLE + " only");
    }
    if (chaos.reorderWindow() != null && (chaos.reorderWindow() < 1 || chaos.reorderWindow() > 1000)) {
      problems.add("reorder_window must be between 1 and 1000 records");
    }
    rateProblems(chaos, problems);
    if (chaos.delay() != null) {
      duration(chaos.delay(), "delay", problems);
    }
    if (chaos.ttl() != null) {
      duration(chaos.ttl(), "ttl", problems);
    }
    return problems;
  }

  /** The first field of {@code chaos} whose duration does not parse ("delay", "ttl"); null when none. */
  public static String unparseableDuration(ChaosTopic chaos) {
    return firstUnparseable(Map.of("delay", text(chaos.delay()), "ttl", text(chaos.ttl())));
  }

  private static void rateProblems(ChaosTopic chaos, List<String> problems) {
    double sum = 0;
    for (var rate : Map.of("loss_rate", ChaosTopic.rate(chaos.lossRate()),
        "dead_letter_rate", ChaosTopic.rate(chaos.deadLetterRate()),
        "duplicate_rate", ChaosTopic.rate(chaos.duplicateRate()),
        "reorder_rate", ChaosTopic.rate(chaos.reorderRate()),
        "delay_rate", ChaosTopic.rate(chaos.delayRate())).entrySet()) {
      if (rate.getValue() < 0 || rate.getValue() > 1) {
        problems.add(rate.getKey() + " must be between 0 and 1");
      }
      if (!rate.getKey().equals("delay_rate")) {
        sum += rate.getValue();
      }
    }
    if (sum > 1) {
      problems.add("loss_rate + dead_letter_rate + duplicate_rate + reorder_rate must not exceed 1");
    }
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  /** Of field → duration text ("" when absent), the first field, in name order, that does not parse. */
  private static String firstUnparseable(Map<String, String> durations) {
    return new java.util.TreeMap<>(durations).entrySet().stream()
        .filter(d -> !d.getValue().isEmpty() && !parses(d.getValue()))
        .map(Map.Entry::getKey).findFirst().orElse(null);
  }

  private static boolean parses(String text) {
    try {
      Durations.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static List<String> conditionProblems(Condition c) {
    List<String> problems = new ArrayList<>();
    if (c.type() == null || !Condition.TYPES.contains(c.type())) {
      problems.add("condition type \"" + c.type() + "\" is unknown; use one of " + Condition.TYPES);
      return problems;
    }
    switch (c.type()) {
      case "probability" -> {
        double p = number(c, problems);
        if (p < 0 || p > 1) {
          problems.add("probability must be between 0 and 1");
        }
      }
      case "matches" -> {
        if (!(c.value() instanceof java.util.Collection<?> list) || list.isEmpty() || list.size() > 100_000
            || c.positions().size() != list.size() || c.positions().stream().anyMatch(n -> n < 1)) {
          problems.add("matches must list positions: distinct whole numbers from 1 (at most 100000)");
        }
      }
      case "first_n", "every_nth" -> {
        double n = number(c, problems);
        if (n < 1 || n != Math.rint(n)) {
          problems.add(c.type() + " must be a whole number of at least 1");
        }
      }
      case "header" -> {
        if (c.name() == null || c.name().isBlank()) {
          problems.add("a header condition needs the header's name");
        }
      }
      case "time_window" -> {
        for (String bound : new String[] {c.from(), c.until()}) {
          if (bound != null) {
            try {
              Instant.parse(bound);
            } catch (RuntimeException e) {
              problems.add("time_window bounds are ISO-8601 instants, e.g. 2026-11-23T10:00:00Z: " + bound);
            }
          }
        }
      }
      default -> {
        if (c.text() == null || c.text().isEmpty()) {
          problems.add("a " + c.type() + " condition needs a value");
        } else if (c.type().equals("key_pattern")) {
          try {
            Pattern.compile(c.text().replace("*", ".*").replace("?", "."));
          } catch (RuntimeException e) {
            problems.add("key_pattern is not a valid glob: " + c.text());
          }
        }
      }
    }
    return problems;
  }

  private static double number(Condition c, List<String> problems) {
    try {
      return c.number();
    } catch (RuntimeException e) {
      problems.add(c.type() + " needs a numeric value");
      return Double.NaN;
    }
  }

  private static void duration(String text, String field, List<String> problems) {
    try {
      Durations.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(field + ": " + e.getMessage());
    }
  }
}
