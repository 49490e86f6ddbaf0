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
    for (String process : ProcessLinks.PROCESSES) {
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
}
