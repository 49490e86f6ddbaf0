package io.mocks3.ops.stack;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The processes of the stack's parts, kept as files in the stack's {@code run/} directory, so that
 * every command (and the {@link Watcher}) sees the same state:
 * <ul>
 *   <li>{@code <part>.pid}: pid and start ({@link #startOf}: a recycled pid is not mistaken for ours). Present
 *       from a start until {@code down}: a pid file whose process is gone is a part that died.</li>
 *   <li>{@code <part>.cmd}: the command it was launched with (one argument a line), which the
 *       watcher runs again to restart it.</li>
 *   <li>{@code <part>.held}: the user stopped it on purpose ({@code kill}); nobody restarts it until
 *       {@code start}.</li>
 *   <li>{@code <part>.restarts}: how often the watcher restarted it.</li>
 *   <li>{@code <part>.lock}: held while a part is being started, so that a {@code start} and the
 *       watcher never launch it twice.</li>
 * </ul>
 * Only the JDK is used here: the watcher runs with this module's classes alone.
 */
final class PartProcesses {
  /** Processes of the launcher's own, with files here like a part's but never restarted: the watcher, the archive's maker. */
  private static final Set<String> HELPERS = Set.of(Watcher.NAME, SharedClasses.MAKER);
  private final Path run;
  private final Path logs;

  PartProcesses(Path run, Path logs) {
    this.run = run;
    this.logs = logs;
  }

  Path log(String part) {
    return logs.resolve(part + ".log");
  }

  /**
   * Starts {@code command} detached (its own session: it outlives this JVM and a Ctrl-C of it),
   * appending to the part's log, and records its pid and command.
   */
  ProcessHandle launch(String part, List<String> command) throws IOException {
    Files.createDirectories(run);
    Files.createDirectories(logs);
    List<String> detached = new ArrayList<>();
    detached.add("setsid");
    detached.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(detached);
    builder.environment().putAll(JvmFootprint.environment());
    Process process = builder
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(log(part).toFile()))
        .redirectInput(Redirect.from(new File("/dev/null")))
        .start();
    Files.write(file(part, "cmd"), command);
    Files.writeString(file(part, "pid"), process.pid() + " " + startOf(process.toHandle()));
    return process.toHandle();
  }

  /** The part's live process, if its pid file names one that is still the process we started. */
  Optional<ProcessHandle> running(String part) {
    try {
      String[] fields = Files.readString(file(part, "pid")).trim().split(" ");
      Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(fields[0])).filter(ProcessHandle::isAlive);
      String start = fields[1]; // a file without a start names no process of ours
      if (start.chars().allMatch(Character::isDigit)) { // an older launcher's file: its start in epoch ms
        long startedAt = Long.parseLong(start);
        return handle.filter(h -> h.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - startedAt) < 2000).orElse(true));
      }
      return handle.filter(h -> start.equals(startOf(h)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * When {@code process} started, as a token that never changes while it lives: on Linux its start
   * in clock ticks since boot ({@code /proc/<pid>/stat}, field 22). The wall-clock start the JDK
   * reports is derived from the boot time, which moves when the clock is stepped: after a step of
   * 7 s on a VM, every live part looked dead (its pid "recycled") to {@code kill}, {@code status}
   * and the watcher. Elsewhere, the JDK's start instant in seconds.
   */
  static String startOf(ProcessHandle process) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return "ticks:" + fields[19];
    } catch (IOException | RuntimeException e) {
      return "s:" + process.info().startInstant().map(Instant::getEpochSecond).orElse(0L);
    }
  }

  /** Started and not stopped by {@code down} (alive, or died since). */
  boolean started(String part) {
    return Files.exists(file(part, "pid"));
  }

  /** The parts that were started (a pid file) and have a command to restart them with; not the {@link #HELPERS}. */
  List<String> startedParts() throws IOException {
    if (!Files.isDirectory(run)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(run)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pid"))
          .map(n -> n.substring(0, n.length() - ".pid".length()))
          .filter(p -> !HELPERS.contains(p) && Files.exists(file(p, "cmd"))).sorted().toList();
    }
  }

  List<String> command(String part) throws IOException {
    return Files.readAllLines(file(part, "cmd"));
  }

  /** Stopped by {@code down}: not started any more, and its hold and restart count are forgotten. */
  void stopped(String part) throws IOException {
    Files.deleteIfExists(file(part, "pid"));
    Files.deleteIfExists(file(part, "held"));
    Files.deleteIfExists(file(part, "restarts"));
  }

  void hold(String part) throws IOException {
    Files.createDirectories(run);
    Files.writeString(file(part, "held"), Instant.now().toString());
  }

  void release(String part) throws IOException {
    Files.deleteIfExists(file(part, "held"));
  }

  boolean held(String part) {
    return Files.exists(file(part, "held"));
  }

  int restarts(String part) {
    try {
      return Integer.parseInt(Files.readString(file(part, "restarts")).trim());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  void restarted(String part) throws IOException {
    Files.writeString(file(part, "restarts"), String.valueOf(restarts(part) + 1));
  }

  /** Runs {@code action} holding the part's start lock (across processes). */
  <T> T locked(String part, LockedAction<T> action) throws IOException, InterruptedException {
    Files.createDirectories(run);
    try (FileChannel channel = FileChannel.open(file(part, "lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      return action.run();
    }
  }

  interface LockedAction<T> {
    T run() throws IOException, InterruptedException;
  }

  private Path file(String part, String kind) {
    return run.resolve(part + "." + kind);
  }
}
