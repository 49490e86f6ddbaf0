package io.mocks3.ops.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * One class-data sharing archive for the classes every service has in common (Spring, Jetty,
 * Jackson, the Kafka clients, Micrometer, the fault agent: the jars all the services' builds hold
 * byte for byte), mapped by every service JVM, so that its read-only pages are in memory once and
 * not once per service.
 *
 * <p>The common jars are linked into {@code cache/shared-<digest>/} and lead every service's class
 * path, in one order (an archive is valid only for a class path that starts with the one it was
 * made from). A service run while there is no archive lists the classes it loads there
 * ({@code -XX:DumpLoadedClassList}). Once {@code up} has every service healthy, a process of its
 * own ({@value #MAKER}, at a low priority: it takes the CPU the stack leaves idle) makes the archive
 * from those lists ({@code -Xshare:dump}); every service started from then on maps it, a restarted
 * one included. {@code down} waits for that process if it still runs, and makes the archive itself
 * only if there is none. The JVMs map it at the address it was made for ({@link JvmFootprint}). A
 * missing, stale or refused archive only costs its saving: the JVM runs without it.
 */
final class SharedClasses {
  private static final String SUMS = "lib.sums";
  /** The process that makes the archive while the stack runs: a helper of the launcher, not a part (never restarted). */
  static final String MAKER = "shared-classes";
  private static final Duration MAKING = Duration.ofMinutes(5);
  private final StackLayout layout;
  /** The modules of the stack's services: every service's class path starts with their common jars. */
  private final Set<String> modules = new LinkedHashSet<>();
  private Path dir;
  private Set<String> jars = Set.of();

  SharedClasses(StackLayout layout) {
    this.layout = layout;
  }

  /** A module the stack runs a service of (before {@link #prepare}). */
  synchronized void include(String module) {
    modules.add(module);
  }

  /**
   * Unpacks every service's build and links the jars they all hold into the shared directory. A new
   * build's services are unpacked side by side, as many at once as there are cores: each unpacking is
   * a JVM of its own (Spring Boot's {@code jarmode=tools extract}), several seconds of a core.
   */
  synchronized void prepare() throws IOException, InterruptedException {
    Map<String, Path> apps = unpackAll();
    Map<String, String> common = null;
    Path first = null;
    for (String module : modules) {
      Path app = apps.get(module);
      Map<String, String> sums = sums(app);
      if (common == null) {
        common = new TreeMap<>(sums);
        first = app;
      } else {
        common.entrySet().removeIf(jar -> !jar.getValue().equals(sums.get(jar.getKey())));
      }
    }
    if (common == null || common.isEmpty()) {
      return;
    }
    Path shared = layout.cache().resolve("shared-" + digest(common));
    if (!Files.isDirectory(shared)) {
      link(first.resolve("lib"), common.keySet(), shared);
    }
    dir = shared;
    jars = common.keySet();
  }

  private Map<String, Path> unpackAll() throws IOException, InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(
        Math.max(1, Math.min(modules.size(), Runtime.getRuntime().availableProcessors())));
    try {
      Map<String, Future<Path>> unpacking = new LinkedHashMap<>();
      for (String module : modules) {
        unpacking.put(module, pool.submit(() -> ServicePart.unpacked(layout, module)));
      }
      Map<String, Path> apps = new LinkedHashMap<>();
      for (Map.Entry<String, Future<Path>> module : unpacking.entrySet()) {
        try {
          apps.put(module.getKey(), module.getValue().get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw new IOException(module.getKey() + ": " + e.getCause().getMessage(), e.getCause());
        }
      }
      return apps;
    } finally {
      pool.shutdownNow();
    }
  }

  boolean prepared() {
    return dir != null;
  }

  /** Whether {@code jar}, a jar of a service's build, is one of the shared ones. */
  boolean shares(Path jar) {
    return jars.contains(jar.getFileName().toString());
  }

  /** The shared jars, in the order every service's class path starts with. */
  List<String> classPath() {
    return classPath(dir, jars);
  }

  /** {@code jars} of {@code dir}'s {@code lib/}, by name: the one order the archive is made for and the services start with. */
  private static List<String> classPath(Path dir, Collection<String> jars) {
    return jars.stream().sorted().map(jar -> dir.resolve("lib").resolve(jar).toString()).toList();
  }

  /** The JVM options of the part: map the archive, or list the classes it loads for the next one. */
  List<String> options(String part) {
    Path archive = archive();
    if (Files.isRegularFile(archive)) {
      return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }
    return List.of("-XX:DumpLoadedClassList=" + dir.resolve(part + ".classlist"));
  }

  /**
   * Starts making the archive in the background when there is none yet and the services have listed
   * the classes they loaded: called by {@code up} once they are all healthy, so that the lists hold
   * their start-up (most of what they ever load). The classes a service loads later stay out of it.
   */
  void archiveInBackground(PartProcesses processes) throws IOException {
    if (dir == null || Files.isRegularFile(archive()) || processes.running(MAKER).isPresent() || lists(dir).isEmpty()) {
      return;
    }
    processes.launch(MAKER, makerCommand());
  }

  /**
   * Makes sure the archive is there once the services have stopped: waits for the background maker
   * if it still runs, then makes it from the finished lists if there is still none (the maker failed,
   * or the stack was started by a launcher without it).
   */
  void archive(PartProcesses processes, PrintStream out) throws IOException, InterruptedException {
    Optional<ProcessHandle> maker = processes.running(MAKER);
    if (maker.isPresent()) {
      long started = System.nanoTime();
      try {
        maker.get().onExit().get(MAKING.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        maker.get().destroyForcibly();
      }
      double waited = (System.nanoTime() - started) / 1e9;
      if (waited >= 1) {
        out.printf("waited %.1f s for the services' shared class archive, being made since `up`%n", waited);
      }
    }
    processes.stopped(MAKER);
    prepare();
    if (dir == null || Files.isRegularFile(archive()) || lists(dir).isEmpty()) {
      return;
    }
    Duration took = make(layout.java(), dir, archive(), layout.logs().resolve(MAKER + ".log"));
    out.println(took == null ? "the services' shared class archive could not be made (see " + layout.logs().resolve(MAKER + ".log")
        + "); they start without it" : String.format("made the services' shared class archive in %.1f s", took.toMillis() / 1e3));
  }

  /** {@code SharedClasses <java> <shared dir> <archive> <log>}: the background maker's process. */
  public static void main(String[] args) throws IOException, InterruptedException {
    Duration took = make(args[0], Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
    System.out.println(Instant.now() + (took == null ? " the archive could not be made" : " made " + args[2] + " in " + took));
    System.exit(took == null ? 1 : 0);
  }

  /** The maker's command: a helper JVM at a low priority ({@code nice}), so that it takes the CPU the stack leaves idle. */
  private List<String> makerCommand() {
    List<String> cmd = new ArrayList<>(List.of("nice", "-n", "10"));
    cmd.addAll(JvmFootprint.helper(layout.java(), "32m", SharedClasses.class,
        List.of(layout.java(), dir.toString(), archive().toString(), layout.logs().resolve(MAKER + ".log").toString())));
    return cmd;
  }

  /**
   * Makes {@code archive} from the class lists in {@code dir} (as far as they are written: a running
   * service is still appending to its own) for the class path of {@code dir}'s jars; the time it took,
   * or null when the JVM could not make it. Published atomically, and the lists go once it is there.
   */
  private static Duration make(String java, Path dir, Path archive, Path log) throws IOException, InterruptedException {
    List<Path> lists = lists(dir);
    String pid = "." + ProcessHandle.current().pid();
    Path merged = dir.resolve("merged.classlist" + pid);
    Files.write(merged, merge(lists));
    Path partial = archive.resolveSibling(archive.getFileName() + pid);
    List<String> jars;
    try (Stream<Path> lib = Files.list(dir.resolve("lib"))) {
      jars = lib.map(jar -> jar.getFileName().toString()).toList();
    }
    List<String> dump = List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + merged,
        "-XX:SharedArchiveFile=" + partial, "-cp", String.join(File.pathSeparator, classPath(dir, jars)));
    long started = System.nanoTime();
    Process p = new ProcessBuilder(dump).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
    if (!p.waitFor(MAKING.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    Files.deleteIfExists(merged);
    if (p.isAlive() || p.exitValue() != 0 || !Files.isRegularFile(partial)) {
      Files.deleteIfExists(partial);
      return null;
    }
    Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
    for (Path list : lists) {
      Files.deleteIfExists(list);
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private static List<Path> lists(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".classlist")).sorted().toList();
    }
  }

  /** Removes the shared directories of other builds; only when no service runs. */
  void forgetOthers() throws IOException {
    if (dir == null || !Files.isDirectory(layout.cache())) {
      return;
    }
    try (Stream<Path> others = Files.list(layout.cache())) {
      for (Path other : others.filter(d -> d.getFileName().toString().startsWith("shared-") && !d.equals(dir)).toList()) {
        Supervisor.deleteRecursively(other);
      }
    }
  }

  /** The archive, named for the JVM that made it: another JVM (an update included) would refuse it. */
  private Path archive() {
    Path java = Path.of(layout.java());
    String made;
    try {
      Path real = java.toRealPath();
      made = real + ":" + Files.getLastModifiedTime(real).toMillis() + ":" + Files.size(real);
    } catch (IOException notAPath) {
      made = layout.java(); // "java" from the PATH
    }
    return dir.resolve("classes-" + digest(Map.of("java", made)) + ".jsa");
  }

  /**
   * The lists of several services as one: each whole line once, comments dropped, and without the ids
   * and the classes of custom class loaders, which refer to ids that are only unique within one list.
   */
  static List<String> merge(List<Path> lists) throws IOException {
    Set<String> lines = new LinkedHashSet<>();
    for (Path list : lists) {
      String text = Files.readString(list);
      // A running service's list may end in the middle of a line: only its whole lines count.
      for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
        if (line.isBlank() || line.startsWith("#") || line.contains(" source: ")) {
          continue;
        }
        lines.add(line.replaceFirst("\\s+id:\\s*\\d+.*$", ""));
      }
    }
    return List.copyOf(lines);
  }

  /** Each jar of the build's {@code lib/} with its size and CRC-32, computed once per unpacked build. */
  static Map<String, String> sums(Path app) throws IOException {
    Path file = app.resolve(SUMS);
    Map<String, String> sums = new TreeMap<>();
    if (Files.isRegularFile(file)) {
      for (String line : Files.readAllLines(file)) {
        int space = line.indexOf(' ');
        sums.put(line.substring(0, space), line.substring(space + 1));
      }
      return sums;
    }
    try (Stream<Path> jars = Files.list(app.resolve("lib"))) {
      for (Path jar : jars.filter(j -> j.getFileName().toString().endsWith(".jar")).toList()) {
        sums.put(jar.getFileName().toString(), Files.size(jar) + " " + crc(jar));
      }
    }
    Path partial = app.resolve(SUMS + "." + ProcessHandle.current().pid());
    Files.write(partial, sums.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return sums;
  }

  private static String crc(Path jar) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(jar)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
      }
    }
    return Long.toHexString(crc.getValue());
  }

  /** Links (or copies, keeping their times) the jars into {@code shared/lib}, atomically: another launcher may race. */
  private static void link(Path lib, Set<String> jars, Path shared) throws IOException {
    Path partial = shared.resolveSibling(shared.getFileName() + ".part" + ProcessHandle.current().pid());
    Supervisor.deleteRecursively(partial);
    Files.createDirectories(partial.resolve("lib"));
    for (String jar : jars) {
      Path target = partial.resolve("lib").resolve(jar);
      try {
        Files.createLink(target, lib.resolve(jar));
      } catch (IOException | UnsupportedOperationException noLinks) {
        Files.copy(lib.resolve(jar), target, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    Supervisor.publish(partial, shared);
  }

  private static String digest(Map<String, String> entries) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      new TreeMap<>(entries).forEach((k, v) -> sha.update((k + " " + v + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
