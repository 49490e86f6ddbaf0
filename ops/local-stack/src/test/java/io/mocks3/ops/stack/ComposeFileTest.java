package io.mocks3.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so it is checked against the code:
 * every service builds from a real module, listens where the local stack does, and every
 * environment variable it sets binds to a property that service actually reads.
 */
class ComposeFileTest {
  private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
  private static final Map<String, Integer> PORTS = Map.of(
      "api-gateway", StackLayout.GATEWAY, "metadata-projector", StackLayout.PROJECTOR,
      "storage-node-1", StackLayout.STORAGE_1, "storage-node-2", StackLayout.STORAGE_2,
      "task-workers", StackLayout.TASKS, "fault-controller", StackLayout.FAULTS);

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file)) {
      return new Yaml().load(in);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws IOException {
    return (Map<String, Map<String, Object>>) load(REPO.resolve("docker-compose.yml")).get("services");
  }

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

  @Test
  void everyEnvironmentVariableBindsToAPropertyTheServiceReads() throws IOException {
    for (String name : PORTS.keySet()) {
      Map<String, Object> service = services().get(name);
      Set<String> known = canonicalKeys(REPO.resolve(module(service)).resolve("src/main/resources/application.yaml"));
      Map<String, Object> env = (Map<String, Object>) service.get("environment");
      for (String variable : env.keySet()) {
        assertThat(known).as("%s sets %s, which binds to no property in its application.yaml", name, variable)
            .contains(variable.replace("_", "").toLowerCase(Locale.ROOT));
      }
    }
  }

  @Test
  void postgresKeepsLogicalWalForCdc() throws IOException {
    assertThat((List<String>) services().get("postgres").get("command")).contains("wal_level=logical", "synchronous_commit=on");
  }

  private static String module(Map<String, Object> service) {
    Map<String, Object> build = (Map<String, Object>) service.get("build");
    return (String) ((Map<String, Object>) build.get("args")).get("SERVICE");
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
