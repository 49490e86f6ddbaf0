package io.mocks3.ops.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * The MockS3 services of a local stack, in start order, each with the arguments that wire it to the
 * others: the storage nodes and projectors its topology asks for, every address through the process's
 * network links ({@link ProcessLinks}).
 */
final class StackServices {
  private final StackLayout layout;
  private final StackTopology topology;
  private final ProcessLinks links;
  /** The jars common to the services' modules, shared by all the services' JVMs. */
  private final SharedClasses shared;

  /**
   * The JIT of the parts no S3 request waits for, the task workers and the fault controller: C1 only.
   * C2 works for minutes after {@code up} and again whenever an idle path grows hot or a compiled
   * method is thrown away (a Kafka client's {@code NetworkClient.poll}, 200 ms of C2 each time, on a
   * stack with no traffic): without it these two parts idled on 0.42x the CPU and held 0.91x the
   * memory, and the strong writes did not change (README "The JIT on two cores").
   */
  private static final List<String> OFF_THE_DATA_PATH = List.of("-XX:TieredStopAtLevel=1");

  StackServices(StackLayout layout) {
    this.layout = layout;
    this.topology = layout.topology();
    this.links = new ProcessLinks(layout);
    this.shared = new SharedClasses(layout);
  }

  List<Part> parts() {
    List<ServicePart> out = new ArrayList<>();
    for (String projector : topology.projectorNames()) {
      out.add(projector(projector));
    }
    for (int n = 1; n <= topology.nodes(); n++) {
      out.add(storageNode(n));
    }
    out.add(service("task-workers", "task-workers", StackLayout.TASKS, "256m", OFF_THE_DATA_PATH, jdbc("task-workers"),
        "--mocks3.blob-tasks.projector-url=" + layout.url(StackLayout.PROJECTOR), blobGrace(), lifecycleDay(),
        "--mocks3.origin.gateway-url=" + layout.url(StackLayout.GATEWAY)));
    List<String> gatewayArgs = new ArrayList<>(List.of(jdbc("api-gateway"), redis("api-gateway"), storageNodes("api-gateway"),
        "--mocks3.origin.fetcher=" + layout.url(StackLayout.TASKS), consistency(), lifecycleDay(),
        "--mocks3.write-quorum=" + topology.writeQuorum()));
    gatewayArgs.addAll(placement());
    ServicePart gateway = service("api-gateway", "api-gateway", StackLayout.GATEWAY, "1g", List.of(), gatewayArgs.toArray(String[]::new));
    List<ServicePart> others = new ArrayList<>(out);
    others.add(gateway);
    // The controller judges runs: a 100,000-operation run's history and report take a few hundred MB.
    out.add(service("fault-controller", "fault-controller", StackLayout.FAULTS, "768m", OFF_THE_DATA_PATH,
        "--mocks3.runs.gateway-url=" + layout.url(StackLayout.GATEWAY), consoleServices(others)));
    out.add(gateway);
    return List.copyOf(out);
  }

  /**
   * A projector; one of several is named by the fault agent ({@code mocks3.faults.instance}, which the
   * {@code instance} condition of rules matches) and in the Streams group ({@code mocks3.instance-id}).
   */
  private ServicePart projector(String name) {
    List<String> args = new ArrayList<>(List.of(jdbc(name), redis(name), storageNodes(name),
        "--mocks3.state-dir=" + layout.data(name)));
    if (topology.projectors() > 1) {
      args.add("--mocks3.faults.instance=" + name);
      args.add("--mocks3.instance-id=projector-" + StackTopology.ordinal(name));
    }
    return service(name, "metadata-projector", StackTopology.basePort(name), "512m", List.of(), args.toArray(String[]::new));
  }

  private ServicePart storageNode(int n) {
    String name = "storage-node-" + n;
    List<String> args = new ArrayList<>(List.of("--mocks3.node-id=node-" + n, "--mocks3.data-dir=" + layout.data(name)));
    args.addAll(placement());
    return service(name, "storage-node", StackTopology.basePort(name), "384m", List.of(), args.toArray(String[]::new));
  }

  /** Every service by name and URL, for the console's overview: the {@code others} (all the topology's nodes and projectors) and itself. */
  private String consoleServices(List<ServicePart> others) {
    List<String> pairs = new ArrayList<>(others.stream().map(p -> p.name() + "=" + p.url()).toList());
    pairs.add("fault-controller=" + layout.url(StackLayout.FAULTS));
    return "--mocks3.console.services=" + String.join(",", pairs);
  }

