package io.mocks3.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.mocks3.kafkaconfig.TopicCatalogue;
import io.mocks3.kafkaconfig.TopicSpec;
import io.mocks3.schemas.cache.CacheKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operators' resources of each overlay, checked as {@link GenericKubernetesResource}: Strimzi's Java model
 * (io.strimzi:api 1.2.0) is compiled for Java 21 and cannot load on this build's Java 17, so the fields that matter are
 * checked here, against the shapes of Strimzi's kafka.strimzi.io/v1 and CloudNativePG's postgresql.cnpg.io/v1.
 */
class OperatorResourcesTest {
  private static final Set<String> NODE_ROLES = Set.of("controller", "broker");
  private static final Set<String> STORAGE_TYPES = Set.of("jbod", "persistent-claim", "ephemeral");
  /**
   * Broker options Strimzi sets itself and refuses in {@code spec.kafka.config} (its KafkaClusterSpec's forbidden
   * prefixes, as its documentation lists them; only the exceptions that documentation names are let through).
   */
  private static final List<String> STRIMZI_MANAGED = List.of("listeners", "advertised.", "broker.", "listener.",
      "host.name", "port", "inter.broker.listener.name", "sasl.", "ssl.", "security.", "password.", "log.dir",
      "authorizer.", "super.user", "cruise.control.metrics.", "node.id", "process.roles", "controller.", "metadata.log.dir",
      "client.quota.callback.static.", "prometheus.metrics.reporter.", "cordoned.log.dirs");

