package io.mocks3.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.mocks3.ops.k8s.RenderedOverlay.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the pieces of each overlay find each other: every environment variable binds to a property its service reads and
 * docker-compose.yml sets the same ones, every address a service dials is a Service (or a pod of a StatefulSet, or a
 * Service an operator makes) on a port it serves, every Secret and ConfigMap key exists, and the storage nodes and the
 * projector keep their data on claims.
 */
class WiringManifestsTest {
  /** host:port, after an optional scheme (http://, redis://, jdbc:postgresql://). */
  private static final Pattern ADDRESS = Pattern.compile("^(?:[a-z:]+://)?([a-z0-9.-]+):(\\d+)(?:/.*)?$");

  static List<RenderedOverlay> overlays() {
    return WorkloadManifestsTest.overlays();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyVariableBindsToAPropertyTheServiceReadsAndComposeSetsTheSame(RenderedOverlay overlay) {
    for (String service : RenderedOverlay.MOCKS3_SERVICES) {
      List<String> names = overlay.workload(service).container().getEnv().stream().map(EnvVar::getName).toList();
      Set<String> known = ServiceSettings.propertiesOf(service);
      for (String name : names) {
        assertThat(known).as("%s: %s sets %s, which binds to no property of its application.yaml", overlay, service, name)
            .contains(ServiceSettings.canonical(name));
      }
      assertThat(names).as("%s: %s sets what docker-compose.yml sets", overlay, service)
          .containsAll(ServiceSettings.composeVariables(service));
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyAddressAServiceDialsIsServedOnThatPort(RenderedOverlay overlay) {
    for (String service : RenderedOverlay.MOCKS3_SERVICES) {
      for (EnvVar variable : overlay.workload(service).container().getEnv()) {
        for (String value : value(overlay, variable).split(",")) {
          Matcher address = ADDRESS.matcher(value.strip());
          if (address.matches()) {
            assertThat(ports(overlay, address.group(1))).as("%s: %s's %s=%s", overlay, service, variable.getName(), value)
                .contains(Integer.parseInt(address.group(2)));
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theStorageNodeListNamesEveryStorageNode(RenderedOverlay overlay) {
    StatefulSet nodes = overlay.statefulSet("storage-node").orElseThrow();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < nodes.getSpec().getReplicas(); i++) {
      expected.add("http://storage-node-" + i + ".storage-node:8082");
    }
    for (String service : List.of("api-gateway", "metadata-projector")) {
      EnvVar list = variable(overlay.workload(service).container(), "MOCKS3_STORAGENODES");
      assertThat(List.of(value(overlay, list).split(","))).as("%s: %s", overlay, service).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theDatabaseCredentialsAreTheOnesCloudNativePgMakesForTheOwner(RenderedOverlay overlay) {
    GenericKubernetesResource cluster = overlay.single("Cluster");
    for (String service : List.of("api-gateway", "metadata-projector", "task-workers")) {
      Container container = overlay.workload(service).container();
      for (String name : List.of("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")) {
        var secret = variable(container, name).getValueFrom().getSecretKeyRef();
        assertThat(secret.getName()).as("%s: %s %s", overlay, service, name).isEqualTo(cluster.getMetadata().getName() + "-app");
        assertThat(secret.getKey()).isIn("username", "password");
      }
      assertThat(WorkloadManifestsTest.env(container, "SPRING_DATASOURCE_URL")).as("%s: %s", overlay, service)
          .isEqualTo("jdbc:postgresql://" + cluster.getMetadata().getName() + "-rw:5432/"
              + cluster.get("spec", "bootstrap", "initdb", "database"));
    }
  }

  /** The services pass the token to each other, so all of them have it, from the one Secret (optional: no token). */
  @ParameterizedTest
  @MethodSource("overlays")
  void everyServiceReadsTheControlTokenFromOneOptionalSecret(RenderedOverlay overlay) {
    for (String service : RenderedOverlay.MOCKS3_SERVICES) {
      var secret = variable(overlay.workload(service).container(), "MOCKS3_CONTROL_TOKEN").getValueFrom().getSecretKeyRef();
      assertThat(secret.getName()).as("%s: %s", overlay, service).isEqualTo("mocks3-control");
      assertThat(secret.getKey()).isEqualTo("token");
      assertThat(secret.getOptional()).as("%s: %s starts without the Secret", overlay, service).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void storageNodesAndTheProjectorKeepTheirDataOnClaims(RenderedOverlay overlay) {
    assertDataOnClaim(overlay, "storage-node", "MOCKS3_DATADIR");
    assertDataOnClaim(overlay, "metadata-projector", "MOCKS3_STATEDIR");
    assertDataOnClaim(overlay, "redis", null);
  }

  private static void assertDataOnClaim(RenderedOverlay overlay, String name, String directoryVariable) {
    StatefulSet set = overlay.statefulSet(name).orElseThrow(() -> new AssertionError(overlay + ": no StatefulSet " + name));
    List<PersistentVolumeClaim> claims = set.getSpec().getVolumeClaimTemplates();
    assertThat(claims).as("%s: %s", overlay, name).hasSize(1);
    Quantity size = claims.get(0).getSpec().getResources().getRequests().get("storage");
    assertThat(Quantity.getAmountInBytes(size).longValue()).as("%s: %s claim size", overlay, name).isPositive();
    Container container = set.getSpec().getTemplate().getSpec().getContainers().get(0);
    VolumeMount mount = container.getVolumeMounts().stream()
        .filter(m -> m.getName().equals(claims.get(0).getMetadata().getName())).findFirst()
        .orElseThrow(() -> new AssertionError(overlay + ": " + name + " does not mount its claim"));
    if (directoryVariable != null) {
      assertThat(WorkloadManifestsTest.env(container, directoryVariable)).as("%s: %s %s", overlay, name, directoryVariable)
          .startsWith(mount.getMountPath() + "/");
    }
    assertThat(set.getSpec().getServiceName()).as("%s: %s governing Service", overlay, name)
        .isIn(overlay.all(Service.class).stream().map(s -> s.getMetadata().getName()).toList());
  }

  private static EnvVar variable(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(container.getName() + " does not set " + name));
  }

  /** A variable's value: its literal, or the ConfigMap key it refers to (which must exist); "" for other sources. */
  private static String value(RenderedOverlay overlay, EnvVar variable) {
    if (variable.getValueFrom() == null) {
      return variable.getValue();
    }
    var key = variable.getValueFrom().getConfigMapKeyRef();
    if (key == null) {
      return "";
    }
    Map<String, String> data = overlay.all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(key.getName()))
        .findFirst().orElseThrow(() -> new AssertionError(overlay + ": no ConfigMap " + key.getName())).getData();
    assertThat(data).as("%s: ConfigMap %s", overlay, key.getName()).containsKey(key.getKey());
    return data.get(key.getKey());
  }

  /**
   * The ports {@code host} serves in this overlay: a Service's; a StatefulSet pod's through its headless Service
   * ({@code storage-node-1.storage-node}, for an ordinal below its replicas); the Kafka bootstrap Service Strimzi makes
   * ({@code <kafka>-kafka-bootstrap}, its listeners' ports); the primary's Service CloudNativePG makes ({@code <cluster>-rw}).
   */
  private static List<Integer> ports(RenderedOverlay overlay, String host) {
    for (Service service : overlay.all(Service.class)) {
      String name = service.getMetadata().getName();
      if (host.equals(name) || isPodOf(overlay, host, service)) {
        return service.getSpec().getPorts().stream().map(p -> p.getPort()).toList();
      }
    }
    GenericKubernetesResource kafka = overlay.single("Kafka");
    if (host.equals(kafka.getMetadata().getName() + "-kafka-bootstrap")) {
      List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
      return listeners.stream().map(l -> ((Number) l.get("port")).intValue()).toList();
    }
    if (host.equals(overlay.single("Cluster").getMetadata().getName() + "-rw")) {
      return List.of(5432);
    }
    return List.of();
  }

  private static boolean isPodOf(RenderedOverlay overlay, String host, Service headless) {
    String name = headless.getMetadata().getName();
    if (!"None".equals(headless.getSpec().getClusterIP()) || !host.endsWith("." + name)) {
      return false;
    }
    String pod = host.substring(0, host.length() - name.length() - 1);
    return overlay.all(StatefulSet.class).stream().filter(s -> name.equals(s.getSpec().getServiceName()))
        .anyMatch(s -> pod.matches(Pattern.quote(s.getMetadata().getName()) + "-\\d+")
            && Integer.parseInt(pod.substring(pod.lastIndexOf('-') + 1)) < s.getSpec().getReplicas());
  }
}
