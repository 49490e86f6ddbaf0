package io.mocks3.ops.stack;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
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
 * on: asked once). Measured on the default stack after a short load (README "Benchmarks", *Memory*).
 */
final class JvmFootprint {
  private static final String TRIM = "-XX:TrimNativeHeapInterval=10000";
  private static final Map<String, Boolean> TRIMS = new ConcurrentHashMap<>();

  private JvmFootprint() {}

  /** The JVM options, for the parts run by {@code java}. */
  static List<String> options(String java) {
    return TRIMS.computeIfAbsent(java, JvmFootprint::accepts) ? List.of(TRIM) : List.of();
  }

  /** The environment every part runs with. */
  static Map<String, String> environment() {
    return Map.of("MALLOC_ARENA_MAX", "2");
  }

  /** Whether {@code java} starts with the trim option: an older JVM refuses an option it does not know. */
  private static boolean accepts(String java) {
    try {
      Process p = new ProcessBuilder(java, TRIM, "-version")
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
