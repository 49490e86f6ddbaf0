package io.mocks3.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OperatorFieldsTest {
  private static final OperatorFields FIELDS = OperatorFields.load();

  static List<RenderedOverlay> overlays() {
    return WorkloadManifestsTest.overlays();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyOperatorResourceUsesOnlyKnownFieldsOfTheRightType(RenderedOverlay overlay) {
    List<GenericKubernetesResource> resources = overlay.all(GenericKubernetesResource.class);
    assertThat(resources).extracting(GenericKubernetesResource::getKind)
        .contains("Kafka", "KafkaNodePool", "KafkaTopic", "Cluster", "Publication");
    for (GenericKubernetesResource resource : resources) {
      Map<String, Object> body = resource.getAdditionalProperties();
      assertThat(body.keySet()).as("%s: %s", overlay, resource.getMetadata().getName()).containsOnly("spec");
      assertThat(FIELDS.problems(resource.getKind(), resource.get("spec")))
          .as("%s: %s/%s", overlay, resource.getKind(), resource.getMetadata().getName()).isEmpty();
    }
  }

  @Test
  void aMisspelledFieldAWrongTypeAndAnUnknownEnumValueAreNamed() {
    Map<String, Object> pool = KustomizeRendererTest.parse("""
        replicas: "3"
        roles: [broker, controler]
        storage: {type: jbod, volumes: [{id: 0, type: persistent-claim, size: 10Gb, deleteClaim: false, kraftMetdata: shared}]}
        """).get(0);
    assertThat(FIELDS.problems("KafkaNodePool", pool)).containsExactlyInAnyOrder(
        "spec.replicas: 3 is not integer",
        "spec.roles[]: controler is not controller|broker",
        "spec.storage.volumes[].size: 10Gb is not quantity",
        "spec.storage.volumes[].kraftMetdata: not a field operator-fields.yaml lists");
    assertThat(FIELDS.problems("KafkaTopic", Map.of("config", Map.of("retention.ms", "-1"), "partitions", 3))).isEmpty();
    assertThat(FIELDS.problems("KafkaConnect", Map.of())).containsExactly("KafkaConnect is not a kind operator-fields.yaml lists");
  }
}
