package io.mocks3.faults.agent.process;

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
 * and the service's heap is left alone. Stopping drops the blocks and asks for a collection, which
 * frees them.
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

  MemoryLeaker(Params params, long capMb) {
    this.targetMb = (long) params.number("target_mb", 256, 1, capMb);
    this.rateMb = params.number("leak_rate_mb", 10, 0.1, 1024);
    ticker.scheduleAtFixedRate(this::leak, 0, 100, TimeUnit.MILLISECONDS);
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

  @Override
  public void stop() {
    ticker.shutdownNow();
    synchronized (this) {
      leaked.clear();
    }
    System.gc();
  }
}
