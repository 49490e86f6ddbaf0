import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.ListOffsetsOptions;

/**
 * The metadata projector's lag on the command log, for ops/bench/drain.sh: {@code lag} prints it
 * once; {@code drain} waits for the group's committed offsets to move (the first commit after the
 * projector started), then times them until the lag is 0 and prints the drain rate. Timing from
 * the first commit leaves the JVM's start-up and the state restoration out of the figure; the
 * commands of that first commit are left out of the count too.
 *
 * <p>Run as a single-file program on the broker's jars:
 * {@code java -cp 'ops/kafka-broker/target/lib/*' ops/bench/drain/CommandLag.java 127.0.0.1:9092 mocks3-metadata-projector drain 600}
 */
public final class CommandLag {
  private static final String TOPIC = "mocks3.commands";

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: CommandLag <bootstrap> <group> lag|drain [timeout-seconds [projector-command-line-match]]");
      System.exit(2);
    }
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    try (Admin admin = Admin.create(p)) {
      CommandLag lag = new CommandLag(admin, args[1]);
      if (args[2].equals("lag")) {
        long[] now = lag.sample();
        System.out.printf(Locale.ROOT, "lag %d (end %d, committed %d)%n", now[0] - now[1], now[0], now[1]);
      } else {
        lag.drain(Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 600), args.length > 4 ? args[4] : null);
      }
    }
  }

  private final Admin admin;
  private final String group;

  private CommandLag(Admin admin, String group) {
    this.admin = admin;
    this.group = group;
  }

  /** {end offsets (read committed), committed offsets}, summed over the topic's partitions. */
  private long[] sample() throws Exception {
    List<TopicPartition> partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().stream()
        .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
        partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())),
        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    long end = 0;
    long done = 0;
    for (TopicPartition tp : partitions) {
      end += ends.get(tp).offset();
      OffsetAndMetadata c = committed.get(tp);
      done += c == null ? 0 : c.offset();
    }
    return new long[] {end, done};
  }

  /**
   * The CPU time the process used so far (user + system, /proc/PID/stat), in ms; 0 when unknown. On a
   * shared machine the wall-clock rate depends on what else runs; CPU time per command much less.
   */
  private static long cpuMillis(long pid) {
    if (pid <= 0) {
      return 0;
    }
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // clock ticks of 10 ms
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The pid of the running projector whose command line contains {@code match} (its port, say); 0 for none. */
  private static long projectorPid(String match) {
    if (match == null) {
      return 0;
    }
    return ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains(match))
        .mapToLong(ProcessHandle::pid).max().orElse(0);
  }

  private void drain(Duration timeout, String projectorMatch) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long[] first = sample();
    System.out.printf(Locale.ROOT, "lag %d at start; waiting for the first commit%n", first[0] - first[1]);
    long[] moved = first;
    long movedAt = 0;
    long cpuAtMove = 0;
    long projector = 0;
    long lastPrint = 0;
    while (System.nanoTime() < deadline) {
      long[] now = sample();
      long t = System.nanoTime();
      if (movedAt == 0 && now[1] != first[1]) {
        moved = now;
        movedAt = t;
        projector = projectorPid(projectorMatch);
        cpuAtMove = cpuMillis(projector);
        System.out.printf(Locale.ROOT, "first commit: lag %d%n", now[0] - now[1]);
      }
      if (movedAt != 0 && now[1] >= now[0]) {
        double seconds = (t - movedAt) / 1e9;
        long applied = now[1] - moved[1];
        System.out.printf(Locale.ROOT, "drained %d commands in %.2f s: %.0f commands/s%n", applied, seconds, applied / seconds);
        long cpu = cpuMillis(projector) - cpuAtMove;
        if (cpuAtMove > 0 && cpu > 0) {
          System.out.printf(Locale.ROOT, "projector (pid %d) CPU %.2f s: %.0f us per command, %.0f commands per CPU-second%n",
              projector, cpu / 1e3, cpu * 1e3 / applied, applied / (cpu / 1e3));
        }
        return;
      }
      if (movedAt != 0 && t - lastPrint > 2_000_000_000L) {
        System.out.printf(Locale.ROOT, "  %.1f s: lag %d%n", (t - movedAt) / 1e9, now[0] - now[1]);
        lastPrint = t;
      }
      Thread.sleep(50);
    }
    System.out.println("timed out: the lag did not reach 0");
    System.exit(1);
  }
}
