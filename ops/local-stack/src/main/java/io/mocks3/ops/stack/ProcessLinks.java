package io.mocks3.ops.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The network links of the local stack's processes: each outbound connection of a service to Kafka,
 * PostgreSQL, Redis or (the gateway's) storage nodes goes through a TCP forwarder its fault agent
 * opens ({@code mocks3.faults.links.*}), which link rules can slow, cut or reset. Kafka clients
 * follow the broker's advertised address, so the broker has one listener per process, advertised
 * as that process's link: one process can be cut from Kafka while the others are not.
 *
 * <p>Ports: the link j of the process in slot i listens on {@value #LINKS} + 20 i + j, the broker's listener
 * for it is {@value #KAFKA_PROCESS_LISTENERS} + i (both plus the stack's port offset). Slots are fixed per
 * process name ({@link #slot}), so a port does not move when the number of nodes or projectors changes.
 */
public record ProcessLinks(StackLayout layout) {
  public static final int LINKS = 7100;
  public static final int KAFKA_PROCESS_LISTENERS = 9110;
  /** Link slots of a process: its links j are 0 to 19. */
  private static final int SLOT_WIDTH = 20;
  /** The first slots, as before the topology scaled: their ports stay where they were. */
  private static final List<String> FIRST_SLOTS =
      List.of("api-gateway", "metadata-projector", "storage-node-1", "storage-node-2", "task-workers");
  private static final int STORAGE_NODE_3_SLOT = 5;
  private static final int PROJECTOR_2_SLOT = STORAGE_NODE_3_SLOT + StackTopology.MAX - 2;

  /**
   * The processes with links, in slot order. The fault controller has none: its Kafka traffic is the
   * control plane.
   */
  public List<String> processes() {
    return layout.topology().linkedProcesses().stream().sorted(java.util.Comparator.comparingInt(ProcessLinks::slot)).toList();
  }

  /** Every link name, in port order: kafka, postgres, redis, then each storage node. */
  public List<String> names() {
    List<String> out = new ArrayList<>(List.of("kafka", "postgres", "redis"));
    out.addAll(layout.topology().storageNodes());
    return out;
  }

  /**
   * Each process's links. The projector's and task workers' calls to other services stay direct:
   * the addresses they use travel in messages to other processes (the consistency report, repair
   * tasks), and another process must not reach a service through their links.
   */
  public List<String> of(String process) {
    if (!processes().contains(process)) {
      return List.of();
    }
    if (process.equals("api-gateway")) {
      return names();
    } else if (process.startsWith("metadata-projector")) {
      return List.of("kafka", "postgres", "redis");
    } else if (process.equals("task-workers")) {
      return List.of("kafka", "postgres");
    }
    return List.of("kafka");
  }

  /**
   * A process's slot: the first five as they always were (metadata-projector-1 in the projector's),
   * then storage-node-3..9 and metadata-projector-2..9, each in a slot of its own whatever the counts.
   */
  static int slot(String process) {
    String first = process.equals("metadata-projector-1") ? "metadata-projector" : process;
    if (FIRST_SLOTS.contains(first)) {
      return FIRST_SLOTS.indexOf(first);
    }
    int n = StackTopology.ordinal(process);
    if (n < 2) {
      throw new IllegalArgumentException("no process named " + process);
    }
    return process.startsWith("storage-node-") ? STORAGE_NODE_3_SLOT + n - 3 : PROJECTOR_2_SLOT + n - 2;
  }

  /** Where {@code process}'s link {@code link} listens. */
  public int port(String process, String link) {
    if (!of(process).contains(link)) {
      throw new IllegalArgumentException(process + " has no link " + link + "; its links: " + of(process));
    }
    return layout.port(LINKS + SLOT_WIDTH * slot(process) + names().indexOf(link));
  }

  /** The real address behind a link: the broker's listener for the process, PostgreSQL, Redis, a storage node. */
  public String target(String process, String link) {
    int base = switch (link) {
      case "kafka" -> KAFKA_PROCESS_LISTENERS + slot(process);
      case "postgres" -> StackLayout.POSTGRES;
      case "redis" -> StackLayout.REDIS;
      default -> {
        if (!names().contains(link)) {
          throw new IllegalArgumentException("no link named " + link + "; links: " + names());
        }
        yield StackTopology.basePort(link);
      }
    };
    return "127.0.0.1:" + layout.port(base);
  }

  /** The broker listener of {@code process}'s Kafka link, e.g. L_STORAGE_NODE_2. */
  public static String kafkaListener(String process) {
    return "L_" + process.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The bootstrap servers {@code process}'s own clients use: its Kafka link, or the broker when it has none. */
  public String kafkaBootstrap(String process) {
    return of(process).contains("kafka") ? "127.0.0.1:" + port(process, "kafka") : layout.kafkaBootstrap();
  }

  /** PostgreSQL as {@code process} reaches it. */
  public String jdbcUrl(String process) {
    return of(process).contains("postgres") ? "jdbc:postgresql://127.0.0.1:" + port(process, "postgres") + "/postgres"
        : layout.jdbcUrl();
  }

  /** Redis as {@code process} reaches it. */
  public String redisUrl(String process) {
    return of(process).contains("redis") ? "redis://127.0.0.1:" + port(process, "redis") : layout.redisUrl();
  }

  /** A storage node ({@code storage-node-1}) as {@code process} reaches it. */
  public String storageUrl(String process, String node) {
    if (of(process).contains(node)) {
      return "http://127.0.0.1:" + port(process, node);
    }
    return layout.url(StackTopology.basePort(node));
  }

  /**
   * The service arguments that open {@code process}'s links; its agent's own rule follower and
   * fault recorder keep the broker's direct listener, so a partition never cuts it from its rules
   * or the kill switch.
   */
  public List<String> arguments(String process) {
    List<String> out = new ArrayList<>();
    if (of(process).isEmpty()) {
      return out;
    }
    out.add("--mocks3.faults.bootstrap-servers=" + layout.kafkaBootstrap());
    for (String link : of(process)) {
      out.add("--mocks3.faults.links." + link + ".port=" + port(process, link));
      out.add("--mocks3.faults.links." + link + ".target=" + target(process, link));
    }
    return out;
  }

  /**
   * The broker configuration with one listener per process, advertised as that process's Kafka
   * link, added to its {@code listeners}, {@code advertised.listeners} and protocol map.
   */
  public String withProcessListeners(String config) {
    StringBuilder listeners = new StringBuilder();
    StringBuilder advertised = new StringBuilder();
    StringBuilder protocols = new StringBuilder();
    for (String process : processes()) {
      String name = kafkaListener(process);
      listeners.append(',').append(name).append("://").append(target(process, "kafka"));
      advertised.append(',').append(name).append("://127.0.0.1:").append(port(process, "kafka"));
      protocols.append(',').append(name).append(":PLAINTEXT");
    }
    return config.lines().map(line -> {
      if (line.startsWith("listeners=")) {
        return line + listeners;
      } else if (line.startsWith("advertised.listeners=")) {
        return line + advertised;
      } else if (line.startsWith("listener.security.protocol.map=")) {
        return line + protocols;
      }
      return line;
    }).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
  }
}
