package io.mocks3.ops.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack's supervisor process: restarts a part that died (a crash, the {@code crash}
 * process scenario, the OOM killer), as systemd or Kubernetes would, with back-off: 1 s after the
 * first death, doubling up to 60 s while it keeps dying, back to 1 s once it has run for a minute.
 * A part the user stopped on purpose ({@code ops/mocks3 kill}) is left alone until {@code start};
 * one that only fails its health check is left alone too (that may be a scenario). {@code up}
 * starts the watcher, {@code down} stops it first. It runs the command the part was last launched
 * with ({@link PartProcesses}), logs to {@code logs/watcher.log} and costs one small JVM polling its
 * pid files once a second.
 */
public final class Watcher {
  static final String NAME = "watcher";
  static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  static final Duration MAX_DELAY = Duration.ofSeconds(60);
  static final Duration STABLE_AFTER = Duration.ofSeconds(60);

  private final PartProcesses processes;
  private final Map<String, Backoff> backoffs = new HashMap<>();

  Watcher(PartProcesses processes) {
    this.processes = processes;
  }

  /** {@code Watcher <run dir> <logs dir>}. */
  public static void main(String[] args) throws Exception {
    Watcher watcher = new Watcher(new PartProcesses(Path.of(args[0]), Path.of(args[1])));
    log("watching the parts in " + args[0]);
    while (true) {
      watcher.check(Instant.now());
      Thread.sleep(1000);
    }
  }

  /** The JVM command that runs a watcher over {@code layout}: this module's classes, a small heap. */
  static List<String> command(String java, StackLayout layout) {
    return JvmFootprint.helper(java, "16m", Watcher.class, List.of(layout.run().toString(), layout.logs().toString()));
  }

  /** One look at every started part: a dead one (not held) is restarted once its back-off has passed. */
  void check(Instant now) throws IOException, InterruptedException {
    for (String part : processes.startedParts()) {
      Backoff backoff = backoffs.computeIfAbsent(part, p -> new Backoff());
      Optional<ProcessHandle> alive = processes.running(part);
      if (alive.isPresent()) {
        backoff.alive(now, alive.get());
        continue;
      }
      if (processes.held(part)) {
        continue;
      }
      if (backoff.restartAt == null) {
        // Under the lock: a `start` releases the part's hold before it launches it, so without the lock
        // a part being started looks dead for a moment (and the log said it died when it had not).
        if (processes.locked(part, () -> processes.running(part).isEmpty() && !processes.held(part) && processes.started(part))) {
          backoff.restartAt = now.plus(backoff.delay);
          log(part + " died; restarting it in " + backoff.delay.toSeconds() + " s");
        }
        continue;
      }
      if (now.isBefore(backoff.restartAt)) {
        continue;
      }
      boolean restarted = processes.locked(part, () -> {
        // Under the lock: a `start` or `kill` may have come first.
        if (processes.running(part).isPresent() || processes.held(part) || !processes.started(part)) {
          return false;
        }
        ProcessHandle process = processes.launch(part, processes.command(part));
        processes.restarted(part);
        log("restarted " + part + " (pid " + process.pid() + ", restart " + processes.restarts(part) + ")");
        return true;
      });
      backoff.restarted(restarted);
    }
  }

  /** When a part may be restarted next. */
  private static final class Backoff {
    Duration delay = FIRST_DELAY;
    Instant restartAt;
    long pid;
    Instant aliveSince;

    void alive(Instant now, ProcessHandle process) {
      restartAt = null;
      if (process.pid() != pid) {
        pid = process.pid();
        aliveSince = now;
      } else if (Duration.between(aliveSince, now).compareTo(STABLE_AFTER) >= 0) {
        delay = FIRST_DELAY;
      }
    }

    void restarted(boolean restarted) {
      restartAt = null;
      if (restarted) {
        delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
      }
    }
  }

  private static void log(String message) {
    System.out.println(Instant.now() + " " + message);
  }
}
