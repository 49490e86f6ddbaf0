package io.mocks3.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every process's links: ports that collide with nothing, the broker's listener per process, the service arguments. */
class ProcessLinksTest {
  private final StackLayout layout = new StackLayout(Path.of("."), Path.of("home"), 10_000, "java");
  private final ProcessLinks links = new ProcessLinks(layout);

  @Test
  void everyLinkAndProcessListenerHasItsOwnPort_AndNoneIsAServicesPort() {
    List<Integer> ports = new ArrayList<>();
    for (String process : links.processes()) {
      links.of(process).forEach(link -> ports.add(links.port(process, link)));
      ports.add(Integer.parseInt(links.target(process, "kafka").split(":")[1]));
    }
    Set<Integer> services = Set.of(StackLayout.GATEWAY, StackLayout.PROJECTOR, StackLayout.STORAGE_1, StackLayout.STORAGE_2,
        StackLayout.TASKS, StackLayout.FAULTS, StackLayout.KAFKA, StackLayout.KAFKA_CONTROLLER, StackLayout.POSTGRES,
        StackLayout.REDIS).stream().map(layout::port).collect(java.util.stream.Collectors.toSet());
    assertThat(new HashSet<>(ports)).hasSameSizeAs(ports).doesNotContainAnyElementsOf(services);
    assertThat(links.port("storage-node-2", "kafka")).isEqualTo(17160);
  }

  @Test
  void theBrokerAdvertisesEachProcessListenerAsThatProcesssKafkaLink() {
    String config = links.withProcessListeners(String.join("\n", "listeners=PLAINTEXT://127.0.0.1:19092",
        "advertised.listeners=PLAINTEXT://127.0.0.1:19092", "listener.security.protocol.map=PLAINTEXT:PLAINTEXT", "x=y"));
    assertThat(config).contains("listeners=PLAINTEXT://127.0.0.1:19092,L_API_GATEWAY://127.0.0.1:19110,")
        .contains(",L_STORAGE_NODE_2://127.0.0.1:17160,")
        .contains("L_TASK_WORKERS:PLAINTEXT\n").contains("x=y\n");
  }

  @Test
  void aLinkedServiceReachesEverythingThroughItsLinks_TheFaultControllerDirectly() {
    assertThat(links.kafkaBootstrap("storage-node-2")).isEqualTo("127.0.0.1:17160");
    assertThat(links.arguments("storage-node-2")).containsExactly("--mocks3.faults.bootstrap-servers=127.0.0.1:19092",
        "--mocks3.faults.links.kafka.port=17160", "--mocks3.faults.links.kafka.target=127.0.0.1:19113");
    assertThat(links.jdbcUrl("metadata-projector")).isEqualTo("jdbc:postgresql://127.0.0.1:17121/postgres");
    assertThat(links.redisUrl("metadata-projector")).isEqualTo("redis://127.0.0.1:17122");
    assertThat(links.storageUrl("api-gateway", "storage-node-2")).isEqualTo("http://127.0.0.1:17104");
    assertThat(links.storageUrl("metadata-projector", "storage-node-2")).isEqualTo(layout.url(StackLayout.STORAGE_2));
    assertThat(links.arguments("fault-controller")).isEmpty();
    assertThat(links.kafkaBootstrap("fault-controller")).isEqualTo(layout.kafkaBootstrap());
  }

  @Test
  void scaledProcessesGetSlotsOfTheirOwn_AndTheFirstFiveKeepTheirPorts() {
    StackLayout scaled = layout.withTopology(new StackTopology(4, 2, 2, 2));
    ProcessLinks big = new ProcessLinks(scaled);
    assertThat(big.processes()).containsExactly("api-gateway", "metadata-projector-1", "storage-node-1", "storage-node-2",
        "task-workers", "storage-node-3", "storage-node-4", "metadata-projector-2");
    assertThat(big.port("storage-node-2", "kafka")).isEqualTo(17160);
    assertThat(big.port("metadata-projector-1", "postgres")).isEqualTo(links.port("metadata-projector", "postgres"));
    assertThat(big.of("api-gateway")).containsExactly("kafka", "postgres", "redis", "storage-node-1", "storage-node-2",
        "storage-node-3", "storage-node-4");
    assertThat(big.target("api-gateway", "storage-node-4")).isEqualTo("127.0.0.1:" + (10_000 + 8382));
    assertThat(big.storageUrl("metadata-projector-2", "storage-node-3")).isEqualTo(scaled.url(8282));
    List<Integer> ports = new ArrayList<>();
    for (String process : big.processes()) {
      big.of(process).forEach(link -> ports.add(big.port(process, link)));
      ports.add(Integer.parseInt(big.target(process, "kafka").split(":")[1]));
    }
    for (String part : List.of("storage-node-1", "storage-node-2", "storage-node-3", "storage-node-4", "metadata-projector-1",
        "metadata-projector-2")) {
      ports.add(scaled.port(StackTopology.basePort(part)));
    }
    assertThat(new HashSet<>(ports)).hasSameSizeAs(ports);
    assertThat(big.withProcessListeners("listeners=P://x")).contains(",L_METADATA_PROJECTOR_2://127.0.0.1:" + (10_000 + 9110 + 12));
  }

  @Test
  void theLargestTopologysPortsStayInTheirRanges() {
    ProcessLinks largest = new ProcessLinks(layout.withTopology(new StackTopology(9, 9, 3, 2)));
    int highest = largest.processes().stream().flatMap(p -> largest.of(p).stream().map(l -> largest.port(p, l))).max(Integer::compare)
        .orElseThrow();
    assertThat(highest).isLessThan(10_000 + ProcessLinks.LINKS + 400);
    assertThat(largest.target("metadata-projector-9", "kafka")).isEqualTo("127.0.0.1:" + (10_000 + 9110 + 19));
  }
}
