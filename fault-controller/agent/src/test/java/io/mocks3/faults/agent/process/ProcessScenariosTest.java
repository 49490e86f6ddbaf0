package io.mocks3.faults.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mocks3.schemas.fault.ProcessOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's rules: safety switches, parameter checks, replacement, durations, orders from the controller. */
class ProcessScenariosTest {
  @TempDir
  Path scratch;
  private ProcessScenarios scenarios;

  private ProcessScenarios engine(boolean enabled, boolean crash) {
    scenarios = new ProcessScenarios(new ProcessSettings(enabled, crash, 64, 50, 8, scratch));
    return scenarios;
  }

  @AfterEach
  void close() {
    scenarios.close();
  }

  @Test
  void offByDefaultAndCrashNeedsItsOwnSwitch() {
    assertThatThrownBy(() -> engine(false, false).start("network_latency", Map.of(), null))
        .isInstanceOf(ProcessScenarios.Refused.class).hasMessageContaining("mocks3.process.enabled");
    scenarios.close();
    assertThatThrownBy(() -> engine(true, false).start("crash", Map.of("crash_delay", 60), null))
        .isInstanceOf(ProcessScenarios.Refused.class).hasMessageContaining("crash-enabled");
  }

  @Test
  void unknownScenariosAndBadParametersAreRefusedWithWhy() {
    engine(true, false);
    assertThatThrownBy(() -> scenarios.start("fork_bomb", Map.of(), null)).hasMessageContaining("unknown scenario");
    assertThatThrownBy(() -> scenarios.start("cpu_burner", Map.of("target_percent", 150), null))
        .hasMessageContaining("target_percent must be between 1 and 100");
    assertThatThrownBy(() -> scenarios.start("memory_leaker", Map.of("target_mb", 1000), null))
        .hasMessageContaining("target_mb must be between 1 and 64");
    assertThatThrownBy(() -> scenarios.start("health_check", Map.of("failure_mode", "sometimes"), null))
        .hasMessageContaining("always, intermittent, delayed");
    assertThat(scenarios.list()).allMatch(s -> s.get("running").equals(false));
  }

  @Test
  void aScenarioWithADurationEndsByItselfAndLeakedThreadsAreFreed() {
    engine(true, false);
    int before = Thread.activeCount();
    scenarios.start("thread_leak", Map.of("threads_per_second", 100), Duration.ofMillis(1500));
    await().atMost(Duration.ofSeconds(2)).until(() -> ((Number) metrics("thread_leak").get("leaked_threads")).intValue() == 50);
    assertThat(metrics("thread_leak").get("cap")).isEqualTo(50);
    await().atMost(Duration.ofSeconds(3)).until(() -> !scenarios.running("thread_leak"));
    await().atMost(Duration.ofSeconds(3)).until(() -> Thread.activeCount() <= before + 2);
  }

  @Test
  void aCompositeReplacesEverythingThatRanAndItsStepsEndTogetherAtTheLongest() {
    engine(true, false);
    scenarios.start("network_latency", Map.of("latency_ms", 5), null);
    long start = System.nanoTime();
    Map<String, Object> started = scenarios.startComposite(List.of(
        new ProcessOrder.Step("health_check", Map.of("failure_mode", "always"), 1L),
        new ProcessOrder.Step("dependency", Map.of("failure_type", "slow"), 2L),
        new ProcessOrder.Step("no_such_thing", Map.of(), 1L)));
    assertThat(scenarios.running("network_latency")).isFalse();
    assertThat(started.get("scenarios").toString()).contains("success=true").contains("unknown scenario no_such_thing");
    await().atMost(Duration.ofSeconds(4)).until(() -> !scenarios.running("health_check") && !scenarios.running("dependency"));
    // The 1 s step ran as long as the 2 s one.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    assertThat(scenarios.compositeStatus()).containsEntry("active", false);
  }

