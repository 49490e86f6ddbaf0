package io.mocks3.ops.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The network links of the local stack's processes: each outbound connection of a service to Kafka,
 * PostgreSQL, Redis or (the gateway's) storage nodes goes through a TCP forwarder its fault agent
 * opens ({@code mocks3.faults.links.*}), which link rules can slow, cut or reset. Kafka clients
 * follow the broker's advertised address, so the broker has one listener per process, advertised
 * as that process's link: one process can be cut from Kafka while the others are not.
 *
 * <p>Ports: process i's link j listens on {@value #LINKS} + 20 i + j, the broker's listener for process
 * i is {@value #KAFKA_PROCESS_LISTENERS} + i (both plus the stack's port offset).
 */
public record ProcessLinks(StackLayout layout) {
  public static final int LINKS = 7100;
  public static final int KAFKA_PROCESS_LISTENERS = 9110;
  /** The processes with links, in port order. The fault controller has none: its Kafka traffic is the control plane. */
  public static final List<String> PROCESSES =
      List.of("api-gateway", "metadata-projector", "storage-node-1", "storage-node-2", "task-workers");
  /** Every link name, in port order. */
  public static final List<String> NAMES = List.of("kafka", "postgres", "redis", "storage-node-1", "storage-node-2");
  /**
   * Each process's links. The projector's and task workers' calls to other services stay direct:
   * the addresses they use travel in messages to other processes (the consistency report, repair
   * tasks), and another process must not reach a service through their links.
   */
  private static final Map<String, List<String>> LINKS_OF = Map.of(
      "api-gateway", List.of("kafka", "postgres", "redis", "storage-node-1", "storage-node-2"),
      "metadata-projector", List.of("kafka", "postgres", "redis"),
      "storage-node-1", List.of("kafka"),
      "storage-node-2", List.of("kafka"),
      "task-workers", List.of("kafka", "postgres"));

  /** The links of {@code process}; none for a process without them. */
  public List<String> of(String process) {
    return LINKS_OF.getOrDefault(process, List.of());
  }

  /** Where {@code process}'s link {@code link} listens. */
  public int port(String process, String link) {
    if (!of(process).contains(link)) {
      throw new IllegalArgumentException(process + " has no link " + link + "; its links: " + of(process));
    }
    return layout.port(LINKS + 20 * PROCESSES.indexOf(process) + NAMES.indexOf(link));
  }

  /** The real address behind a link: the broker's listener for the process, PostgreSQL, Redis, a storage node. */
  public String target(String process, String link) {
    int base = switch (link) {
      case "kafka" -> KAFKA_PROCESS_LISTENERS + PROCESSES.indexOf(process);
      case "postgres" -> StackLayout.POSTGRES;
      case "redis" -> StackLayout.REDIS;
      case "storage-node-1" -> StackLayout.STORAGE_1;
      case "storage-node-2" -> StackLayout.STORAGE_2;
      default -> throw new IllegalArgumentException("no link named " + link + "; links: " + NAMES);
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
    return layout.url(node.equals("storage-node-1") ? StackLayout.STORAGE_1 : StackLayout.STORAGE_2);
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
    for (String process : PROCESSES) {
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
