package io.mocks3.ops.stack;

import static io.mocks3.ops.stack.ComposeFile.load;
import static io.mocks3.ops.stack.ComposeFile.module;
import static io.mocks3.ops.stack.ComposeFile.services;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so it is checked against the code:
 * every service builds from a real module, listens where the local stack does, and every
 * environment variable it sets binds to a property that service actually reads.
 */
class ComposeFileTest {
  private static final Path REPO = ComposeFile.REPO;
  private static final Map<String, Integer> PORTS = Map.of(
      "api-gateway", StackLayout.GATEWAY, "metadata-projector", StackLayout.PROJECTOR,
      "storage-node-1", StackLayout.STORAGE_1, "storage-node-2", StackLayout.STORAGE_2,
      "task-workers", StackLayout.TASKS, "fault-controller", StackLayout.FAULTS);

  @Test
  void everyMockS3ServiceBuildsFromItsModuleOnTheDocumentedPort() throws IOException {
    Map<String, Map<String, Object>> services = services();
    assertThat(services).containsKeys("kafka", "kafka-ui", "postgres", "redis");
    for (var expected : PORTS.entrySet()) {
      Map<String, Object> service = services.get(expected.getKey());
      assertThat(service).as(expected.getKey()).isNotNull();
      assertThat(Files.exists(REPO.resolve(module(service)).resolve("pom.xml"))).as(expected.getKey()).isTrue();
      assertThat((List<String>) service.get("ports")).as(expected.getKey())
          .anySatisfy(p -> assertThat(p).startsWith(expected.getValue() + ":"));
    }
  }

  /**
   * Properties that the compose file sets without the services' application.yaml naming them:
   * Spring Boot's own (setting them there empty would switch the feature on with no value), and the
   * fault agent's control token, which every service reads through the agent (ControlToken).
   */
  private static final Set<String> BOOT_PROPERTIES =
      Set.of("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "MOCKS3_CONTROL_TOKEN");

  @Test
  void everyEnvironmentVariableBindsToAPropertyTheServiceReads() throws IOException {
    for (String name : PORTS.keySet()) {
      Map<String, Object> service = services().get(name);
      Set<String> known = canonicalKeys(REPO.resolve(module(service)).resolve("src/main/resources/application.yaml"));
      Map<String, Object> env = (Map<String, Object>) service.get("environment");
      for (String variable : env.keySet()) {
        if (BOOT_PROPERTIES.contains(variable)) {
          continue;
        }
        assertThat(known).as("%s sets %s, which binds to no property in its application.yaml", name, variable)
            .contains(variable.replace("_", "").toLowerCase(Locale.ROOT));
      }
    }
  }

  @Test
  void postgresKeepsLogicalWalForCdc() throws IOException {
    assertThat((List<String>) services().get("postgres").get("command")).contains("wal_level=logical", "synchronous_commit=on");
  }

  @Test
  void prometheusScrapesEveryServiceAndGrafanaProvisionsItsDashboards() throws IOException {
    Map<String, Map<String, Object>> services = services();
    assertThat((List<String>) services.get("prometheus").get("ports")).contains("9090:9090");
    assertThat((List<String>) services.get("grafana").get("ports")).contains("3000:3000");
    for (String mount : (List<String>) services.get("prometheus").get("volumes")) {
      assertThat(REPO.resolve(mount.split(":")[0])).exists();
    }
    for (String mount : (List<String>) services.get("grafana").get("volumes")) {
      assertThat(REPO.resolve(mount.split(":")[0])).exists();
    }
    Map<String, Object> prometheus = load(REPO.resolve("ops/observability/prometheus.yml"));
    List<String> targets = new ArrayList<>();
    for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
      assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
      for (Map<String, Object> config : (List<Map<String, Object>>) job.get("static_configs")) {
        targets.addAll((List<String>) config.get("targets"));
      }
    }
    for (String name : PORTS.keySet()) {
      Map<String, Object> env = (Map<String, Object>) services.get(name).get("environment");
      assertThat(targets).as("a scrape target for " + name).contains(name + ":" + env.get("SERVER_PORT"));
    }
    Map<String, Object> datasources = load(REPO.resolve("ops/observability/grafana/provisioning/datasources/prometheus.yaml"));
    Map<String, Object> datasource = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
    assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
    Map<String, Object> provider = ((List<Map<String, Object>>) load(
        REPO.resolve("ops/observability/grafana/provisioning/dashboards/mocks3.yaml")).get("providers")).get(0);
    assertThat(((Map<String, Object>) provider.get("options")).get("path")).isEqualTo("/var/lib/grafana/dashboards");

    List<String> titles = new ArrayList<>();
    try (var files = Files.list(REPO.resolve("ops/observability/grafana/dashboards"))) {
      for (Path file : files.sorted().toList()) {
        // YAML is a superset of JSON: the same parser reads the dashboards.
        Map<String, Object> dashboard = load(file);
        titles.add((String) dashboard.get("title"));
        for (Map<String, Object> panel : (List<Map<String, Object>>) dashboard.get("panels")) {
          assertThat(((Map<String, Object>) panel.get("datasource")).get("uid")).as(file + ": " + panel.get("title"))
              .isEqualTo(datasource.get("uid"));
          assertThat((List<?>) panel.get("targets")).as(file + ": " + panel.get("title")).isNotEmpty();
        }
      }
    }
    Map<String, Object> collector = load(REPO.resolve("ops/observability/otel-collector.yaml"));
    assertThat(collector.toString()).contains("otlp/jaeger", "jaeger:4317");
    for (String name : PORTS.keySet()) {
      Map<String, Object> env = (Map<String, Object>) services.get(name).get("environment");
      assertThat(env.get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")).as(name)
          .isEqualTo("http://otel-collector:4318/v1/traces");
    }
    assertThat(services).containsKeys("otel-collector", "jaeger");
    assertThat(titles).containsExactlyInAnyOrder("MockS3 / Overview", "MockS3 / Service metrics", "MockS3 / Kafka & queues",
        "MockS3 / Error injection", "MockS3 / Business metrics");
  }

  /** Property keys in Spring's canonical form for environment binding: no dots, dashes or case. */
  private static Set<String> canonicalKeys(Path applicationYaml) throws IOException {
    List<String> keys = new ArrayList<>();
    flatten("", load(applicationYaml), keys);
    Set<String> canonical = new HashSet<>();
    keys.forEach(k -> canonical.add(k.replace(".", "").replace("-", "").toLowerCase(Locale.ROOT)));
    return canonical;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> map, List<String> out) {
    map.forEach((k, v) -> {
      String key = prefix.isEmpty() ? k : prefix + "." + k;
      if (v instanceof Map<?, ?> nested) {
        flatten(key, (Map<String, Object>) nested, out);
      } else {
        out.add(key);
      }
    });
  }
}