  static List<RenderedOverlay> overlays() {
    return WorkloadManifestsTest.overlays();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyTopicOfTheCatalogueIsAKafkaTopicWithItsPartitionsAndConfig(RenderedOverlay overlay) {
    Map<String, GenericKubernetesResource> topics = overlay.generic("KafkaTopic").stream()
        .collect(Collectors.toMap(t -> t.getMetadata().getName(), Function.identity()));
    List<TopicSpec> catalogue = TopicCatalogue.load().topics();
    assertThat(topics.keySet()).as(overlay.name()).containsExactlyInAnyOrderElementsOf(catalogue.stream().map(TopicSpec::name).toList());
    String cluster = overlay.single("Kafka").getMetadata().getName();
    for (TopicSpec spec : catalogue) {
      GenericKubernetesResource topic = topics.get(spec.name());
      assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1");
      assertThat((Object) topic.get("spec", "topicName")).as("the resource's name is the topic's").isNull();
      assertThat(topic.getMetadata().getLabels()).as(spec.name()).containsEntry("strimzi.io/cluster", cluster);
      assertThat((Integer) topic.get("spec", "partitions")).as(spec.name()).isEqualTo(spec.partitions());
      Map<String, Object> config = topic.get("spec", "config");
      assertThat(config == null ? Map.of() : config).as(spec.name()).isEqualTo(spec.config());
      // The broker's default.replication.factor applies (checked below): the same min(3, brokers) as TopicProvisioner.
      assertThat((Object) topic.get("spec", "replicas")).as(spec.name()).isNull();
    }
    // Dead letters of one key are separate failures: the twin of a compacted topic is not compacted.
    assertThat((String) topics.get("mocks3.cdc").get("spec", "config", "cleanup.policy")).isEqualTo("compact");
    assertThat((Object) topics.get("mocks3.cdc.dlq").get("spec", "config")).isNull();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void kafkaReplicatesTopicsOnMinOfThreeAndItsBrokers(RenderedOverlay overlay) {
    GenericKubernetesResource kafka = overlay.single("Kafka");
    assertThat(kafka.getApiVersion()).isEqualTo("kafka.strimzi.io/v1");
    assertThat((String) kafka.get("spec", "kafka", "version")).matches("4\\.\\d+\\.\\d+");
    assertThat((Object) kafka.get("spec", "entityOperator", "topicOperator")).as("the Topic Operator creates the topics").isNotNull();
    List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
    assertThat(listeners).allSatisfy(l -> assertThat(l).containsKeys("name", "port", "type", "tls"));
    int brokers = nodes(overlay, "broker");
    int replication = Math.min(3, brokers);
    Map<String, Object> config = kafka.get("spec", "kafka", "config");
    assertThat(config).as(overlay.name()).containsEntry("default.replication.factor", replication)
        .containsEntry("offsets.topic.replication.factor", replication)
        .containsEntry("transaction.state.log.replication.factor", replication)
        .containsEntry("share.coordinator.state.topic.replication.factor", replication)
        .containsEntry("auto.create.topics.enable", false);
    // One broker down must leave acknowledged writes possible: min ISR below the replicas (1 on a single broker).
    int minIsr = Math.max(1, replication - 1);
    assertThat(config).containsEntry("min.insync.replicas", minIsr).containsEntry("transaction.state.log.min.isr", minIsr)
        .containsEntry("share.coordinator.state.topic.min.isr", minIsr);
    long largestMessage = TopicCatalogue.load().topics().stream()
        .mapToLong(t -> Long.parseLong(t.config().getOrDefault("max.message.bytes", "0"))).max().orElse(0);
    assertThat(((Number) config.get("message.max.bytes")).longValue()).isGreaterThanOrEqualTo(largestMessage);
    assertThat(nodes(overlay, "controller") % 2).as("%s: an odd number of KRaft controllers", overlay).isEqualTo(1);
    assertThat(config.keySet()).as("%s: options Strimzi manages itself", overlay)
        .noneMatch(key -> STRIMZI_MANAGED.stream().anyMatch(key::startsWith));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void nodePoolsBelongToTheClusterAndKeepTheLogOnClaims(RenderedOverlay overlay) {
    String cluster = overlay.single("Kafka").getMetadata().getName();
    for (GenericKubernetesResource pool : overlay.generic("KafkaNodePool")) {
      assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
      assertThat((Integer) pool.get("spec", "replicas")).isPositive();
      assertThat((List<String>) pool.get("spec", "roles")).isNotEmpty().isSubsetOf(NODE_ROLES);
      assertThat((String) pool.get("spec", "storage", "type")).isIn(STORAGE_TYPES);
      List<Map<String, Object>> volumes = pool.get("spec", "storage", "volumes");
      assertThat(volumes).as("%s: %s volumes", overlay, pool.getMetadata().getName()).isNotEmpty().allSatisfy(volume -> {
        assertThat(volume).containsEntry("type", "persistent-claim").containsEntry("deleteClaim", false);
        assertThat(Quantity.getAmountInBytes(new Quantity((String) volume.get("size"))).longValue()).isPositive();
      });
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void postgresHasWhatDebeziumNeeds(RenderedOverlay overlay) {
    GenericKubernetesResource cluster = overlay.single("Cluster");
    assertThat(cluster.getApiVersion()).isEqualTo("postgresql.cnpg.io/v1");
    Map<String, Object> parameters = cluster.get("spec", "postgresql", "parameters");
    assertThat(parameters).containsEntry("wal_level", "logical").containsEntry("synchronous_commit", "on");
    assertThat(Integer.parseInt((String) parameters.get("max_replication_slots"))).isGreaterThanOrEqualTo(10);
    assertThat(Integer.parseInt((String) parameters.get("max_wal_senders"))).isGreaterThanOrEqualTo(10);
    assertThat(parameters.values()).as("CloudNativePG takes parameters as strings").allMatch(String.class::isInstance);
    String owner = cluster.get("spec", "bootstrap", "initdb", "owner");
    assertThat((List<String>) cluster.get("spec", "bootstrap", "initdb", "postInitApplicationSQL"))
        .as("Debezium opens a replication slot as the application's user").contains("ALTER ROLE " + owner + " WITH REPLICATION");
    assertThat((Integer) cluster.get("spec", "instances")).isPositive();
    assertThat(Quantity.getAmountInBytes(new Quantity((String) cluster.get("spec", "storage", "size"))).longValue()).isPositive();

    GenericKubernetesResource publication = overlay.single("Publication");
    assertThat((String) publication.get("spec", "cluster", "name")).isEqualTo(cluster.getMetadata().getName());
    assertThat((String) publication.get("spec", "dbname")).isEqualTo(cluster.get("spec", "bootstrap", "initdb", "database"));
    // The names ChangeCapture gives Debezium (publication.name, table.include.list).
    assertThat(changeCapture()).contains("\"publication.name\", \"mocks3_cdc\"")
        .contains("\"table.include.list\", \"public.\" + CacheKeys.OBJECTS");
    assertThat((String) publication.get("spec", "name")).isEqualTo("mocks3_cdc");
    List<Map<String, Object>> objects = publication.get("spec", "target", "objects");
    assertThat(objects).containsExactly(Map.of("table", Map.of("schema", "public", "name", CacheKeys.OBJECTS)));
  }

  private static String changeCapture() {
    try {
      return Files.readString(RenderedOverlay.REPO.resolve(
          "metadata-projector/src/main/java/io/mocks3/projector/cdc/ChangeCapture.java"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many nodes of the overlay's pools have {@code role}. */
  private static int nodes(RenderedOverlay overlay, String role) {
    return overlay.generic("KafkaNodePool").stream().filter(p -> ((List<String>) p.get("spec", "roles")).contains(role))
        .mapToInt(p -> p.get("spec", "replicas")).sum();
  }
}
