package io.mocks3.ops.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts, watches and stops the parts of the local stack. Each part is a detached process with
 * a pid file ({@code run/<part>.pid}: pid and start time, so a recycled pid is not mistaken for
 * ours) and a log ({@code logs/<part>.log}). Infrastructure starts first, then the services.
 */
public final class Supervisor {
  private static final Duration INFRA_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(150);
  private final StackLayout layout;
  private final List<Part> infrastructure;
  private final List<Part> services;
  private final PrintStream out;

  public Supervisor(StackLayout layout, PrintStream out) {
    this.layout = layout;
    this.out = out;
    this.infrastructure = List.of(new KafkaPart(layout), new PostgresPart(layout), new RedisPart(layout));
    this.services = services(layout);
  }

  private static List<Part> services(StackLayout l) {
    // PostgreSQL, Redis and the storage nodes as each process reaches them: through its network links.
    ProcessLinks links = new ProcessLinks(l);
    java.util.function.UnaryOperator<String> jdbc = p -> "--spring.datasource.url=" + links.jdbcUrl(p);
    java.util.function.UnaryOperator<String> redis = p -> "--mocks3.cache.redis-url=" + links.redisUrl(p);
    java.util.function.UnaryOperator<String> nodes = p -> "--mocks3.storage-nodes=" + links.storageUrl(p, "storage-node-1") + ","
        + links.storageUrl(p, "storage-node-2");
    return List.of(
        service(l, "metadata-projector", "metadata-projector", StackLayout.PROJECTOR, "512m", jdbc.apply("metadata-projector"),
            redis.apply("metadata-projector"), nodes.apply("metadata-projector"), "--mocks3.state-dir=" + l.data("metadata-projector")),
        service(l, "storage-node-1", "storage-node", StackLayout.STORAGE_1, "384m",
            "--mocks3.node-id=node-1", "--mocks3.data-dir=" + l.data("storage-node-1")),
        service(l, "storage-node-2", "storage-node", StackLayout.STORAGE_2, "384m",
            "--mocks3.node-id=node-2", "--mocks3.data-dir=" + l.data("storage-node-2")),
        service(l, "task-workers", "task-workers", StackLayout.TASKS, "256m", jdbc.apply("task-workers"),
            "--mocks3.blob-tasks.projector-url=" + l.url(StackLayout.PROJECTOR), blobGrace(), lifecycleDay(),
            "--mocks3.origin.gateway-url=" + l.url(StackLayout.GATEWAY)),
        // The controller judges runs: a 100,000-operation run's history and report take a few hundred MB.
        service(l, "fault-controller", "fault-controller", StackLayout.FAULTS, "768m",
            "--mocks3.runs.gateway-url=" + l.url(StackLayout.GATEWAY)),
        service(l, "api-gateway", "api-gateway", StackLayout.GATEWAY, "1g", jdbc.apply("api-gateway"), redis.apply("api-gateway"),
            nodes.apply("api-gateway"),
            "--mocks3.origin.fetcher=" + l.url(StackLayout.TASKS), consistency()));
  }

  /**
   * How long an unreferenced blob waits before it is collected: {@code MOCKS3_GC_GRACE} (or the
   * system property {@code mocks3.gc-grace}), e.g. {@code 30s}; the task workers' own default (10
   * minutes) otherwise.
   */
  private static String blobGrace() {
    String grace = System.getProperty("mocks3.gc-grace", System.getenv("MOCKS3_GC_GRACE"));
    return grace == null || grace.isBlank() ? "--mocks3.blob-tasks.grace=10m" : "--mocks3.blob-tasks.grace=" + grace;
  }

  /**
   * The gateway's default consistency mode: {@code MOCKS3_CONSISTENCY} (or the system property
   * {@code mocks3.consistency}), {@code strong} unless set; for clients that cannot send the
   * {@code x-mocks3-consistency} header (the AWS CLI).
   */
  private static String consistency() {
    String mode = System.getProperty("mocks3.consistency", System.getenv("MOCKS3_CONSISTENCY"));
    return "--mocks3.consistency=" + (mode == null || mode.isBlank() ? "strong" : mode);
  }

