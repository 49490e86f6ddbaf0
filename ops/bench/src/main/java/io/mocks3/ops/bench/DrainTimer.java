package io.mocks3.ops.bench;

import io.mocks3.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The projector's apply rate, for ops/bench/drain.sh (the projector is restarted on a backlog): waits
 * for its consumer group's first commit, then times the lag ({@link ProjectorLag}) down to 0 and
 * prints commands/s, with the projector's CPU time per command (steadier than the rate on a shared
 * machine). Timing from the first commit leaves start-up and state restoration out.
 *
 * <p>{@code java -cp ops/bench/target/bench.jar io.mocks3.ops.bench.DrainTimer <bootstrap> <group> lag|stored|drain
 * [timeout-seconds [projector-command-line-match]]}: {@code stored} waits for the storage nodes to have stored the blob log.
 */
public final class DrainTimer {
  private static final long PRINT_EVERY_NANOS = 2_000_000_000L;

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: DrainTimer <bootstrap> <group> lag|stored|drain [timeout-seconds [projector-command-line-match]]");
      System.exit(2);
    }
    try (ProjectorLag lag = ProjectorLag.connect(args[0], args[1], Topics.COMMANDS)) {
      if (args[2].equals("lag")) {
        ProjectorLag.Sample now = lag.sample();
        System.out.printf(Locale.ROOT, "lag %d (end %d, committed %d)%n", now.lag(), now.end(), now.committed());
      } else if (args[2].equals("stored")) {
        waitForStorage(lag, Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 600));
      } else if (!drain(lag, Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 600), args.length > 4 ? args[4] : null)) {
        System.out.println("timed out: the lag did not reach 0");
        System.exit(1);
      }
    }
  }

  /** Waits until the live storage nodes have stored every blob of the log, so that the drain has the machine to itself. */
  private static void waitForStorage(ProjectorLag lag, Duration timeout) throws InterruptedException {
    long started = System.nanoTime();
    System.out.printf(Locale.ROOT, "storage nodes %d blob chunks behind%n", lag.storageBacklog());
    long behind = lag.awaitStorage(started + timeout.toNanos(), "drain");
    System.out.printf(Locale.ROOT, "storage nodes %d blob chunks behind after %.1f s%n", behind, (System.nanoTime() - started) / 1e9);
    if (behind > 0) {
      System.exit(1);
    }
  }

  private static boolean drain(ProjectorLag lag, Duration timeout, String projectorMatch) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ProjectorLag.Sample first = lag.sample();
    System.out.printf(Locale.ROOT, "lag %d at start; waiting for the first commit%n", first.lag());
    ProjectorLag.Sample moved = null;
    long projector = 0;
    long cpuAtMove = 0;
    long lastPrint = 0;
    while (System.nanoTime() < deadline) {
      ProjectorLag.Sample now = lag.sample();
      if (moved == null && now.committed() != first.committed()) {
        moved = now;
        projector = projectorPid(projectorMatch);
        cpuAtMove = cpuMillis(projector);
        System.out.printf(Locale.ROOT, "first commit: lag %d%n", now.lag());
      }
      if (moved != null && now.lag() <= 0) {
        report(moved, now, projector, cpuMillis(projector) - cpuAtMove);
        return true;
      }
      if (moved != null && now.nanos() - lastPrint > PRINT_EVERY_NANOS) {
        System.out.printf(Locale.ROOT, "  %.1f s: lag %d%n", (now.nanos() - moved.nanos()) / 1e9, now.lag());
        lastPrint = now.nanos();
      }
      Thread.sleep(50);
    }
    return false;
  }

  private static void report(ProjectorLag.Sample from, ProjectorLag.Sample to, long projector, long cpuMillis) {
    double seconds = (to.nanos() - from.nanos()) / 1e9;
    long applied = to.committed() - from.committed();
    System.out.printf(Locale.ROOT, "drained %d commands in %.2f s: %.0f commands/s%n", applied, seconds, applied / seconds);
    if (projector > 0 && cpuMillis > 0) {
      System.out.printf(Locale.ROOT, "projector (pid %d) CPU %.2f s: %.0f us per command, %.0f commands per CPU-second%n",
          projector, cpuMillis / 1e3, cpuMillis * 1e3 / applied, applied / (cpuMillis / 1e3));
    }
  }

  /** The CPU time (user + system, /proc/PID/stat) the process used so far, in ms; 0 when unknown. */
  private static long cpuMillis(long pid) {
    if (pid <= 0) {
      return 0;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // clock ticks of 10 ms
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The pid of the running process whose command line contains {@code match} (the projector's port); 0 for none. */
  private static long projectorPid(String match) {
    if (match == null) {
      return 0;
    }
    // Not this process, whose own command line holds the match.
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses().filter(h -> h.pid() != self && h.info().commandLine().orElse("").contains(match))
        .mapToLong(ProcessHandle::pid).max().orElse(0);
  }
}
