package io.mocks3.schemas.fault;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A composite of process scenarios the fault controller asks of a service (key
 * {@code process:<target>} in {@code mocks3.faults}; target: a service, an instance such as
 * node-1, or "all"). It atomically replaces what the target ran before; a tombstone stops it. A
 * restarted service reads it again and resumes what has time left (a crash that already happened
 * is not repeated).
 */
public record ProcessOrder(String session, String target, List<Step> scenarios, Instant startedAt) {
  public ProcessOrder {
    scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
  }

  /** @param duration seconds until it ends by itself; null: until stopped */
  public record Step(String name, Map<String, Object> params, Long duration) {
    public Step {
      params = params == null ? Map.of() : Map.copyOf(params);
    }
  }
}
