package io.mocks3.ops.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Starts, watches and stops the parts of the local stack. Each part is a detached process with
 * its files in {@code run/} ({@link PartProcesses}) and a log ({@code logs/<part>.log}).
 * Infrastructure starts first, then the services, then the {@link Watcher}, which restarts a part
 * that dies (unless {@code MOCKS3_RESTART=off}, or the user killed it on purpose).
 */
public final class Supervisor {
  private static final Duration INFRA_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(150);
  /** How long `down` waits for a part to stop after SIGTERM, before SIGKILL. */
  private static final int STOP_SECONDS = 20;
  /** A part slower than this to stop is named in `down`'s output. */
  private static final int SLOW_STOP_SECONDS = 5;
  /** {@code off} (env {@code MOCKS3_RESTART} or property {@code mocks3.restart}): no watcher, a dead part stays dead. */
  static final String RESTART_VARIABLE = "MOCKS3_RESTART";
  private final StackLayout layout;
  private final PartProcesses processes;
  private final List<Part> infrastructure;
  private final List<Part> services;
  private final PrintStream out;

  public Supervisor(StackLayout layout, PrintStream out) {
    this.layout = layout;
    this.out = out;
    this.processes = new PartProcesses(layout.run(), layout.logs());
    this.infrastructure = List.of(new KafkaPart(layout), new PostgresPart(layout), new RedisPart(layout));
    this.services = new StackServices(layout).parts();
  }

  public List<Part> parts() {
    return Stream.concat(infrastructure.stream(), services.stream()).toList();
  }

