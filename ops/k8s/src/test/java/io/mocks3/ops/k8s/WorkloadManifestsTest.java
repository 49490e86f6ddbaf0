package io.mocks3.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.mocks3.ops.k8s.RenderedOverlay.Workload;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The workloads of each overlay, rendered and parsed into fabric8's model: they parse with no unknown field, every
 * image is pinned, every container has probes and resources, every MockS3 pod is scraped, every Service selects pods
 * that serve its ports.
 */
class WorkloadManifestsTest {
  /** A tag that names one release (as ComposeStartupTest accepts for docker-compose.yml): never latest, never bare 17. */
  private static final Pattern EXACT_TAG = Pattern.compile("v?\\d+\\.\\d+([._-][0-9A-Za-z._-]+)?");
  private static final String VERSION = System.getProperty("mocks3.version", "unset");

  static List<RenderedOverlay> overlays() {
    return RenderedOverlay.OVERLAYS.stream().map(RenderedOverlay::of).toList();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyManifestParsesIntoTheKubernetesModelWithNoUnknownField(RenderedOverlay overlay) {
    assertThat(overlay.resources()).hasSameSizeAs(overlay.raw()).hasSizeGreaterThan(20);
    for (HasMetadata resource : overlay.resources()) {
      String id = resource.getKind() + "/" + resource.getMetadata().getName();
      boolean builtIn = !resource.getApiVersion().contains(".");
      assertThat(resource instanceof GenericKubernetesResource).as("%s: %s parsed into its model class", overlay, id)
          .isEqualTo(!builtIn);
      assertThat(UnknownFields.of(resource)).as("%s: fields of %s that Kubernetes does not know", overlay, id).isEmpty();
      assertThat(resource.getMetadata().getNamespace()).as("%s: namespace of %s", overlay, id).isEqualTo("mocks3");
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyImageIsPinnedAndMockS3sAreTheProjectVersion(RenderedOverlay overlay) {
    assertThat(VERSION).as("surefire passes mocks3.version").isNotEqualTo("unset");
    for (Workload workload : overlay.workloads()) {
      for (Container container : workload.containers()) {
        String image = container.getImage();
        assertThat(isPinned(image)).as("%s: %s runs %s, not pinned to one release", overlay, workload.name(), image).isTrue();
        if (RenderedOverlay.MOCKS3_SERVICES.contains(workload.name())) {
          assertThat(image).as("%s: %s", overlay, workload.name()).isEqualTo("mocks3/" + workload.name() + ":" + VERSION);
        }
      }
    }
    String postgres = overlay.single("Cluster").get("spec", "imageName");
    assertThat(isPinned(postgres)).as("%s: CloudNativePG imageName %s", overlay, postgres).isTrue();
    assertThat(overlay.workloads()).extracting(Workload::name).containsAll(RenderedOverlay.MOCKS3_SERVICES).contains("redis");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyContainerHasProbesAndResources(RenderedOverlay overlay) {
    for (Workload workload : overlay.workloads()) {
      for (Container container : workload.containers()) {
        String what = overlay + ": " + workload.name() + "/" + container.getName();
        assertThat(container.getReadinessProbe()).as(what + " readiness").isNotNull();
        assertThat(container.getLivenessProbe()).as(what + " liveness").isNotNull();
        assertThat(container.getResources().getRequests()).as(what + " requests").containsKeys("cpu", "memory");
        // No CPU limit: a throttled JVM misses its Kafka heartbeats; memory is limited, the heap sized from it.
        assertThat(container.getResources().getLimits()).as(what + " limits").containsKey("memory");
      }
    }
  }

  /**
   * Ready on /health (every component: Kafka, PostgreSQL, Redis, as compose's health checks); alive on Spring Boot's
   * liveness group, which a broker outage does not fail - restarting every pod for it would only add to the outage.
   */
  @ParameterizedTest
  @MethodSource("overlays")
  void mockS3ServicesAreReadyOnHealthAndScrapedByPrometheus(RenderedOverlay overlay) {
    for (String name : RenderedOverlay.MOCKS3_SERVICES) {
      Workload workload = overlay.workload(name);
      Container container = workload.container();
      ContainerPort http = port(container, "http");
      assertHttpProbe(container.getReadinessProbe(), "/health", name);
      assertHttpProbe(container.getLivenessProbe(), "/actuator/health/liveness", name);
      assertHttpProbe(container.getStartupProbe(), "/actuator/health/liveness", name);
      Map<String, String> annotations = workload.template().getMetadata().getAnnotations();
      assertThat(annotations).as("%s: %s", overlay, name).containsEntry("prometheus.io/scrape", "true")
          .containsEntry("prometheus.io/path", "/actuator/prometheus")
          .containsEntry("prometheus.io/port", String.valueOf(http.getContainerPort()));
      assertThat(env(container, "SERVER_PORT")).as("%s: %s SERVER_PORT", overlay, name)
          .isEqualTo(String.valueOf(http.getContainerPort()));
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyServiceSelectsPodsThatServeItsPorts(RenderedOverlay overlay) {
    List<Service> services = overlay.all(Service.class);
    assertThat(services).extracting(s -> s.getMetadata().getName())
        .contains("api-gateway", "fault-controller", "metadata-projector", "storage-node", "task-workers", "redis");
    for (Service service : services) {
      Map<String, String> selector = service.getSpec().getSelector();
      assertThat(selector).as("%s: selector of %s", overlay, service.getMetadata().getName()).isNotEmpty();
      List<Workload> selected = overlay.workloads().stream()
          .filter(w -> w.template().getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
      assertThat(selected).as("%s: pods selected by Service %s", overlay, service.getMetadata().getName()).hasSize(1);
      for (ServicePort servicePort : service.getSpec().getPorts()) {
        ContainerPort served = port(selected.get(0).container(), servicePort.getTargetPort().getStrVal());
        assertThat(served.getContainerPort()).as("%s: %s", overlay, service.getMetadata().getName())
            .isEqualTo(servicePort.getPort());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theConsoleAndTheS3ApiAreBehindServices(RenderedOverlay overlay) {
    assertThat(servicePort(overlay, "fault-controller")).isEqualTo(8085);
    assertThat(servicePort(overlay, "api-gateway")).isEqualTo(8080);
  }

  static int servicePort(RenderedOverlay overlay, String name) {
    return overlay.all(Service.class).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no Service " + name)).getSpec().getPorts().get(0).getPort();
  }

  private static void assertHttpProbe(Probe probe, String path, String service) {
    assertThat(probe).as(service).isNotNull();
    assertThat(probe.getHttpGet()).as(service).isNotNull();
    assertThat(probe.getHttpGet().getPath()).as(service).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).as(service).isEqualTo("http");
  }

  static ContainerPort port(Container container, String name) {
    return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
        .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + name));
  }

  /** The literal value of {@code name} in {@code container}'s environment, or null. */
  static String env(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().map(e -> e.getValue()).orElse(null);
  }

  static boolean isPinned(String image) {
    String name = image.substring(image.lastIndexOf('/') + 1);
    int colon = name.indexOf(':');
    return colon > 0 && EXACT_TAG.matcher(name.substring(colon + 1)).matches();
  }
}