  /** Which nodes there are and on how many of them each blob is placed: the gateway and every node agree on it. */
  private List<String> placement() {
    return List.of("--mocks3.storage-node-ids=" + String.join(",", topology.nodeIds()),
        "--mocks3.replication-factor=" + topology.replicationFactor());
  }

  private String jdbc(String process) {
    return "--spring.datasource.url=" + links.jdbcUrl(process);
  }

  private String redis(String process) {
    return "--mocks3.cache.redis-url=" + links.redisUrl(process);
  }

  /** The storage nodes as {@code process} reaches them, in the order of their ids. */
  private String storageNodes(String process) {
    return "--mocks3.storage-nodes=" + String.join(",", topology.storageNodes().stream().map(n -> links.storageUrl(process, n)).toList());
  }

  /**
   * How long an unreferenced blob waits before it is collected: {@code MOCKS3_GC_GRACE} (or the
   * system property {@code mocks3.gc-grace}), e.g. {@code 30s}; the task workers' own default (10
   * minutes) otherwise.
   */
  private static String blobGrace() {
    String grace = System.getProperty("mocks3.gc-grace", System.getenv("MOCKS3_GC_GRACE"));
    return grace == null || grace.isBlank() ? "--mocks3.blob-tasks.grace=10m" : "--mocks3.blob-tasks.grace=" + grace;
  }

  /**
   * The gateway's default consistency mode: {@code MOCKS3_CONSISTENCY} (or the system property
   * {@code mocks3.consistency}), {@code strong} unless set; for clients that cannot send the
   * {@code x-mocks3-consistency} header (the AWS CLI).
   */
  private static String consistency() {
    String mode = System.getProperty("mocks3.consistency", System.getenv("MOCKS3_CONSISTENCY"));
    return "--mocks3.consistency=" + (mode == null || mode.isBlank() ? "strong" : mode);
  }

  /**
   * How long a lifecycle rule's "day" is: {@code MOCKS3_LIFECYCLE_DAY} (or the system property
   * {@code mocks3.lifecycle-day}), e.g. {@code 10s} to watch rules act; 24 hours otherwise. The task
   * workers act on it, the gateway answers it ({@code x-amz-expiration}): both get the same.
   */
  private static String lifecycleDay() {
    String day = System.getProperty("mocks3.lifecycle-day", System.getenv("MOCKS3_LIFECYCLE_DAY"));
    return "--mocks3.lifecycle.day-length=" + (day == null || day.isBlank() ? "24h" : day);
  }

  /**
   * A service part. With {@code MOCKS3_PROCESS_SCENARIOS=on} (or the system property
   * {@code mocks3.process-scenarios=on}) every service accepts process scenarios, crash included;
   * they are off otherwise, as in each service's own configuration. With
   * {@code MOCKS3_OTLP_ENDPOINT} (or {@code mocks3.otlp-endpoint}) set to an OTLP/HTTP traces URL,
   * e.g. {@code http://localhost:4318/v1/traces}, every service exports its spans there.
   * {@code MOCKS3_JAVA_OPTIONS} (or {@code mocks3.java-options}) adds JVM options to every Java part
   * (the services and Kafka), separated by spaces, after the part's own {@code jit} options (the last
   * of two wins): the test suite's stacks run with {@code -XX:TieredStopAtLevel=1}, and
   * {@code -XX:TieredStopAtLevel=4} gives every part the full tiered JIT. {@code MOCKS3_JAVA_OPTIONS_<PART>}
   * (e.g. {@code MOCKS3_JAVA_OPTIONS_API_GATEWAY}, {@code MOCKS3_JAVA_OPTIONS_KAFKA}, or
   * {@code mocks3.java-options.api-gateway}) adds options to that part alone, after those.
   */
  private ServicePart service(String name, String module, int port, String heap, List<String> jit, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    String otlp = System.getProperty("mocks3.otlp-endpoint", System.getenv("MOCKS3_OTLP_ENDPOINT"));
    if (otlp != null && !otlp.isBlank()) {
      all.add("--management.opentelemetry.tracing.export.otlp.endpoint=" + otlp);
      all.add("--management.opentelemetry.tracing.export.schedule-delay=500ms");
    }
    if ("on".equals(System.getProperty("mocks3.process-scenarios", System.getenv().getOrDefault("MOCKS3_PROCESS_SCENARIOS", "off")))) {
      all.add("--mocks3.process.enabled=true");
      all.add("--mocks3.process.crash-enabled=true");
      all.add("--mocks3.process.scratch-dir=" + layout.data(name));
    }
    shared.include(module);
    List<String> options = new ArrayList<>(jit);
    options.addAll(JvmFootprint.userOptions(name));
    return new ServicePart(layout, name, module, port, heap, options, all, shared);
  }
}
