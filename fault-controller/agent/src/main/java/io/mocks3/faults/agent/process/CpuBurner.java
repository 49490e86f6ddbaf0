package io.mocks3.faults.agent.process;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Holds the process at {@code target_percent} of the machine's CPU (100 = every core busy): one
 * burner thread per core runs a duty cycle in 20 ms slices, and a controller adjusts the duty
 * every 250 ms from the CPU time the process used in that interval (its own utime + stime, over
 * the wall time and the cores this JVM may use — the figure {@code top} and /proc show), so the
 * service's own work counts towards the target rather than on top of it. On a machine that has no
 * idle core left the burner takes what the scheduler gives it (its duty then reads 100 %).
 */
final class CpuBurner implements Scenario {
  private static final long SLICE_NANOS = 20_000_000L;
  private final double target;
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  private volatile double duty;
  private volatile double measured;

  CpuBurner(Params params) {
    this.target = params.number("target_percent", 50, 1, 100) / 100.0;
    this.duty = target;
    int cores = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < cores; i++) {
      threads.add(Daemons.start("mocks3-cpu-burner-" + i, this::burn));
    }
    threads.add(Daemons.start("mocks3-cpu-burner-control", this::control));
  }

  private void burn() {
    while (running) {
      long start = System.nanoTime();
      long busyUntil = start + (long) (SLICE_NANOS * duty);
      while (System.nanoTime() < busyUntil) {
        Thread.onSpinWait();
      }
      long rest = start + SLICE_NANOS - System.nanoTime();
      if (rest > 0) {
        try {
          Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void control() {
    int cores = Runtime.getRuntime().availableProcessors();
    long cpu = os.getProcessCpuTime();
    long wall = System.nanoTime();
    while (running) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
      long nowCpu = os.getProcessCpuTime();
      long nowWall = System.nanoTime();
      if (cpu >= 0 && nowCpu >= 0 && nowWall > wall) {
        double load = (nowCpu - cpu) / (double) (nowWall - wall) / cores;
        measured = load;
        duty = Math.max(0, Math.min(1, duty + 0.6 * (target - load)));
      }
      cpu = nowCpu;
      wall = nowWall;
    }
  }

  @Override
  public Map<String, Object> metrics() {
    return Map.of("target_percent", target * 100, "cpu_percent", Math.round(measured * 1000) / 10.0,
        "duty_percent", Math.round(duty * 1000) / 10.0, "threads", threads.size() - 1);
  }

  @Override
  public void stop() {
    running = false;
    threads.forEach(Thread::interrupt);
  }
}