  public Part part(String name) {
    return parts().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "no part named " + name + "; parts: " + parts().stream().map(Part::name).toList()));
  }

  /**
   * Starts whatever is not running and waits until everything is healthy. The topology is kept in the
   * stack's home; a stack that runs with another topology must be stopped first (its data is kept: the
   * nodes then re-place their blobs, see the README's "Storage nodes").
   */
  public void up(boolean fresh) throws IOException, InterruptedException {
    if (fresh) {
      down();
      deleteAllBut(layout.home(), layout.cache());
    }
    StackTopology before = StackTopology.stored(layout.home()).orElse(StackTopology.DEFAULT);
    if (!before.equals(layout.topology()) && anyRunning(withTopology(before).parts())) {
      throw new IOException("the stack in " + layout.home() + " runs with " + before + "; stop it first (`down`, the data is kept)"
          + " to start it with " + layout.topology() + ", or start afresh with `up --fresh`");
    }
    layout.topology().store(layout.home());
    Files.createDirectories(layout.logs());
    Files.createDirectories(layout.run());
    Instant start = Instant.now();
    startAll(infrastructure, INFRA_TIMEOUT);
    startAll(services, SERVICE_TIMEOUT);
    watch();
    Optional<SharedClasses> shared = sharedClasses();
    if (shared.isPresent()) {
      shared.get().archiveInBackground(processes);
    }
    out.printf("MockS3 is up in %.1f s (data: %s)%n", Duration.between(start, Instant.now()).toMillis() / 1000.0, layout.home());
    status();
  }

  /** Starts the watcher that restarts dead parts, unless it runs already or restarts are off. */
  private void watch() throws IOException {
    String restart = System.getProperty("mocks3.restart", System.getenv().getOrDefault(RESTART_VARIABLE, "on"));
    if (restart.equals("off") || processes.running(Watcher.NAME).isPresent()) {
      return;
    }
    processes.launch(Watcher.NAME, Watcher.command(layout.java(), layout));
  }

  private void stopWatcher() throws IOException, InterruptedException {
    Optional<ProcessHandle> watcher = processes.running(Watcher.NAME);
    if (watcher.isPresent()) {
      watcher.get().destroy();
      watcher.get().onExit().join();
    }
    processes.stopped(Watcher.NAME);
  }

  /** A part that did not become healthy, with what its health check said (asked once). */
  private static String notHealthy(Part part) {
    String report = part.healthReport();
    return part.name() + " (port " + part.port() + ")" + (report.isEmpty() ? "" : ", /health: " + report);
  }

  /**
   * (Re)starts one part that is not running, e.g. after `kill` (the watcher may restart it again
   * from then on), and waits until it is healthy. Starts the watcher too when it is not running: an
   * `up` that failed on one part leaves the others unwatched until that part is started.
   */
  public void start(String name) throws IOException, InterruptedException {
    startAll(List.of(part(name)), SERVICE_TIMEOUT);
    watch();
  }

  private void startAll(List<Part> parts, Duration timeout) throws IOException, InterruptedException {
    for (Part part : parts) {
      processes.locked(part.name(), () -> {
        processes.release(part.name());
        if (running(part).isPresent()) {
          return null;
        }
        if (Probes.portInUse(part.port())) {
          throw new IOException("cannot start " + part.name() + ": port " + part.port()
              + " is in use by another process. Stop it, or run the stack on other ports with MOCKS3_PORT_OFFSET.");
        }
        part.prepare();
        return processes.launch(part.name(), part.command());
      });
    }
    awaitHealthy(parts, timeout);
  }

  private void awaitHealthy(List<Part> parts, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    List<Part> waiting = new ArrayList<>(parts);
    while (!waiting.isEmpty()) {
      for (Part part : List.copyOf(waiting)) {
        if (running(part).isEmpty()) {
          throw new IOException(part.name() + " exited during start-up. Last lines of "
              + processes.log(part.name()) + ":\n" + tail(part, 30));
        }
        if (part.healthy()) {
          waiting.remove(part);
        }
      }
      if (!waiting.isEmpty() && Instant.now().isAfter(deadline)) {
        throw new IOException("not healthy after " + timeout.toSeconds() + " s: "
            + waiting.stream().map(Supervisor::notHealthy).toList()
            + ". See " + layout.logs());
      }
      Thread.sleep(250);
    }
  }

  /**
   * Stops every part, services first; nothing is left running, not even the parts of the topology the
   * stack was last started with when this supervisor's differs.
   */
  public void down() throws InterruptedException, IOException {
    StackTopology stored = StackTopology.stored(layout.home()).orElse(layout.topology());
    if (!stored.equals(layout.topology())) {
      withTopology(stored).down();
    }
    stopWatcher();
    List<Part> reverse = new ArrayList<>(parts());
    java.util.Collections.reverse(reverse);
    stopAll(reverse.subList(0, services.size()));
    stopAll(reverse.subList(services.size(), reverse.size()));
    for (Part part : services) {
      if (part instanceof ServicePart service) {
        service.forgetOtherBuilds();
      }
    }
    Optional<SharedClasses> shared = sharedClasses();
    if (shared.isPresent() && !anyRunning(services)) {
      try {
        shared.get().archive(processes, out);
        shared.get().forgetOthers();
      } catch (IOException e) {
        out.println("the services' shared class archive was not made: " + e.getMessage()); // the stack is down all the same
      }
    }
  }

  /** The class-data archive every service of this stack shares (all the services hold the one instance). */
  private Optional<SharedClasses> sharedClasses() {
    return services.stream().findFirst().filter(ServicePart.class::isInstance).map(p -> ((ServicePart) p).sharedClasses());
  }

  private Supervisor withTopology(StackTopology topology) {
    return new Supervisor(layout.withTopology(topology), out);
  }

  private boolean anyRunning(List<Part> parts) {
    return parts.stream().anyMatch(p -> running(p).isPresent());
  }

  /**
   * Stops the running parts together (SIGTERM), giving each {@value #STOP_SECONDS} s before SIGKILL; says
   * which parts were slow to stop or had to be killed, so a stop that hangs is seen, not just waited out.
   */
  private void stopAll(List<Part> parts) throws InterruptedException, IOException {
    /** A part being stopped, and the moment its process exits (taken when it does, not when we look). */
    record Stopping(ProcessHandle process, CompletableFuture<Long> exitedAt) {}
    Map<String, Stopping> stopping = new LinkedHashMap<>();
    long started = System.nanoTime();
    for (Part part : parts) {
      running(part).ifPresent(p -> {
        stopping.put(part.name(), new Stopping(p, p.onExit().thenApply(exited -> System.nanoTime())));
        p.destroy();
      });
    }
    for (Map.Entry<String, Stopping> part : stopping.entrySet()) {
      try {
        long at = part.getValue().exitedAt()
            .get(Math.max(0, STOP_SECONDS * 1_000_000_000L - (System.nanoTime() - started)), TimeUnit.NANOSECONDS);
        if (at - started > SLOW_STOP_SECONDS * 1_000_000_000L) {
          out.printf("%s took %.1f s to stop%n", part.getKey(), (at - started) / 1e9);
        }
      } catch (TimeoutException | ExecutionException e) {
        out.printf("%s did not stop within %d s: killed%n", part.getKey(), STOP_SECONDS);
        part.getValue().process().destroyForcibly();
        part.getValue().process().onExit().join();
      }
    }
    for (Part part : parts) {
      processes.stopped(part.name());
    }
  }

  /**
   * Kills one part at once (SIGKILL), as a crash would, but on purpose: the watcher leaves it dead
   * until `start` (or `up`).
   */
  public void kill(String name) throws IOException, InterruptedException {
    Part part = part(name);
    processes.locked(name, () -> {
      Optional<ProcessHandle> process = running(part);
      if (process.isEmpty()) {
        throw new IOException(name + " is not running");
      }
      processes.hold(name);
      process.get().destroyForcibly();
      process.get().onExit().join();
      return null;
    });
  }

  /**
   * One line a part: its pid, port and state (healthy, UNHEALTHY, KILLED: by `kill`, CRASHED: died,
   * the watcher restarts it; stopped), how often the watcher restarted it, and its address.
   */
  public void status() {
    out.printf("%-20s %-8s %-7s %-10s %-8s %s%n", "PART", "PID", "PORT", "STATE", "RESTARTS", "URL");
    for (Part part : parts()) {
      Optional<ProcessHandle> process = running(part);
      String state = process.isPresent() ? (part.healthy() ? "healthy" : "UNHEALTHY")
          : !processes.started(part.name()) ? "stopped"
          : processes.held(part.name()) ? "KILLED" : "CRASHED";
      String url = part instanceof ServicePart ? "http://localhost:" + part.port() : "127.0.0.1:" + part.port();
      out.printf("%-20s %-8s %-7d %-10s %-8d %s%n", part.name(), process.map(p -> String.valueOf(p.pid())).orElse("-"),
          part.port(), state, processes.restarts(part.name()), url);
    }
    Optional<ProcessHandle> watcher = processes.running(Watcher.NAME);
    out.println(watcher.isPresent() ? "Dead parts are restarted by the watcher (pid " + watcher.get().pid() + ")."
        : "No watcher: a dead part stays dead until `start`.");
  }

  /** The part's live process, if its pid file names one that is still the process we started. */
  public Optional<ProcessHandle> running(Part part) {
    return processes.running(part.name());
  }

  /** How often the watcher restarted the part since the stack was started. */
  public int restarts(String name) {
    return processes.restarts(part(name).name());
  }

  public String tail(Part part, int lines) {
    try {
      List<String> all = Files.readAllLines(processes.log(part.name()));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** Deletes everything in {@code dir} but {@code kept} (and the directories on the way to it). */
  private static void deleteAllBut(Path dir, Path kept) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.filter(c -> !kept.startsWith(c)).toList()) {
        deleteRecursively(child);
      }
    }
  }

  /**
   * Moves a directory built aside into place in one step; when another launcher (the watcher, a
   * second command) has put one there first, keeps that one and deletes {@code partial}.
   */
  static void publish(Path partial, Path target) throws IOException {
    try {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
      deleteRecursively(partial);
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
