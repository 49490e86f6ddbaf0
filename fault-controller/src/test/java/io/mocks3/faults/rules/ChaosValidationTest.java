package io.mocks3.faults.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.faults.runs.Replays;
import io.mocks3.faults.runs.RunExport;
import io.mocks3.faults.scenarios.ScenarioParts;
import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.FaultRule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One validation of chaos settings and durations, whichever way they arrive: REST, scenario, run replay. */
class ChaosValidationTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private static ChaosTopic chaos(String topic, Double loss, Double deadLetter, String delay, String ttl) {
    return new ChaosTopic(topic, loss, null, deadLetter, null, delay, null, null, null, null, null, null, ttl, null);
  }

  private static final ChaosTopic BAD = chaos("mocks3.events", 0.8, 0.5, "30 sec", null);

  @Test
  void theRestApiCheckRefusesEachProblem() {
    assertThat(RuleValidator.chaosProblems("mocks3.events", BAD)).containsExactlyInAnyOrder(
        "dead-lettering is supported on " + RuleValidator.DEAD_LETTERABLE + " only",
        "loss_rate + dead_letter_rate + duplicate_rate + reorder_rate must not exceed 1",
        "delay: not a duration: \"30 sec\" (use e.g. 30s, 150ms, PT30S)");
    assertThat(RuleValidator.chaosProblems("mocks3.commands", chaos("mocks3.commands", 0.1, 0.1, "2s", "5m"))).isEmpty();
    assertThat(RuleValidator.chaosProblems("mocks3.nowhere", chaos("mocks3.nowhere", null, null, null, null)))
        .singleElement().asString().startsWith("chaos on mocks3.nowhere is not supported");
  }

  @Test
  void theUnparseableDurationIsNamedByItsField() {
    assertThat(RuleValidator.unparseableDuration(BAD)).isEqualTo("delay");
    assertThat(RuleValidator.unparseableDuration(chaos("mocks3.commands", null, null, "2s", "1 hour"))).isEqualTo("ttl");
    assertThat(RuleValidator.unparseableDuration(chaos("mocks3.commands", null, null, "2s", "PT1H"))).isNull();
    Action slow = new Action("delay", null, null, null, "forever", null, null, null);
    FaultRule rule = new FaultRule("r", "r", null, "gateway", true, List.of(), slow, "30s", null, null, null, NOW, null);
    assertThat(RuleValidator.unparseableDuration(rule)).isEqualTo("action.delay");
    assertThat(RuleValidator.problems(rule)).contains("action.delay: not a duration: \"forever\" (use e.g. 30s, 150ms, PT30S)");
  }

  @Test
  void aScenarioWithInvalidChaosIsRefusedBeforeAnythingIsWritten() {
    var definition = new io.mocks3.faults.scenarios.Scenarios.Definition("broken", "", List.of(), List.of(BAD));
    assertThatThrownBy(() -> ScenarioParts.chaos(definition, NOW, NOW.plusSeconds(60)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scenario broken chaos on mocks3.events").hasMessageContaining("not a duration: \"30 sec\"");
  }

  @Test
  void aScenariosChaosEndsAtItsDeadline() {
    var definition = new io.mocks3.faults.scenarios.Scenarios.Definition("lossy", "",
        List.of(), List.of(chaos("mocks3.commands", 0.05, 0.05, null, null)));
    assertThat(ScenarioParts.chaos(definition, NOW, NOW.plusSeconds(60)))
        .singleElement().satisfies(c -> {
          assertThat(c.createdAt()).isEqualTo(NOW);
          assertThat(c.expiresAt()).isEqualTo(NOW.plusSeconds(60));
        });
    assertThat(ScenarioParts.chaos(definition, NOW, null)).singleElement().satisfies(c -> assertThat(c.expiresAt()).isNull());
  }

  @Test
  void aRunReplayWithInvalidChaosIsRefusedWithTheSameWords() {
    RunExport run = new RunExport(NOW, List.of(), List.of(BAD, chaos("mocks3.commands", 0.1, null, null, null)), List.of());
    assertThat(Replays.chaosProblems(run)).containsExactlyInAnyOrderElementsOf(
        RuleValidator.chaosProblems("mocks3.events", BAD).stream().map(p -> "chaos on mocks3.events: " + p).toList());
  }
}
