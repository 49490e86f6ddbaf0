package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.ops.stack.StackLayout;
import io.mocks3.ops.stack.Supervisor;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern DEADLINE = Pattern.compile("\"deadline\":\"([^\"]+)\"");

  @AfterEach
  void calm() throws Exception {
    FaultControl.call("POST", "/api/v1/scenarios/stale_reads/stop", null);
    FaultControl.call("POST", "/api/v1/scenarios/lossy_log/stop", null);
    FaultControl.call("POST", "/api/v1/process/task-workers/stop", null);
    FaultControl.clear();
  }

  private static HttpResponse<String> startScenario(String name, String duration) throws Exception {
    HttpResponse<String> r = FaultControl.call("POST", "/api/v1/scenarios/" + name + "/start", "{\"duration\": \"" + duration + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r;
  }

  /** The names of the scenarios the controller says are running. */
  private static java.util.List<String> activeScenarios() throws Exception {
    java.util.List<String> names = new java.util.ArrayList<>();
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(FaultControl.call("GET", "/api/v1/scenarios", null).body())
        .path("active").forEach(a -> names.add(a.path("name").asText()));
    return names;
  }

  @Test
  void givenScenariosRunning_WhenTheControllerRestarts_ThenOneCanBeStoppedAndTheOtherEndsAtItsDeadline() throws Exception {
    HttpResponse<String> bad = FaultControl.call("POST", "/api/v1/scenarios/stale_reads/start", "{\"duration\": \"30 sec\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"error\":\"duration: not a duration: \\\"30 sec\\\" (use e.g. 30s, 150ms, PT30S)\"",
        "\"field\":\"duration\"");

    startScenario("stale_reads", "10m");
    Matcher deadline = DEADLINE.matcher(startScenario("lossy_log", "40s").body());
    assertThat(deadline.find()).isTrue();
    Instant lossyEnds = Instant.parse(deadline.group(1));
    assertThat(FaultControl.rulesAndChaos()).contains("scenario-stale_reads-1", "\"topic\":\"mocks3.cdc\"",
        "\"topic\":\"mocks3.commands\"", "\"expiresAt\":\"" + deadline.group(1));

    Supervisor stack = LocalStackExtension.supervisor();
    stack.kill("fault-controller");
    stack.start("fault-controller");

    assertThat(activeScenarios()).containsExactlyInAnyOrder("stale_reads", "lossy_log");
    HttpResponse<String> stopped = FaultControl.call("POST", "/api/v1/scenarios/stale_reads/stop", null);
    assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
    assertThat(FaultControl.rulesAndChaos()).doesNotContain("scenario-stale_reads-1", "\"topic\":\"mocks3.cdc\"")
        .contains("\"topic\":\"mocks3.commands\"");

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> !FaultControl.rulesAndChaos().contains("\"topic\":\"mocks3.commands\""));
    assertThat(Instant.now()).isAfterOrEqualTo(lossyEnds);
    assertThat(activeScenarios()).isEmpty();
    assertThat(FaultControl.call("POST", "/api/v1/scenarios/lossy_log/stop", null).statusCode()).isEqualTo(404);
  }

  /** How many records chaos on the command log has touched so far (from the controller's stats). */
  private static long touchedCommands() throws Exception {
    Matcher m = Pattern.compile("\"chaos:mocks3\\.commands\":(\\d+)").matcher(FaultControl.call("GET", "/api/v1/stats", null).body());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  @Test
  void givenAStrongPutHeldByA30sChaosDelay_WhenTheKillSwitchIsEngaged_ThenThePutCompletesWithinTwoSeconds() throws Exception {
    String bucket = "lifecycle-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
    HttpResponse<String> chaos = FaultControl.change("PUT", "/api/v1/chaos/topics/mocks3.commands",
        "{\"delay\": \"30s\", \"delay_rate\": 1.0, \"key_filter\": \"" + bucket + "\", \"ttl\": \"5m\"}");
    assertThat(chaos.statusCode()).as(chaos.body()).isEqualTo(200);

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
    assertThat(FaultControl.call("PUT", "/api/v1/kill-switch", null).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(2)).until(put::isDone);

    assertThat(put.get()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - engaged)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void givenAProcessScenarioRunning_WhenTheKillSwitchIsEngaged_ThenItStopsWithinASecond() throws Exception {
    HttpResponse<String> ordered = FaultControl.call("POST", "/api/v1/process/task-workers/scenarios/network_latency/start",
        "{\"latency_ms\": 50, \"duration\": \"2m\"}");
    assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(200);
    assertThat(ordered.body()).contains("\"duration\":120");
    await().atMost(Duration.ofSeconds(3)).until(() -> FaultControl.processRunning(StackLayout.TASKS, "network_latency"));

    long engaged = System.nanoTime();
    assertThat(FaultControl.call("PUT", "/api/v1/kill-switch", null).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
        .until(() -> !FaultControl.processRunning(StackLayout.TASKS, "network_latency"));
    assertThat(Duration.ofNanos(System.nanoTime() - engaged)).isLessThan(Duration.ofSeconds(1));

    HttpResponse<String> bad = FaultControl.call("POST", "/api/v1/process/task-workers/scenarios/network_latency/start",
        "{\"duration\": \"30 sec\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"field\":\"duration\"");
  }
}
