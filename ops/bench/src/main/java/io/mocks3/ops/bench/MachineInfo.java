package io.mocks3.ops.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine a run ran on, so that its figures can be read later: cores, memory, the load average
 * (1, 5, 15 minutes) when the run started and ended, the Java that ran the bench, and the commit of
 * the checkout it ran from (with {@code -dirty} when it had uncommitted changes).
 */
record MachineInfo(String host, String os, int cores, long memoryBytes, List<Double> loadAtStart, List<Double> loadAtEnd,
                   String java, String gitCommit) {

  static MachineInfo atStart() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new MachineInfo(hostName(), System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize(), loadAverage(),
        List.of(), System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version"), checkoutCommit());
  }

  MachineInfo atEnd() {
    return new MachineInfo(host, os, cores, memoryBytes, loadAtStart, loadAverage(), java, gitCommit);
  }

  /** /proc/loadavg's three figures; empty where there is no /proc. */
  static List<Double> loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return List.of(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
    } catch (IOException | RuntimeException e) {
      double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return one < 0 ? List.of() : List.of(one);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String checkoutCommit() {
    String commit = git("rev-parse", "HEAD");
    if (commit.isEmpty()) {
      return "unknown";
    }
    return git("status", "--porcelain", "--untracked-files=no").isEmpty() ? commit : commit + "-dirty";
  }

  private static String git(String... arguments) {
    String[] command = new String[arguments.length + 1];
    command[0] = "git";
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      boolean ended = process.waitFor(10, TimeUnit.SECONDS);
      return ended && process.exitValue() == 0 ? output : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
