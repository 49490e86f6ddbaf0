package io.mocks3.schemas.fault;

import java.time.Instant;

/**
 * The records of the compacted topic {@code mocks3.faults}: key {@code rule:<id>} holds a
 * {@link FaultRule} (a tombstone deletes it), key {@code chaos:<topic>} a {@link ChaosTopic}, key
 * {@code kill-switch} a {@link KillSwitch}.
 */
public final class FaultTopic {
  public static final String RULE_PREFIX = "rule:";
  public static final String KILL_SWITCH = "kill-switch";
  public static final String CHAOS_PREFIX = "chaos:";

  private FaultTopic() {}

  public static String ruleKey(String id) {
    return RULE_PREFIX + id;
  }

  public static String chaosKey(String topic) {
    return CHAOS_PREFIX + topic;
  }

  /** Engaged: every agent stops injecting at once, whatever its rules say. */
  public record KillSwitch(boolean engaged, Instant at) {}
}
