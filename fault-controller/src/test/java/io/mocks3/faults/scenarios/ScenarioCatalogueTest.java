package io.mocks3.faults.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.faults.rules.RuleValidator;
import io.mocks3.schemas.fault.FaultRule;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioCatalogueTest {
  @Test
  void everyShippedScenarioLoadsWithADescriptionAndValidRules() throws Exception {
    Map<String, Scenarios.Definition> catalogue = Scenarios.load();
    assertThat(catalogue).containsKeys("high_latency", "service_overload", "storage_failure", "network_partition",
        "stale_reads", "lossy_log", "notification_storm");
    for (Scenarios.Definition d : catalogue.values()) {
      assertThat(d.description()).as(d.name()).isNotBlank();
      assertThat(d.rules().size() + d.chaos().size()).as(d.name()).isPositive();
      for (FaultRule rule : d.rules()) {
        assertThat(RuleValidator.problems(rule)).as(d.name() + ": " + rule.name()).isEmpty();
      }
      for (var chaos : d.chaos()) {
        assertThat(RuleValidator.chaosProblems(chaos.topic(), chaos)).as(d.name() + ": chaos on " + chaos.topic()).isEmpty();
      }
    }
    assertThat(catalogue.get("stale_reads").chaos().get(0).delay()).isEqualTo("2s");
  }
}