  /**
   * How long a lifecycle rule's "day" is: {@code MOCKS3_LIFECYCLE_DAY} (or the system property
   * {@code mocks3.lifecycle-day}), e.g. {@code 10s} to watch rules act; 24 hours otherwise.
   */
  private static String lifecycleDay() {
    String day = System.getProperty("mocks3.lifecycle-day", System.getenv("MOCKS3_LIFECYCLE_DAY"));
    return "--mocks3.lifecycle.day-length=" + (day == null || day.isBlank() ? "24h" : day);
  }

  /**
   * A service part. With {@code MOCKS3_PROCESS_SCENARIOS=on} (or the system property
   * {@code mocks3.process-scenarios=on}) every service accepts process scenarios, crash included;
   * they are off otherwise, as in each service's own configuration. With
   * {@code MOCKS3_OTLP_ENDPOINT} (or {@code mocks3.otlp-endpoint}) set to an OTLP/HTTP traces URL,
   * e.g. {@code http://localhost:4318/v1/traces}, every service exports its spans there.
   */
  private static Part service(StackLayout l, String name, String module, int port, String heap, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    String otlp = System.getProperty("mocks3.otlp-endpoint", System.getenv("MOCKS3_OTLP_ENDPOINT"));
    if (otlp != null && !otlp.isBlank()) {
      all.add("--management.opentelemetry.tracing.export.otlp.endpoint=" + otlp);
      all.add("--management.opentelemetry.tracing.export.schedule-delay=500ms");
    }
    if ("on".equals(System.getProperty("mocks3.process-scenarios", System.getenv().getOrDefault("MOCKS3_PROCESS_SCENARIOS", "off")))) {
      all.add("--mocks3.process.enabled=true");
      all.add("--mocks3.process.crash-enabled=true");
      all.add("--mocks3.process.scratch-dir=" + l.data(name));
    }
    return new ServicePart(l, name, module, port, heap, all);
  }

  public List<Part> parts() {
    return Stream.concat(infrastructure.stream(), services.stream()).toList();
  }

