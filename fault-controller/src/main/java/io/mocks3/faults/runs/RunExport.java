package io.mocks3.faults.runs;

import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.fault.FaultRule;
import java.time.Instant;
import java.util.List;

/**
 * A run's faults, exported ({@code GET /api/v1/runs/export}) and replayable
 * ({@code POST /api/v1/runs/replay}): the rules that fired (their definitions), the chaos topics
 * active at export, and every recorded injection in order.
 */
public record RunExport(Instant exportedAt, List<FaultRule> rules, List<ChaosTopic> chaos, List<FaultEvent> events) {
  public RunExport {
    rules = rules == null ? List.of() : List.copyOf(rules);
    chaos = chaos == null ? List.of() : List.copyOf(chaos);
    events = events == null ? List.of() : List.copyOf(events);
  }
}
