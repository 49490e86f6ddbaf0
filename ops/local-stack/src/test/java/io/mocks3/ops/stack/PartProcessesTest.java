package io.mocks3.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a part's pid file tells its own process from another that got the same pid ({@code sleep} standing in for a part). */
class PartProcessesTest {
  @TempDir Path home;

  @Test
  void aPartIsKnownByItsStartSinceBoot_AnotherProcessWithItsPidIsNotIt() throws Exception {
    PartProcesses processes = new PartProcesses(home.resolve("run"), home.resolve("logs"));
    ProcessHandle part = processes.launch("part", List.of("sleep", "300"));
    try {
      Path pidFile = home.resolve("run/part.pid");
      String recorded = Files.readString(pidFile);
      assertThat(recorded).as("on Linux, its start in clock ticks since boot: no wall-clock step moves it")
          .isEqualTo(part.pid() + " " + PartProcesses.startOf(part)).matches("\\d+ ticks:\\d+");
      assertThat(processes.running("part")).contains(part);

      Files.writeString(pidFile, part.pid() + " ticks:1");
      assertThat(processes.running("part")).as("the same pid, started at another time: a recycled pid").isEmpty();
    } finally {
      part.destroyForcibly();
    }
  }
}
