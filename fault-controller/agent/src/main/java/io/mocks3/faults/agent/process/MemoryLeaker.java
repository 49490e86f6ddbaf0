package io.mocks3.faults.agent.process;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Leaks memory at {@code leak_rate_mb} per second up to {@code target_mb} (at most the configured
 * cap): 1 MiB off-heap blocks with every page written, so the process's resident set really grows
 * and the service's heap is left alone. Stopping frees the blocks and trims the native heap (see
 * {@link #stop}). The blocks count against the JVM's direct memory limit ({@code -XX:MaxDirectMemorySize},
 * the heap's maximum by default), which the service's own I/O buffers share: a target beyond that
 * limit, less a margin for those buffers, is refused up front rather than stalling half way.
 */
final class MemoryLeaker implements Scenario {
  private static final int BLOCK = 1 << 20;
  private final long targetMb;
  private final double rateMb;
  private final List<ByteBuffer> leaked = new ArrayList<>();
  private final ScheduledExecutorService ticker =
      Daemons.ticker("mocks3-memory-leaker");
  private double owed;
  private volatile String limit;

  private static final long IO_MARGIN_MB = 64;

  MemoryLeaker(Params params, long capMb) {
    long leakable = leakableMb(capMb);
    this.targetMb = (long) params.number("target_mb", Math.min(256, leakable), 1, leakable);
    this.rateMb = params.number("leak_rate_mb", 10, 0.1, 1024);
    ticker.scheduleAtFixedRate(this::leak, 0, 100, TimeUnit.MILLISECONDS);
  }

  /** The configured cap, or less where the JVM's direct memory limit would stop the leak first. */
  static long leakableMb(long capMb) {
    long directMb = directMemoryLimit() >> 20;
    return Math.max(1, Math.min(capMb, directMb - IO_MARGIN_MB));
  }

  private static long directMemoryLimit() {
    var hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    long configured = hotspot == null ? 0 : Long.parseLong(hotspot.getVMOption("MaxDirectMemorySize").getValue());
    return configured > 0 ? configured : Runtime.getRuntime().maxMemory();
  }

  private synchronized void leak() {
    owed += rateMb / 10;
    while (owed >= 1 && leaked.size() < targetMb) {
      ByteBuffer block;
      try {
        block = ByteBuffer.allocateDirect(BLOCK);
      } catch (OutOfMemoryError e) {
        limit = "the JVM's direct memory limit was reached at " + leaked.size() + " MB";
        ticker.shutdown();
        return;
      }
      for (int i = 0; i < BLOCK; i += 4096) {
        block.put(i, (byte) 1);
      }
      leaked.add(block);
      owed -= 1;
    }
    if (leaked.size() >= targetMb) {
      ticker.shutdown();
    }
  }

  @Override
  public synchronized Map<String, Object> metrics() {
    return limit == null
        ? Map.of("leaked_mb", leaked.size(), "target_mb", targetMb, "leak_rate_mb", rateMb)
        : Map.of("leaked_mb", leaked.size(), "target_mb", targetMb, "leak_rate_mb", rateMb, "limit", limit);
  }

  /**
   * Frees every block now (its cleaner, not a collection some time later) and has the C library give
   * the freed pages back: glibc serves 1 MiB blocks from its arenas rather than from fresh mappings
   * once the process has freed a large block before (its mmap threshold adapts upward), and memory
   * freed into an arena stays resident until it is trimmed. A suite saw 120 leaked MB stay resident.
   */
  @Override
  public void stop() {
    ticker.shutdownNow();
    List<ByteBuffer> blocks;
    synchronized (this) {
      blocks = new ArrayList<>(leaked);
      leaked.clear();
    }
    if (UNSAFE == null) {
      System.gc(); // the blocks are unreachable: a collection frees them
    } else {
      blocks.forEach(UNSAFE::invokeCleaner);
    }
    trimNativeHeap();
  }

  /** The one way to free a direct buffer now (jdk.unsupported); null where it is not reachable. */
  private static final sun.misc.Unsafe UNSAFE = unsafe();

  private static sun.misc.Unsafe unsafe() {
    try {
      var field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      return (sun.misc.Unsafe) field.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The JVM's System.trim_native_heap (malloc_trim), as {@code jcmd} would run it; where it is missing, nothing. */
  private static void trimNativeHeap() {
    try {
      ManagementFactory.getPlatformMBeanServer().invoke(new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
          "systemTrimNativeHeap", new Object[] {null}, new String[] {String[].class.getName()});
    } catch (javax.management.JMException | RuntimeException e) {
      // Not this JVM's command (before 17.0.9, or not glibc): the blocks are freed all the same.
    }
  }
}
