package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mocks3.client.ChaosTopic;
import io.mocks3.client.InstalledRule;
import io.mocks3.client.MockS3Control;
import io.mocks3.client.MockS3ControlException;
import io.mocks3.client.Scenarios;
import io.mocks3.ops.stack.StackLayout;
import io.mocks3.ops.stack.Supervisor;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every fault has an end: a scenario outlives a restart of the fault controller (it can still be
 * stopped, and one left running ends at its deadline), and the kill switch ends a 30 s delay in
 * flight and a running process scenario within a second.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(300)
class FaultLifecycleIT {
  private static final String COMMANDS = "mocks3.commands";
  private final MockS3Control mocks3 = FaultControl.mocks3();

  @AfterEach
  void calm() {
    mocks3.reset();
  }

  /** The names of the scenarios the controller says are running. */
  private List<String> activeScenarios() {
    return mocks3.scenarios().active().stream().map(Scenarios.ActiveScenario::name).toList();
  }

  private List<String> chaosTopics() {
    return mocks3.chaos().stream().map(ChaosTopic::topic).toList();
  }

  @Test
  void givenScenariosRunning_WhenTheControllerRestarts_ThenOneCanBeStoppedAndTheOtherEndsAtItsDeadline() throws Exception {
    HttpResponse<String> bad = FaultControl.call("POST", "/api/v1/scenarios/stale_reads/start", "{\"duration\": \"30 sec\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"error\":\"duration: not a duration: \\\"30 sec\\\" (use e.g. 30s, 150ms, PT30S)\"",
        "\"field\":\"duration\"");

    mocks3.scenarios().start("stale_reads", Duration.ofMinutes(10));
    // Long enough for the controller's restart below (7 to 15 s) to end before it, most of the time.
    Instant lossyEnds = mocks3.scenarios().start("lossy_log", Duration.ofSeconds(25)).deadline();
    assertThat(mocks3.rules().list()).extracting(InstalledRule::id).contains("scenario-stale_reads-1");
    assertThat(mocks3.chaos()).extracting(ChaosTopic::topic).contains("mocks3.cdc", "mocks3.commands");
    assertThat(mocks3.chaos(COMMANDS).show()).hasValueSatisfying(c -> assertThat(c.expiresAt()).isEqualTo(lossyEnds));

    Supervisor stack = LocalStackExtension.supervisor();
    stack.kill("fault-controller");
    stack.start("fault-controller");

    Instant asked = Instant.now();
    List<String> afterRestart = activeScenarios();
    if (Instant.now().isBefore(lossyEnds)) {
      assertThat(afterRestart).containsExactlyInAnyOrder("stale_reads", "lossy_log");
    } else if (asked.isAfter(lossyEnds)) { // a restart on a loaded machine outlasted lossy_log's 25 s: ended, not stayed
      assertThat(afterRestart).containsExactly("stale_reads");
    } else { // asked right at lossy_log's deadline: either answer is true
      assertThat(afterRestart).contains("stale_reads");
    }
    mocks3.scenarios().stop("stale_reads");
    assertThat(mocks3.rules().list()).extracting(InstalledRule::id).doesNotContain("scenario-stale_reads-1");
    assertThat(chaosTopics()).doesNotContain("mocks3.cdc");

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> !chaosTopics().contains(COMMANDS));
    assertThat(Instant.now()).isAfterOrEqualTo(lossyEnds);
    assertThat(activeScenarios()).isEmpty();
    assertThatThrownBy(() -> mocks3.scenarios().stop("lossy_log"))
        .isInstanceOfSatisfying(MockS3ControlException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  /** How many records chaos on the command log has touched so far (from the controller's stats). */
  private long touchedCommands() {
    return mocks3.stats().injections("chaos:" + COMMANDS);
  }

  @Test
  void givenAStrongPutHeldByA30sChaosDelay_WhenTheKillSwitchIsEngaged_ThenThePutCompletesWithinTwoSeconds() throws Exception {
    String bucket = "lifecycle-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
    mocks3.chaos(COMMANDS).delay(Duration.ofSeconds(30), 1.0).keyFilter(bucket).ttl(Duration.ofMinutes(5)).apply();

    long before = touchedCommands();
    CompletableFuture<Integer> put = CompletableFuture.supplyAsync(() -> {
      try {
        return Clients.http("PUT", "/" + bucket + "/held", "x".getBytes(), "x-mocks3-consistency", "strong").statusCode();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    // The projector has taken the command and sleeps on it: the delay is recorded as a fault event.
    await().atMost(Duration.ofSeconds(10)).until(() -> touchedCommands() > before);
    assertThat(put).isNotDone();

    long engaged = System.nanoTime();
    mocks3.killSwitch().engage();
    await().atMost(Duration.ofSeconds(2)).until(put::isDone);

    assertThat(put.get()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - engaged)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void givenAProcessScenarioRunning_WhenTheKillSwitchIsEngaged_ThenItStopsWithinASecond() throws Exception {
    assertThat(mocks3.process("task-workers").start("network_latency", Map.of("latency_ms", 50), Duration.ofMinutes(2))
        .scenarios()).singleElement().satisfies(s -> assertThat(s.duration()).isEqualTo(120));
    await().atMost(Duration.ofSeconds(3)).until(() -> FaultControl.processRunning(StackLayout.TASKS, "network_latency"));

    long engaged = System.nanoTime();
    mocks3.killSwitch().engage();
    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
        .until(() -> !FaultControl.processRunning(StackLayout.TASKS, "network_latency"));
    assertThat(Duration.ofNanos(System.nanoTime() - engaged)).isLessThan(Duration.ofSeconds(1));

    HttpResponse<String> bad = FaultControl.call("POST", "/api/v1/process/task-workers/scenarios/network_latency/start",
        "{\"duration\": \"30 sec\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"field\":\"duration\"");
  }
}
