package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.ops.stack.Part;
import io.mocks3.ops.stack.StackLayout;
import io.mocks3.ops.stack.Supervisor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Process scenarios, measured from outside the process (its /proc entries and its HTTP answers):
 * CPU share, RSS growth, thread count, bytes written, health codes at the asked rate, added
 * latency, failing dependencies; auto-recovery on time; a composite switch that leaves nothing of
 * the old one running; the fault controller driving every service; a crashed storage node that
 * the launcher's watcher restarts while reads go on from its peer.
 */
@ExtendWith(LocalStackExtension.class)
class ProcessScenariosIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<Integer> SERVICES = List.of(StackLayout.GATEWAY, StackLayout.PROJECTOR, StackLayout.STORAGE_1,
      StackLayout.STORAGE_2, StackLayout.TASKS, StackLayout.FAULTS);

  @AfterEach
  void stopEverything() throws Exception {
    FaultControl.call("POST", "/api/v1/process/all/stop", null);
    for (int port : SERVICES) {
      call(port, "POST", "/api/v1/composite/stop", null);
    }
  }

  private static HttpResponse<String> call(int port, String method, String path, String json) throws Exception {
    HttpRequest.Builder b = FaultControl.authorized(HttpRequest.newBuilder(URI.create(LocalStackExtension.layout().url(port) + path)))
        .timeout(Duration.ofSeconds(60))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> start(int port, String scenario, String body) throws Exception {
    HttpResponse<String> r = call(port, "POST", "/api/v1/scenarios/" + scenario + "/start", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r;
  }

  private static boolean running(int port, String scenario) throws Exception {
    return call(port, "GET", "/api/v1/scenarios/" + scenario + "/status", null).body().contains("\"running\":true");
  }

  private static long pid(String part) {
    Supervisor stack = LocalStackExtension.supervisor();
    return stack.running(stack.part(part)).orElseThrow().pid();
  }

  /** A field of /proc/<pid>/status, e.g. VmRSS (kB) or Threads. */
  private static long procStatus(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
      }
    }
    throw new IllegalStateException("no " + field + " for " + pid);
  }

  /** utime + stime of the process, in clock ticks. */
  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static long clockTicksPerSecond() throws Exception {
    Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
    return Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
  }

  @Test
  void cpuBurnerHoldsItsShareOfTheMachineWithinTenPoints() throws Exception {
    long pid = pid("task-workers");
    start(StackLayout.TASKS, "cpu_burner", "{\"target_percent\": 50, \"duration\": 30}");
    Thread.sleep(2_000); // let the burner's controller settle before measuring (a warm-up, not a synchronization)
    long ticks = cpuTicks(pid);
    long[] machine = machineTicks();
    long t0 = System.nanoTime();
    Thread.sleep(10_000); // the measurement window itself
    double seconds = (System.nanoTime() - t0) / 1e9;
    double share = (cpuTicks(pid) - ticks) / (double) clockTicksPerSecond() / seconds
        / Runtime.getRuntime().availableProcessors() * 100;
    double idle = idlePercent(machine, machineTicks());
    String status = call(StackLayout.TASKS, "GET", "/api/v1/scenarios/cpu_burner/status", null).body();
    assertThat(status).contains("\"cpu_percent\":");
    assertThat(share).as("CPU share %% of the machine; burner %s", status).isLessThan(60);
    if (share < 40) {
      // Below its share only because nothing was left to take: other processes held every core.
      assertThat(idle).as("machine idle %% while the burner held %.1f %% (%s)", share, status).isLessThan(5);
    }
    assertThat(call(StackLayout.TASKS, "POST", "/api/v1/scenarios/cpu_burner/stop", null).body()).contains("\"stopped\":true");
    ticks = cpuTicks(pid);
    Thread.sleep(2_000);
    assertThat((cpuTicks(pid) - ticks) / (double) clockTicksPerSecond() / 2.0 * 100).as("CPU after stop, %% of one core")
        .isLessThan(25);
  }

  /** The first line of /proc/stat: the machine's ticks by state (user, nice, system, idle, iowait, ...). */
  private static long[] machineTicks() throws IOException {
    String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
    String[] fields = cpu.trim().split("\\s+");
    long[] ticks = new long[fields.length - 1];
    for (int i = 1; i < fields.length; i++) {
      ticks[i - 1] = Long.parseLong(fields[i]);
    }
    return ticks;
  }

  private static double idlePercent(long[] before, long[] after) {
    long total = 0;
    for (int i = 0; i < Math.min(8, after.length); i++) { // steal and before; guest time is inside user
      total += after[i] - before[i];
    }
    long idle = (after[3] - before[3]) + (after[4] - before[4]);
    return total == 0 ? 0 : idle * 100.0 / total;
  }

  @Test
  void memoryLeakerGrowsTheResidentSetAtTheAskedRateAndGivesItBack() throws Exception {
    long pid = pid("task-workers");
    long before = procStatus(pid, "VmRSS");
    long t0 = System.nanoTime();
    start(StackLayout.TASKS, "memory_leaker", "{\"target_mb\": 120, \"leak_rate_mb\": 40}");
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
      String status = call(StackLayout.TASKS, "GET", "/api/v1/scenarios/memory_leaker/status", null).body();
      assertThat(status).as("the leaker stopped short").doesNotContain("\"limit\"");
      return status.contains("\"leaked_mb\":120");
    });
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = procStatus(pid, "VmRSS");
    double grownMb = (peak - before) / 1024.0;
    assertThat(grownMb).isBetween(100.0, 160.0);
    assertThat(grownMb / seconds).as("MB/s").isBetween(25.0, 50.0);
    call(StackLayout.TASKS, "POST", "/api/v1/scenarios/memory_leaker/stop", null);
    // The leaked blocks are given back (measured from the peak: the heap may have grown meanwhile).
    await().atMost(Duration.ofSeconds(15)).until(() -> procStatus(pid, "VmRSS") < peak - 90 * 1024);
  }

  @Test
  void threadLeakAndDiskIoAreMeasurableAndFreedOnStop() throws Exception {
    long pid = pid("task-workers");
    long threads = procStatus(pid, "Threads");
    start(StackLayout.TASKS, "thread_leak", "{\"threads_per_second\": 100}");
    await().atMost(Duration.ofSeconds(10)).until(() -> procStatus(pid, "Threads") >= threads + 150);
    call(StackLayout.TASKS, "POST", "/api/v1/scenarios/thread_leak/stop", null);
    await().atMost(Duration.ofSeconds(10)).until(() -> procStatus(pid, "Threads") <= threads + 10);

    HttpResponse<String> disk = start(StackLayout.TASKS, "disk_io", "{\"write_rate_mb\": 20}");
    Matcher file = Pattern.compile("\"file\":\"([^\"]+)\"").matcher(disk.body());
    assertThat(file.find()).as(disk.body()).isTrue();
    long written = ioWriteBytes(pid);
    long t0 = System.nanoTime();
    await().atMost(Duration.ofSeconds(10)).until(() -> ioWriteBytes(pid) - written >= 40L << 20);
    assertThat((System.nanoTime() - t0) / 1e9).as("seconds to write 40 MB at 20 MB/s").isBetween(1.5, 4.0);
    call(StackLayout.TASKS, "POST", "/api/v1/scenarios/disk_io/stop", null);
    assertThat(Path.of(file.group(1))).doesNotExist();
  }

  private static long ioWriteBytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "io"))) {
      if (line.startsWith("write_bytes:")) {
        return Long.parseLong(line.substring("write_bytes:".length()).trim());
      }
    }
    throw new IllegalStateException("no write_bytes");
  }

  @Test
  void healthCheckFailsAtTheAskedRateAndReadyToo() throws Exception {
    start(StackLayout.TASKS, "health_check", "{\"failure_mode\": \"intermittent\", \"fail_rate\": 0.3}");
    int failed = 0;
    for (int i = 0; i < 300; i++) {
      int status = call(StackLayout.TASKS, "GET", "/health", null).statusCode();
      assertThat(status).isIn(200, 503);
      failed += status == 503 ? 1 : 0;
    }
    assertThat(failed / 300.0).isBetween(0.2, 0.4);
    start(StackLayout.TASKS, "health_check", "{\"failure_mode\": \"always\", \"status_code\": 500}");
    assertThat(call(StackLayout.TASKS, "GET", "/health", null).statusCode()).isEqualTo(500);
    assertThat(call(StackLayout.TASKS, "GET", "/ready", null).statusCode()).isEqualTo(500);
    call(StackLayout.TASKS, "POST", "/api/v1/scenarios/health_check/stop", null);
    assertThat(call(StackLayout.TASKS, "GET", "/health", null).statusCode()).isEqualTo(200);
    assertThat(call(StackLayout.TASKS, "GET", "/ready", null).statusCode()).isEqualTo(200);
  }

  @Test
  void networkLatencyIsAddedToEveryRequestAndEndsOnTimeByItself() throws Exception {
    long started = System.nanoTime();
    start(StackLayout.STORAGE_1, "network_latency", "{\"latency_ms\": 200, \"duration\": 3}");
    long t0 = System.nanoTime();
    assertThat(call(StackLayout.STORAGE_1, "GET", "/api/v1/test/sleep10ms", null).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(210));
    await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100))
        .until(() -> !running(StackLayout.STORAGE_1, "network_latency"));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(2900), Duration.ofMillis(4500));
    t0 = System.nanoTime();
    call(StackLayout.STORAGE_1, "GET", "/api/v1/test/sleep30ms", null);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(200));
  }

  @Test
  void aDependencyFailsAsAsked() throws Exception {
    assertThat(call(StackLayout.TASKS, "GET", "/api/v1/mock-service", null).statusCode()).isEqualTo(200);
    start(StackLayout.TASKS, "dependency", "{\"failure_type\": \"error\"}");
    assertThat(call(StackLayout.TASKS, "GET", "/api/v1/mock-service", null).statusCode()).isEqualTo(500);
    start(StackLayout.TASKS, "dependency", "{\"failure_type\": \"timeout\", \"delay_ms\": 1000}");
    long t0 = System.nanoTime();
    assertThat(call(StackLayout.TASKS, "GET", "/api/v1/mock-service", null).statusCode()).isEqualTo(504);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void aCompositeSwitchLeavesNoneOfTheOldScenariosRunningAndAllEndTogether() throws Exception {
    long pid = pid("task-workers");
    long threads = procStatus(pid, "Threads");
    HttpResponse<String> first = call(StackLayout.TASKS, "POST", "/api/v1/composite/start", """
        {"scenarios": [{"name": "thread_leak", "params": {"threads_per_second": 50}},
                       {"name": "network_latency", "params": {"latency_ms": 50}}]}""");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> procStatus(pid, "Threads") >= threads + 50);

    long switched = System.nanoTime();
    HttpResponse<String> second = call(StackLayout.TASKS, "POST", "/api/v1/composite/start", """
        {"scenarios": [{"name": "dependency", "params": {"failure_type": "error"}, "duration": 2},
                       {"name": "health_check", "params": {"failure_mode": "always"}, "duration": 4}]}""");
    assertThat(second.body()).contains("\"success\":true").doesNotContain("\"success\":false");
    assertThat(running(StackLayout.TASKS, "thread_leak")).isFalse();
    assertThat(running(StackLayout.TASKS, "network_latency")).isFalse();
    await().atMost(Duration.ofSeconds(5)).until(() -> procStatus(pid, "Threads") <= threads + 10);
    assertThat(call(StackLayout.TASKS, "GET", "/api/v1/composite/status", null).body())
        .contains("\"session_id\"", "dependency", "health_check");
    // The 2 s scenario lasts as long as the 4 s one.
    Thread.sleep(Math.max(0, 3_000 - (System.nanoTime() - switched) / 1_000_000)); // a point in time, not a synchronization
    assertThat(call(StackLayout.TASKS, "GET", "/api/v1/mock-service", null).statusCode()).isEqualTo(500);
    await().atMost(Duration.ofSeconds(4)).until(() -> !running(StackLayout.TASKS, "dependency")
        && !running(StackLayout.TASKS, "health_check"));
    assertThat(Duration.ofNanos(System.nanoTime() - switched)).isGreaterThanOrEqualTo(Duration.ofMillis(3900));
  }

  @Test
  void theFaultControllerDrivesEveryServiceByName() throws Exception {
    HttpResponse<String> ordered = FaultControl.call("POST", "/api/v1/process/all/scenarios/network_latency/start",
        "{\"latency_ms\": 20, \"duration\": 60}");
    assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
      for (int port : SERVICES) {
        assertThat(running(port, "network_latency")).as("port " + port).isTrue();
      }
    });
    assertThat(FaultControl.call("POST", "/api/v1/process/all/stop", null).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
      for (int port : SERVICES) {
        assertThat(running(port, "network_latency")).as("port " + port).isFalse();
      }
    });
    // One instance only.
    FaultControl.call("POST", "/api/v1/process/node-1/scenarios/health_check/start", "{\"failure_mode\": \"always\"}");
    await().atMost(Duration.ofSeconds(3)).until(() -> call(StackLayout.STORAGE_1, "GET", "/health", null).statusCode() == 503);
    assertThat(call(StackLayout.STORAGE_2, "GET", "/health", null).statusCode()).isEqualTo(200);
    assertThat(FaultControl.call("POST", "/api/v1/process/node-1/scenarios/fork_bomb/start", "{}").statusCode()).isEqualTo(400);
    FaultControl.call("POST", "/api/v1/process/node-1/stop", null);
  }

  @Test
  void aCrashedStorageNodeIsRestartedByTheWatcher_AndReadsGoOnFromItsPeerMeanwhile() throws Exception {
    String bucket = "crash-" + System.nanoTime();
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
    assertThat(Clients.http("PUT", "/" + bucket + "/k", "still here".getBytes()).statusCode()).isEqualTo(200);
    Supervisor stack = LocalStackExtension.supervisor();
    Part node = stack.part("storage-node-2");
    long crashed = stack.running(node).orElseThrow().pid();
    int restarts = stack.restarts(node.name());
    try {
      HttpResponse<String> ordered = FaultControl.call("POST", "/api/v1/process/node-2/scenarios/crash/start",
          "{\"crash_delay\": 1}");
      assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(15)).until(() -> ProcessHandle.of(crashed).filter(ProcessHandle::isAlive).isEmpty());
      for (int i = 0; i < 20; i++) {
        assertThat(Clients.http("GET", "/" + bucket + "/k", null).body()).isEqualTo("still here");
      }
      // The watcher restarts it 1 s after its death, and the status counts the restart.
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
          .until(() -> stack.running(node).filter(p -> p.pid() != crashed).isPresent() && node.healthy());
      assertThat(stack.restarts(node.name())).isEqualTo(restarts + 1);
      ByteArrayOutputStream status = new ByteArrayOutputStream();
      new Supervisor(LocalStackExtension.layout(), new PrintStream(status, true, StandardCharsets.UTF_8)).status();
      assertThat(status.toString(StandardCharsets.UTF_8))
          .containsPattern("storage-node-2\\s+\\d+\\s+\\d+\\s+healthy\\s+" + (restarts + 1) + "\\s");
    } finally {
      if (stack.running(node).isEmpty()) {
        stack.start(node.name());
      }
    }
    // Restarted, the node reads the order again but does not crash twice: that crash already happened.
    assertThat(call(StackLayout.STORAGE_2, "GET", "/api/v1/composite/status", null).body()).contains("already happened");
    assertThat(Clients.http("GET", "/" + bucket + "/k", null).body()).isEqualTo("still here");
    FaultControl.call("POST", "/api/v1/process/node-2/stop", null);
  }

}