  public Part part(String name) {
    return parts().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "no part named " + name + "; parts: " + parts().stream().map(Part::name).toList()));
  }

  /** Starts whatever is not running and waits until everything is healthy. */
  public void up(boolean fresh) throws IOException, InterruptedException {
    if (fresh) {
      down();
      deleteRecursively(layout.home());
    }
    Files.createDirectories(layout.logs());
    Files.createDirectories(layout.run());
    Instant start = Instant.now();
    startAll(infrastructure, INFRA_TIMEOUT);
    startAll(services, SERVICE_TIMEOUT);
    out.printf("MockS3 is up in %.1f s (data: %s)%n", Duration.between(start, Instant.now()).toMillis() / 1000.0, layout.home());
    status();
  }

  /** (Re)starts one part that is not running, e.g. after `kill`, and waits until it is healthy. */
  public void start(String name) throws IOException, InterruptedException {
    Files.createDirectories(layout.logs());
    Files.createDirectories(layout.run());
    startAll(List.of(part(name)), SERVICE_TIMEOUT);
  }

  private void startAll(List<Part> parts, Duration timeout) throws IOException, InterruptedException {
    for (Part part : parts) {
      if (running(part).isPresent()) {
        continue;
      }
      if (Probes.portInUse(part.port())) {
        throw new IOException("cannot start " + part.name() + ": port " + part.port()
            + " is in use by another process. Stop it, or run the stack on other ports with MOCKS3_PORT_OFFSET.");
      }
      part.prepare();
      launch(part);
    }
    awaitHealthy(parts, timeout);
  }

  private void launch(Part part) throws IOException {
    Path log = layout.logs().resolve(part.name() + ".log");
    List<String> command = new ArrayList<>();
    command.add("setsid");
    command.addAll(part.command());
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(log.toFile()))
        .redirectInput(Redirect.from(new java.io.File("/dev/null")))
        .start();
    Instant started = process.info().startInstant().orElse(Instant.EPOCH);
    Files.writeString(pidFile(part), process.pid() + " " + started.toEpochMilli());
  }

  private void awaitHealthy(List<Part> parts, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    List<Part> waiting = new ArrayList<>(parts);
    while (!waiting.isEmpty()) {
      for (Part part : List.copyOf(waiting)) {
        if (running(part).isEmpty()) {
          throw new IOException(part.name() + " exited during start-up. Last lines of "
              + layout.logs().resolve(part.name() + ".log") + ":\n" + tail(part, 30));
        }
        if (part.healthy()) {
          waiting.remove(part);
        }
      }
      if (!waiting.isEmpty() && Instant.now().isAfter(deadline)) {
        throw new IOException("not healthy after " + timeout.toSeconds() + " s: "
            + waiting.stream().map(p -> p.name() + " (port " + p.port() + ")").toList()
            + ". See " + layout.logs());
      }
      Thread.sleep(250);
    }
  }

  /** Stops every part, services first; nothing is left running. */
  public void down() throws InterruptedException, IOException {
    List<Part> reverse = new ArrayList<>(parts());
    java.util.Collections.reverse(reverse);
    stopAll(reverse.subList(0, services.size()));
    stopAll(reverse.subList(services.size(), reverse.size()));
  }

  private void stopAll(List<Part> parts) throws InterruptedException, IOException {
    List<ProcessHandle> stopping = new ArrayList<>();
    for (Part part : parts) {
      running(part).ifPresent(p -> {
        p.destroy();
        stopping.add(p);
      });
    }
    for (ProcessHandle p : stopping) {
      try {
        p.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        p.destroyForcibly();
        p.onExit().join();
      }
    }
    for (Part part : parts) {
      Files.deleteIfExists(pidFile(part));
    }
  }

  /** Kills one part at once (SIGKILL), as a crash would. */
  public void kill(String name) throws IOException {
    Part part = part(name);
    Optional<ProcessHandle> process = running(part);
    if (process.isEmpty()) {
      throw new IOException(name + " is not running");
    }
    process.get().destroyForcibly();
    process.get().onExit().join();
  }

  public void status() {
    out.printf("%-20s %-8s %-7s %-10s %s%n", "PART", "PID", "PORT", "STATE", "URL");
    for (Part part : parts()) {
      Optional<ProcessHandle> process = running(part);
      String state = process.isEmpty()
          ? (Files.exists(pidFile(part)) ? "CRASHED" : "stopped")
          : (part.healthy() ? "healthy" : "UNHEALTHY");
      String url = part instanceof ServicePart ? "http://localhost:" + part.port() : "127.0.0.1:" + part.port();
      out.printf("%-20s %-8s %-7d %-10s %s%n", part.name(), process.map(p -> String.valueOf(p.pid())).orElse("-"),
          part.port(), state, url);
    }
  }

  /** The part's live process, if its pid file names one that is still the process we started. */
  public Optional<ProcessHandle> running(Part part) {
    try {
      String[] fields = Files.readString(pidFile(part)).trim().split(" ");
      Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(fields[0])).filter(ProcessHandle::isAlive);
      long startedAt = Long.parseLong(fields[1]);
      return handle.filter(h -> h.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - startedAt) < 2000).orElse(true));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public String tail(Part part, int lines) {
    try {
      List<String> all = Files.readAllLines(layout.logs().resolve(part.name() + ".log"));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private Path pidFile(Part part) {
    return layout.run().resolve(part.name() + ".pid");
  }

  private static void deleteRecursively(Path root) throws IOException {
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
