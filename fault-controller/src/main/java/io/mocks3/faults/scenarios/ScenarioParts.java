package io.mocks3.faults.scenarios;

import io.mocks3.faults.rules.RuleValidator;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.FaultRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a started scenario writes: its definition's rules and chaos topics, tagged, dated and
 * ending at the scenario's deadline, each checked by the same {@link RuleValidator} as the REST API.
 */
public final class ScenarioParts {
  private ScenarioParts() {}

  /**
   * The definition's rules, tagged with the scenario and living until {@code ends}, or until their
   * own ttl runs out when that comes first (as chaos topics do); validated.
   */
  public static List<FaultRule> rules(Scenarios.Definition definition, Instant now, Instant ends) {
    List<FaultRule> rules = new ArrayList<>();
    for (int i = 0; i < definition.rules().size(); i++) {
      FaultRule r = definition.rules().get(i);
      Instant ruleEnds = ends;
      if (r.ttl() != null) {
        Instant own = now.plus(io.mocks3.schemas.fault.Durations.parse(r.ttl()));
        ruleEnds = ends == null || own.isBefore(ends) ? own : ends;
      }
      String ttl = ruleEnds == null ? null : Duration.between(now, ruleEnds).toMillis() + "ms";
      FaultRule tagged = new FaultRule("scenario-" + definition.name() + "-" + (i + 1), r.name(), r.description(), r.service(),
          r.enabled(), r.conditions(), r.action(), ttl, r.priority(), definition.name(), r.seed(), now, ruleEnds);
      List<String> problems = RuleValidator.problems(tagged);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("scenario " + definition.name() + " rule " + r.name() + ": " + problems);
      }
      rules.add(tagged);
    }
    return rules;
  }

  /** The definition's chaos topics, created now and expiring at {@code ends} (or after their own ttl); validated. */
  public static List<ChaosTopic> chaos(Scenarios.Definition definition, Instant now, Instant ends) {
    List<ChaosTopic> chaos = new ArrayList<>();
    for (ChaosTopic c : definition.chaos()) {
      List<String> problems = RuleValidator.chaosProblems(c.topic(), c);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("scenario " + definition.name() + " chaos on " + c.topic() + ": " + problems);
      }
      ChaosTopic created = c.on(c.topic(), now);
      chaos.add(ends == null ? created : created.until(ends));
    }
    return chaos;
  }
}
