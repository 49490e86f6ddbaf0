package io.mocks3.ops.stack;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What keeps the local stack's JVMs small on a laptop (Kafka, the services, the watcher). A JVM's
 * memory beyond its heap is mostly glibc's malloc: the JIT compilers' and threads' allocations,
 * which it keeps after they are freed. So every part runs with at most two malloc arenas
 * ({@code MALLOC_ARENA_MAX}, instead of eight per core; PostgreSQL and Redis too, where it changes
 * nothing), and every Java part gives freed native memory back to the system every ten seconds
 * ({@code -XX:TrimNativeHeapInterval}) when its JVM has the option (recent updates of 17 and 21, 22
 * on: asked once). And every JVM maps its class-data sharing archives (the JDK's, the services'
 * {@link SharedClasses}) at the address they were made for ({@code ArchiveRelocationMode=0}, the
 * default of JDK 17 until its updates made it 1): mapped elsewhere, the JVM rewrites every pointer in
 * them, and every page it rewrites becomes a private copy, so no two processes share one. Measured on
 * the default stack after a short load (README "Benchmarks", *Memory*). And no JVM keeps the
 * performance counters that {@code jps} and {@code jstat} read ({@code -XX:-UsePerfData}): sampling
 * them woke each idle JVM twenty times a second (its "VM Periodic Task Thread", 0.09% of a core per
 * JVM, about 0.8% for the stack); {@code jcmd <pid>} and JMX still reach every part.
 */
final class JvmFootprint {
  private static final List<String> TRIM = List.of("-XX:TrimNativeHeapInterval=10000");
  private static final List<String> MAP_ARCHIVES_IN_PLACE = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
  /** A product option of every JVM: not asked for. */
  private static final String NO_PERF_DATA = "-XX:-UsePerfData";
  private static final Map<List<String>, Boolean> ACCEPTED = new ConcurrentHashMap<>();

  private JvmFootprint() {}

  /** The JVM options, for the parts run by {@code java}. */
  static List<String> options(String java) {
    List<String> options = new ArrayList<>(List.of(NO_PERF_DATA));
    for (List<String> option : List.of(TRIM, MAP_ARCHIVES_IN_PLACE)) {
      List<String> asked = new ArrayList<>(option);
      asked.add(0, java);
      if (ACCEPTED.computeIfAbsent(asked, JvmFootprint::accepts)) {
        options.addAll(option);
      }
    }
    return options;
  }

  /**
   * The JVM options the user adds to the Java part {@code part} (a service or Kafka): those for every
   * part ({@code MOCKS3_JAVA_OPTIONS}, {@code mocks3.java-options}), then its own
   * ({@code MOCKS3_JAVA_OPTIONS_API_GATEWAY}, {@code mocks3.java-options.api-gateway}; e.g. a flight
   * recording of one part), each separated by spaces. They come after the part's own options: of two,
   * the last wins.
   */
  static List<String> userOptions(String part) {
    List<String> options = new ArrayList<>(split("mocks3.java-options", "MOCKS3_JAVA_OPTIONS"));
    options.addAll(split("mocks3.java-options." + part,
        "MOCKS3_JAVA_OPTIONS_" + part.toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
    return options;
  }

  private static List<String> split(String property, String variable) {
    String options = System.getProperty(property, System.getenv(variable));
    return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
  }

  /**
   * The command of a small JVM of the launcher's own (the watcher, the archive's maker): this
   * module's classes, {@code heap}, C1 and the serial collector, and the options of every part.
   */
  static List<String> helper(String java, String heap, Class<?> main, List<String> args) {
    try {
      String classes = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
      List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
      cmd.addAll(options(java));
      cmd.addAll(List.of("-cp", classes, main.getName()));
      cmd.addAll(args);
      return cmd;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The environment every part runs with. */
  static Map<String, String> environment() {
    return Map.of("MALLOC_ARENA_MAX", "2");
  }

  /** Whether {@code java} (the first element) starts with the options: an older JVM refuses an option it does not know. */
  private static boolean accepts(List<String> javaAndOptions) {
    List<String> command = new ArrayList<>(javaAndOptions);
    command.add("-version");
    try {
      Process p = new ProcessBuilder(command)
          .redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false; // no such java: the part's own start says so
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
