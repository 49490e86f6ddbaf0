package io.mocks3.ops.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One overlay of {@code ops/k8s}, rendered by {@link KustomizeRenderer} and parsed into fabric8's model: built-in kinds
 * into their classes (Deployment, StatefulSet, Service, ConfigMap), the operators' kinds into
 * {@link GenericKubernetesResource}.
 */
record RenderedOverlay(String name, List<Map<String, Object>> raw, List<HasMetadata> resources) {
  static final Path MODULE = Path.of("").toAbsolutePath();
  static final Path REPO = MODULE.resolve("../..").normalize();
  static final List<String> OVERLAYS = List.of("dev", "prod-like");
  /** The services built from this repository's Dockerfile, each a Deployment or StatefulSet of that name. */
  static final List<String> MOCKS3_SERVICES = List.of("api-gateway", "metadata-projector", "storage-node", "task-workers",
      "fault-controller");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static RenderedOverlay of(String overlay) {
    List<Map<String, Object>> raw = KustomizeRenderer.render(MODULE.resolve("overlays").resolve(overlay));
    return new RenderedOverlay(overlay, raw, raw.stream().map(RenderedOverlay::parse).toList());
  }

  static HasMetadata parse(Map<String, Object> manifest) {
    return SERIALIZATION.unmarshal(SERIALIZATION.asJson(manifest), HasMetadata.class);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<GenericKubernetesResource> generic(String kind) {
    return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
  }

  GenericKubernetesResource single(String kind) {
    List<GenericKubernetesResource> found = generic(kind);
    if (found.size() != 1) {
      throw new AssertionError(name + ": expected one " + kind + ", found " + found.size());
    }
    return found.get(0);
  }

  /** Every Deployment and StatefulSet, as its name, replicas and pod template. */
  List<Workload> workloads() {
    List<Workload> workloads = new ArrayList<>();
    all(Deployment.class).forEach(d -> workloads.add(new Workload(d.getKind(), d.getMetadata().getName(),
        d.getSpec().getReplicas(), d.getSpec().getTemplate())));
    all(StatefulSet.class).forEach(s -> workloads.add(new Workload(s.getKind(), s.getMetadata().getName(),
        s.getSpec().getReplicas(), s.getSpec().getTemplate())));
    return workloads;
  }

  Workload workload(String name) {
    return workloads().stream().filter(w -> w.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(this.name + ": no workload " + name));
  }

  Optional<StatefulSet> statefulSet(String name) {
    return all(StatefulSet.class).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return name;
  }

  record Workload(String kind, String name, Integer replicas, PodTemplateSpec template) {
    List<Container> containers() {
      return template.getSpec().getContainers();
    }

    Container container() {
      return containers().get(0);
    }
  }
}
