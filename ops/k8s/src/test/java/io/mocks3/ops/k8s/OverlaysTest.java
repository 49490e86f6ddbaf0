package io.mocks3.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.mocks3.ops.k8s.RenderedOverlay.Workload;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What tells the overlays apart, and that their patches mean to KustomizeRenderer what they mean to kustomize. */
class OverlaysTest {
  /**
   * Lists that kustomize's strategic merge replaces whole, as a merge patch does (no patchMergeKey in the Kubernetes
   * API). Any other list in a patch of a built-in kind (containers, env, ports: merged by name) is refused here.
   */
  private static final Set<String> REPLACED_LISTS = Set.of("volumeClaimTemplates", "accessModes");

  @Test
  void devRunsOneOfEverythingOnSmallVolumes() {
    RenderedOverlay dev = RenderedOverlay.of("dev");
    assertThat(dev.workloads()).allSatisfy(w -> assertThat(w.replicas()).as(w.name()).isEqualTo(1));
    assertThat(dev.generic("KafkaNodePool")).singleElement().satisfies(p -> assertThat((Integer) p.get("spec", "replicas")).isEqualTo(1));
    assertThat((Integer) dev.single("Cluster").get("spec", "instances")).isEqualTo(1);
    for (String name : List.of("storage-node", "metadata-projector", "redis")) {
      Quantity size = dev.statefulSet(name).orElseThrow().getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources()
          .getRequests().get("storage");
      assertThat(Quantity.getAmountInBytes(size).longValue()).as(name).isLessThanOrEqualTo(1L << 30);
    }
  }

  @Test
  void prodLikeRunsThreeBrokersThreeStorageNodesAndThreePostgresInstances() {
    RenderedOverlay prod = RenderedOverlay.of("prod-like");
    assertThat(prod.generic("KafkaNodePool")).singleElement().satisfies(p -> assertThat((Integer) p.get("spec", "replicas")).isEqualTo(3));
    assertThat(prod.workload("storage-node").replicas()).isEqualTo(3);
    assertThat((Integer) prod.single("Cluster").get("spec", "instances")).isEqualTo(3);
    // Not scaled yet: one Debezium slot reader, periodic jobs, one control plane, one name per gateway's history.
    assertThat(List.of("metadata-projector", "task-workers", "fault-controller", "api-gateway")).allSatisfy(
        name -> assertThat(prod.workload(name).replicas()).as(name).isEqualTo(1));
    assertThat(prod.workloads()).extracting(Workload::name).doesNotHaveDuplicates();
  }

  @Test
  void patchesOfBuiltInKindsHoldNoListThatKustomizeWouldMergeByKey() {
    for (String overlay : RenderedOverlay.OVERLAYS) {
      for (Map<String, Object> patch : KustomizeRenderer.patches(overlayFolder(overlay))) {
        if (!String.valueOf(patch.get("apiVersion")).contains(".")) {
          assertNoMergedList(overlay + ": " + Manifests.id(patch), patch);
        }
      }
    }
  }

  private static void assertNoMergedList(String where, Map<String, Object> map) {
    map.forEach((key, value) -> {
      if (value instanceof List<?>) {
        assertThat(REPLACED_LISTS).as("%s: list %s in a patch (kustomize merges it by key)", where, key).contains(key);
      } else if (value instanceof Map<?, ?> nested) {
        @SuppressWarnings("unchecked")
        Map<String, Object> child = (Map<String, Object>) nested;
        assertNoMergedList(where + "." + key, child);
      }
    });
  }

  private static Path overlayFolder(String overlay) {
    return RenderedOverlay.MODULE.resolve("overlays").resolve(overlay);
  }
}
