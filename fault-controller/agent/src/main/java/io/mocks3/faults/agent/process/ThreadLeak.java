package io.mocks3.faults.agent.process;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Starts {@code threads_per_second} threads that never finish (parked), up to the configured cap; stopping ends them. */
final class ThreadLeak implements Scenario {
  private final double rate;
  private final int cap;
  private final List<Thread> leaked = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService ticker =
      Daemons.ticker("mocks3-thread-leaker");
  private double owed;

  ThreadLeak(Params params, int cap) {
    this.rate = params.number("threads_per_second", 10, 0.1, 1000);
    this.cap = cap;
    ticker.scheduleAtFixedRate(this::leak, 0, 100, TimeUnit.MILLISECONDS);
  }

  private void leak() {
    owed += rate / 10;
    while (owed >= 1 && leaked.size() < cap) {
      leaked.add(Daemons.start("mocks3-leaked-" + leaked.size(), () -> {
        while (!Thread.currentThread().isInterrupted()) {
          java.util.concurrent.locks.LockSupport.park();
        }
      }));
      owed -= 1;
    }
  }

  @Override
  public Map<String, Object> metrics() {
    return Map.of("leaked_threads", leaked.size(), "threads_per_second", rate, "cap", cap,
        "live_threads", Thread.activeCount());
  }

  @Override
  public void stop() {
    ticker.shutdownNow();
    leaked.forEach(Thread::interrupt);
  }
}
