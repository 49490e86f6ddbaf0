package io.mocks3.faults.observe;

import io.mocks3.faults.rules.RuleStore;
import io.mocks3.faults.scenarios.Scenarios;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of the whole system on one page: each service's health and fault-agent position
 * against the controller's own, the kill switch and what faults are in force, every
 * {@code mocks3.*} topic with its end offsets, and every consumer group with its lag.
 */
public final class Overview {
  private final ServiceHealth health;
  private final TopicOffsets topics;
  private final ConsumerLag lag;
  private final RuleStore rules;
  private final Scenarios scenarios;

  public Overview(ServiceHealth health, TopicOffsets topics, ConsumerLag lag, RuleStore rules, Scenarios scenarios) {
    this.health = health;
    this.topics = topics;
    this.lag = lag;
    this.rules = rules;
    this.scenarios = scenarios;
  }

  /**
   * Only the services and the controller's position ({@code GET /api/v1/services}): what a client
   * polls to know that a change is in force everywhere, without the topics' and groups' cost.
   */
  public Map<String, Object> services() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("controller_position", rules.position());
    out.put("services", health.probe());
    return out;
  }

  /** The overview as the API answers it ({@code GET /api/v1/overview}). */
  public Map<String, Object> now() throws InterruptedException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("controller_position", rules.position());
    out.put("kill_switch", rules.killSwitch());
    out.put("rules", rules.rules().size());
    out.put("chaos_topics", rules.chaosTopics().size());
    out.put("active_scenarios", new ArrayList<>(scenarios.active().keySet()));
    out.put("process_orders", new ArrayList<>(rules.processOrders().keySet()));
    out.put("services", health.probe());
    out.put("topics", topics.topics());
    out.put("consumer_groups", groups(lag.lags()));
    return out;
  }

  private static List<Map<String, Object>> groups(Map<String, Map<String, Long>> lags) {
    List<Map<String, Object>> out = new ArrayList<>();
    lags.forEach((group, byTopic) -> {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("group", group);
      g.put("lag", byTopic.values().stream().mapToLong(Long::longValue).sum());
      g.put("topics", byTopic);
      out.add(g);
    });
    return out;
  }
}
