package io.mocks3.faults.runs;

import io.mocks3.faults.rules.RuleValidator;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.Condition;
import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.fault.FaultRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns an exported run into rules that make the same decisions again. Each injection of a rule
 * was recorded with its position in the sequence of requests that met the rule's filters at one
 * process; the replay rule keeps the filters and action, drops what drew or counted (probability,
 * first_n, every_nth) and hits exactly the recorded positions ({@code matches}), once per process
 * ({@code instance}). Sent the same requests in the same order, every process meets the same
 * faults, whatever seeds the original rules had or lacked.
 */
public final class Replays {
  private Replays() {}

  /**
   * The problems of the run's chaos topics, checked as {@code PUT /api/v1/chaos/topics/{topic}}
   * checks them: an export may have been edited, or written by hand.
   */
  public static List<String> chaosProblems(RunExport run) {
    List<String> problems = new ArrayList<>();
    for (ChaosTopic c : run.chaos()) {
      RuleValidator.chaosProblems(c.topic(), c).forEach(p -> problems.add("chaos on " + c.topic() + ": " + p));
    }
    return problems;
  }

  /** The replay rules of {@code run}, without ids (the controller assigns them). */
  public static List<FaultRule> plan(RunExport run) {
    Map<String, FaultRule> byId = new TreeMap<>();
    run.rules().forEach(r -> byId.put(r.id(), r));
    Map<String, Map<String, Set<Long>>> hits = new TreeMap<>();
    for (FaultEvent e : run.events()) {
      if (e.match() != null && byId.containsKey(e.ruleId())) {
        hits.computeIfAbsent(e.ruleId(), id -> new TreeMap<>()).computeIfAbsent(e.service(), s -> new TreeSet<>()).add(e.match());
      }
    }
    List<FaultRule> plan = new ArrayList<>();
    hits.forEach((ruleId, byInstance) -> byInstance.forEach((instance, positions) -> {
      FaultRule original = byId.get(ruleId);
      List<Condition> conditions = new ArrayList<>();
      for (Condition c : original.conditions()) {
        if (!Condition.SEQUENCE_TYPES.contains(c.type()) && !c.type().equals("instance")) {
          conditions.add(c);
        }
      }
      conditions.add(new Condition("instance", instance, null, null, null));
      conditions.add(new Condition("matches", List.copyOf(positions), null, null, null));
      plan.add(new FaultRule(null, "replay of " + original.name() + " at " + instance,
          "replays rule " + ruleId + ": the " + positions.size() + " injections recorded at " + instance,
          original.service(), true, conditions, original.action(), null, original.priority(),
          original.scenario() == null ? "replay" : "replay:" + original.scenario(), null, null, null));
    }));
    return plan;
  }
}
