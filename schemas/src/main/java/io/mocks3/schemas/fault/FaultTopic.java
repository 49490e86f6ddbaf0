package io.mocks3.schemas.fault;

import java.time.Instant;

/**
 * The records of the compacted topic {@code mocks3.faults}: key {@code rule:<id>} holds a
 * {@link FaultRule} (a tombstone deletes it), key {@code chaos:<topic>} a {@link ChaosTopic}, key
 * {@code kill-switch} a {@link KillSwitch}, key {@code process:<target>} a {@link ProcessOrder}.
 */
public final class FaultTopic {
  public static final String RULE_PREFIX = "rule:";
  public static final String KILL_SWITCH = "kill-switch";
  public static final String CHAOS_PREFIX = "chaos:";
  public static final String PROCESS_PREFIX = "process:";

  private FaultTopic() {}

  public static String ruleKey(String id) {
    return RULE_PREFIX + id;
  }

  public static String chaosKey(String topic) {
    return CHAOS_PREFIX + topic;
  }

  public static String processKey(String target) {
    return PROCESS_PREFIX + target;
  }

  /** Engaged: every agent stops injecting at once, whatever its rules say. */
  public record KillSwitch(boolean engaged, Instant at) {}
}
