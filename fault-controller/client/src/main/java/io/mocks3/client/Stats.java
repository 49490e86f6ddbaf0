package io.mocks3.client;

import tools.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Injection counts since the controller started ({@code GET /api/v1/stats}). */
public record Stats(long totalInjections, Map<String, Long> byRule, Map<String, Long> byScenario, Map<String, Long> byService,
    Map<String, Long> byAction, int rules, int enabledRules, boolean killSwitch) {

  Stats(JsonNode stats) {
    this(stats.path("total_injections").asLong(), counts(stats.path("by_rule")), counts(stats.path("by_scenario")),
        counts(stats.path("by_service")), counts(stats.path("by_action")), stats.path("rules").asInt(),
        stats.path("enabled_rules").asInt(), stats.path("kill_switch").asBoolean());
  }

  /** The injections of one rule (chaos: {@code chaos:<topic>}); 0 when none. */
  public long injections(String ruleId) {
    return byRule.getOrDefault(ruleId, 0L);
  }

  private static Map<String, Long> counts(JsonNode node) {
    Map<String, Long> out = new LinkedHashMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
    return Map.copyOf(out);
  }
}
