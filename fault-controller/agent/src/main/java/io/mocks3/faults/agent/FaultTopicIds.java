package io.mocks3.faults.agent;

/** How injections that come from a chaos topic or a poison record rather than a rule are named in fault events. */
public final class FaultTopicIds {
  private FaultTopicIds() {}

  public static String chaosRuleId(String topic) {
    return "chaos:" + topic;
  }

  public static String poisonRuleId(String topic) {
    return "poison:" + topic;
  }
}
