package io.mocks3.schemas.fault;

import java.time.Instant;
import java.util.List;

/**
 * A fault rule, in the format users post to {@code /api/v1/rules} and as it lives (key
 * {@code rule:<id>}) in the compacted topic {@code mocks3.faults}. A rule fires for a request
 * when its service matches and every condition holds; the highest priority rule wins.
 *
 * @param service which service applies it ({@link Services}); null or "*" for every one
 * @param ttl how long the rule lives after it was created ("30s", "5m"); null for ever
 * @param seed makes the rule's probability draws reproducible: same seed, same request sequence,
 *     same decisions
 * @param expiresAt set by the controller from {@code ttl}
 */
public record FaultRule(
    String id,
    String name,
    String description,
    String service,
    Boolean enabled,
    List<Condition> conditions,
    Action action,
    String ttl,
    Integer priority,
    String scenario,
    Long seed,
    Instant createdAt,
    Instant expiresAt) {

  public FaultRule {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  public boolean isEnabled() {
    return enabled == null || enabled;
  }

  public int priorityOrDefault() {
    return priority == null ? 0 : priority;
  }

  public FaultRule withIdentity(String newId, Instant created, Instant expires) {
    return new FaultRule(newId, name, description, service, enabled, conditions, action, ttl, priority, scenario, seed,
        created, expires);
  }
}
