package io.mocks3.schemas.fault;

import java.time.Instant;

/**
 * The records of the compacted topic {@code mocks3.faults}: key {@code rule:<id>} holds a
 * {@link FaultRule} (a tombstone deletes it), key {@code chaos:<topic>} a {@link ChaosTopic}, key
 * {@code kill-switch} a {@link KillSwitch}, key {@code process:<target>} a {@link ProcessOrder}, key
 * {@code scenario:<name>} a {@link ScenarioRun} (what a started scenario wrote and when it ends).
 */
public final class FaultTopic {
  public static final String RULE_PREFIX = "rule:";
  public static final String KILL_SWITCH = "kill-switch";
  public static final String CHAOS_PREFIX = "chaos:";
  public static final String PROCESS_PREFIX = "process:";
  public static final String SCENARIO_PREFIX = "scenario:";

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

  public static String scenarioKey(String name) {
    return SCENARIO_PREFIX + name;
  }

  /**
   * A started scenario, kept on the log so that a restarted controller can still stop it and ends
   * it at its deadline.
   *
   * @param deadline when it ends by itself; null: when stopped
   * @param ruleIds the rules it wrote
   * @param chaosTopics the topics it put chaos on
   */
  public record ScenarioRun(String name, Instant startedAt, Instant deadline, java.util.List<String> ruleIds,
      java.util.List<String> chaosTopics) {
    public ScenarioRun {
      ruleIds = ruleIds == null ? java.util.List.of() : java.util.List.copyOf(ruleIds);
      chaosTopics = chaosTopics == null ? java.util.List.of() : java.util.List.copyOf(chaosTopics);
    }
  }

  /** Engaged: every agent stops injecting at once, whatever its rules say. */
  public record KillSwitch(boolean engaged, Instant at) {}
}
