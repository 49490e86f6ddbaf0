package io.mocks3.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A process order in force: what {@code target} runs, as the control plane holds it. */
public record ProcessOrder(String session, String target, List<Step> scenarios, Instant startedAt) {

  /** @param duration seconds until it ends by itself; null: until stopped */
  public record Step(String name, Map<String, Object> params, Long duration) {}
}