  @Test
  void ordersFromTheControllerReachTheirTargetsOnlyAndAnExpiredOrCrashedOrderIsNotRepeated() {
    engine(true, true);
    ProcessOrder latency = new ProcessOrder("s1", "storage-node", List.of(new ProcessOrder.Step("network_latency", Map.of(), 60L)),
        Instant.now());
    scenarios.apply("api-gateway", latency, "storage-node", "node-1");
    assertThat(scenarios.running("network_latency")).isFalse();
    scenarios.apply("storage-node", latency, "storage-node", "node-1");
    assertThat(scenarios.running("network_latency")).isTrue();
    scenarios.apply("storage-node", null, "storage-node", "node-1");
    assertThat(scenarios.running("network_latency")).isFalse();

    ProcessOrder ended = new ProcessOrder("s2", "all", List.of(new ProcessOrder.Step("network_latency", Map.of(), 5L)),
        Instant.now().minusSeconds(10));
    scenarios.apply("all", ended, "storage-node", "node-1");
    assertThat(scenarios.running("network_latency")).isFalse();

    ProcessOrder crashed = new ProcessOrder("s3", "node-1", List.of(new ProcessOrder.Step("crash", Map.of("crash_delay", 2), null)),
        Instant.now().minusSeconds(30));
    scenarios.apply("node-1", crashed, "storage-node", "node-1");
    assertThat(scenarios.running("crash")).isFalse();
    assertThat(scenarios.compositeStatus().get("scenarios").toString()).contains("already happened");
  }

  private Map<?, ?> metrics(String name) {
    return (Map<?, ?>) scenarios.status(name).get("metrics");
  }

  @Test
  void givenRunningScenarios_WhenTheKillSwitchIsEngaged_ThenAllStopAndNewOnesAreRefusedUntilItIsReleased() {
    engine(true, false);
    scenarios.startComposite(List.of(new ProcessOrder.Step("cpu_burner", Map.of("target_percent", 10), 60L),
        new ProcessOrder.Step("network_latency", Map.of(), null)));
    assertThat(scenarios.running("cpu_burner")).isTrue();

    scenarios.killSwitch(true);

    assertThat(scenarios.list()).allSatisfy(status -> assertThat(status.get("running")).isEqualTo(false));
    assertThat(scenarios.compositeStatus().get("active")).isEqualTo(false);
    assertThatThrownBy(() -> scenarios.start("network_latency", Map.of(), null))
        .isInstanceOf(ProcessScenarios.Refused.class).hasMessageContaining("kill switch");
    scenarios.apply("all", new ProcessOrder("s", "all", List.of(new ProcessOrder.Step("network_latency", Map.of(), null)),
        Instant.now()), "gateway", "gateway");
    assertThat(scenarios.running("network_latency")).isFalse();

    scenarios.killSwitch(false);
    scenarios.start("network_latency", Map.of(), null);
    assertThat(scenarios.running("network_latency")).isTrue();
  }

  @Test
  void durationsAreSecondsOrTextAndAStringIsNoLongerDropped() {
    engine(false, false);
    assertThat(ProcessScenarios.duration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(ProcessScenarios.duration(1.5)).isEqualTo(Duration.ofMillis(1500));
    assertThat(ProcessScenarios.stepSeconds("PT2M")).isEqualTo(120L);
    assertThat(ProcessScenarios.stepSeconds(30)).isEqualTo(30L);
    assertThat(ProcessScenarios.stepSeconds(null)).isNull();
    assertThatThrownBy(() -> ProcessScenarios.stepSeconds("30 sec"))
        .hasMessage("duration: not a duration: \"30 sec\" (use e.g. 30s, 150ms, PT30S)");
    assertThatThrownBy(() -> ProcessScenarios.stepSeconds("1500ms")).hasMessageContaining("whole seconds");
    assertThatThrownBy(() -> ProcessScenarios.duration("0s")).hasMessageContaining("must be positive");
  }
}
