package io.mocks3.schemas.run;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.FaultRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A chaos experiment: a slice of time in which the gateway records the S3 history, with the faults
 * it applied, on the compacted {@code mocks3.runs} (key = id). Its report is computed from the log.
 *
 * @param seed applied to the run's chaos topics and rules that have none
 * @param scenario a scenario started with the run (and stopped with it), or null
 * @param chaos chaos topics applied for the run's duration
 * @param rules fault rules applied for the run's duration (as posted; ids assigned when applied)
 * @param expectations limits the verdict checks, e.g. {"lost_acknowledged_writes": 0, "stale_read_max_ms": 2000}
 * @param settle how long to let the system settle after the faults are removed, e.g. "5s"
 * @param appliedRuleIds the rule ids the run created (removed when it stops)
 * @param state OPEN, SETTLING or ENDED
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Run(
    String id,
    String name,
    Long seed,
    String scenario,
    List<ChaosTopic> chaos,
    List<FaultRule> rules,
    Map<String, Number> expectations,
    String settle,
    List<String> appliedRuleIds,
    State state,
    Instant startedAt,
    Instant stoppedAt,
    Instant endedAt) {

  public enum State { OPEN, SETTLING, ENDED }

  public Run {
    chaos = chaos == null ? List.of() : List.copyOf(chaos);
    rules = rules == null ? List.of() : List.copyOf(rules);
    expectations = expectations == null ? Map.of() : Map.copyOf(expectations);
    appliedRuleIds = appliedRuleIds == null ? List.of() : List.copyOf(appliedRuleIds);
  }

  public boolean open() {
    return state == State.OPEN;
  }

  /** This run in state {@code next}; a null instant keeps the one it had. */
  public Run withState(State next, Instant stopped, Instant ended) {
    return new Run(id, name, seed, scenario, chaos, rules, expectations, settle, appliedRuleIds, next, startedAt,
        stopped == null ? stoppedAt : stopped, ended == null ? endedAt : ended);
  }
}
