package io.mocks3.junit5;

import io.mocks3.testcontainers.MockS3Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The local stack as processes (Kafka, PostgreSQL, Redis and every service), started and stopped by the
 * checkout's own launcher ({@code ops/local-stack/target/local-stack.jar}, what {@code ops/mocks3 up}
 * runs) with a data directory and a port offset of the test run's own, so a developer's stack keeps running.
 * The launcher and its services inherit this JVM's environment: {@code MOCKS3_CONTROL_TOKEN}, when set, guards
 * their control plane, and the extension's clients send it.
 */
final class LocalStackProcesses implements MockS3Stack {
  private static final Logger LOG = Logger.getLogger(LocalStackProcesses.class.getName());
  /** The launcher waits up to 90 s for the infrastructure and 150 s for the services; this bounds both. */
  private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(2);
  private final Path repo;
  private final Path home;
  private final int portOffset;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private LocalStackProcesses(Path repo, Path home, int portOffset) {
    this.repo = repo;
    this.home = home;
    this.portOffset = portOffset;
  }

  static Path launcher(Path repo) {
    return repo.resolve("ops/local-stack/target/local-stack.jar");
  }

  /** Starts a fresh stack (its data directory wiped) and returns once every part is healthy. */
  static LocalStackProcesses start(Path repo, Path home, int portOffset) throws IOException, InterruptedException {
    Path root = repo.toAbsolutePath().normalize();
    if (!Files.isRegularFile(launcher(root))) {
      throw new IllegalStateException("mocks3.repo=" + root + " holds no built MockS3: " + launcher(root)
          + " is missing. Build it there: ./mvnw -DskipTests install");
    }
    LocalStackProcesses stack = new LocalStackProcesses(root, home.toAbsolutePath().normalize(), portOffset);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stopQuietly, "mocks3-local-stack-down"));
    long started = System.nanoTime();
    try {
      stack.launcher("up", "--fresh");
    } catch (IOException | RuntimeException e) {
      // The parts that did start must not outlive the failure (nor wait for the JVM's exit, which may be forced).
      stack.stopQuietly();
      throw e;
    }
    LOG.info(() -> "MockS3 local stack up in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s: "
        + stack.description());
    return stack;
  }

  @Override
  public MockS3Endpoint endpoint() {
    return MockS3Endpoint.local(portOffset);
  }

  @Override
  public String description() {
    return "the local stack as processes from " + repo + " (data " + home + ", ports +" + portOffset + ")";
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (stopped.compareAndSet(false, true)) {
      launcher("down");
    }
  }

  private void stopQuietly() {
    try {
      close();
    } catch (IOException | InterruptedException | RuntimeException e) {
      LOG.warning("MockS3 local stack did not stop cleanly: " + e.getMessage() + "; stop it with: java -jar "
          + launcher(repo) + " --repo " + repo + " --home " + home + " --port-offset " + portOffset + " down");
    }
  }

  /** Runs the launcher with {@code args}; its output goes to {@code <home>.launcher.log}, quoted when it fails. */
  private void launcher(String... args) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-jar", launcher(repo).toString(),
        "--repo", repo.toString(), "--home", home.toString(), "--port-offset", String.valueOf(portOffset),
        "--java", java.toString()));
    // The parts' JVM options (mocks3.java-options, or MOCKS3_JAVA_OPTIONS, which the launcher inherits), and
    // a cache of unpacked builds and class-data archives shared with other stacks of the same build (mocks3.cache).
    for (String property : List.of("mocks3.java-options", "mocks3.cache")) {
      String value = System.getProperty(property);
      if (value != null && !value.isBlank()) {
        command.add(1, "-D" + property + "=" + value);
      }
    }
    command.addAll(List.of(args));
    Path log = home.resolveSibling(home.getFileName() + ".launcher.log");
    Files.createDirectories(log.getParent());
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    Duration timeout = args[0].equals("up") ? UP_TIMEOUT : DOWN_TIMEOUT;
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("the MockS3 launcher (" + String.join(" ", args) + ") did not finish in " + timeout.toSeconds()
          + " s; its output: " + log + "; the parts' logs: " + home.resolve("logs"));
    }
    if (process.exitValue() != 0) {
      throw new IOException("the MockS3 launcher (" + String.join(" ", args) + ") failed with exit status "
          + process.exitValue() + ":\n" + tail(log) + "\nThe parts' logs: " + home.resolve("logs"));
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
