package io.mocks3.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher over real processes ({@code sleep} standing in for a part), with its clock moved by hand. */
class WatcherTest {
  @TempDir Path home;
  private PartProcesses processes;

  @AfterEach
  void stopEverything() throws Exception {
    for (String part : processes.startedParts()) {
      processes.running(part).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aDeadPartIsRestartedWithItsOwnCommand_LaterAndLaterWhileItKeepsDying() throws Exception {
    processes = new PartProcesses(home.resolve("run"), home.resolve("logs"));
    Watcher watcher = new Watcher(processes);
    ProcessHandle first = processes.launch("part", List.of("sleep", "300"));
    Instant now = Instant.now();
    watcher.check(now);

    crash(first);
    watcher.check(now);
    assertThat(processes.running("part")).as("not before its back-off of 1 s").isEmpty();
    watcher.check(now.plus(Duration.ofMillis(999)));
    assertThat(processes.running("part")).isEmpty();
    watcher.check(now.plusSeconds(1));
    ProcessHandle second = processes.running("part").orElseThrow(() -> new AssertionError("not restarted after 1 s"));
    assertThat(second.pid()).isNotEqualTo(first.pid());
    // Its own command, once the new process has exec'd it (until then /proc shows an empty command line).
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(second.info().commandLine().orElse("")).contains("sleep 300"));
    assertThat(processes.restarts("part")).isEqualTo(1);

    // Dying again at once: the next restart waits 2 s.
    watcher.check(now.plusSeconds(2));
    crash(second);
    watcher.check(now.plusSeconds(3));
    watcher.check(now.plusSeconds(4));
    assertThat(processes.running("part")).as("2 s after its second death, not 1").isEmpty();
    watcher.check(now.plusSeconds(5));
    assertThat(processes.running("part")).isPresent();
    assertThat(processes.restarts("part")).isEqualTo(2);
  }

  @Test
  void theArchiveMakerIsNotAPart_ItIsNotRestartedWhenItEnds() throws Exception {
    processes = new PartProcesses(home.resolve("run"), home.resolve("logs"));
    Watcher watcher = new Watcher(processes);
    ProcessHandle maker = processes.launch(SharedClasses.MAKER, List.of("sleep", "300"));
    Instant now = Instant.now();
    watcher.check(now);

    crash(maker);
    for (int s = 0; s <= 120; s += 10) {
      watcher.check(now.plusSeconds(s));
    }

    assertThat(processes.running(SharedClasses.MAKER)).isEmpty();
    assertThat(processes.startedParts()).doesNotContain(SharedClasses.MAKER);
  }

  @Test
  void aPartKilledOnPurposeOrStoppedIsLeftAlone() throws Exception {
    processes = new PartProcesses(home.resolve("run"), home.resolve("logs"));
    Watcher watcher = new Watcher(processes);
    ProcessHandle killed = processes.launch("killed", List.of("sleep", "300"));
    ProcessHandle stopped = processes.launch("stopped", List.of("sleep", "300"));
    Instant now = Instant.now();
    watcher.check(now);

    processes.hold("killed");
    crash(killed);
    crash(stopped);
    processes.stopped("stopped");
    for (int s = 0; s <= 120; s += 10) {
      watcher.check(now.plusSeconds(s));
    }
    assertThat(processes.running("killed")).isEmpty();
    assertThat(processes.running("stopped")).isEmpty();
    assertThat(processes.restarts("killed")).isZero();

    // Released (as `start` does), the killed one is the watcher's again.
    processes.release("killed");
    watcher.check(now.plusSeconds(130));
    watcher.check(now.plusSeconds(131));
    assertThat(processes.running("killed")).isPresent();
  }

  private static void crash(ProcessHandle process) {
    process.destroyForcibly();
    process.onExit().join();
  }
}
