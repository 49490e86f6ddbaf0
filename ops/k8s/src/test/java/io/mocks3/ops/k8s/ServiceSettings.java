package io.mocks3.ops.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/**
 * What a service reads (the property keys of its application.yaml, in the canonical form Spring binds environment
 * variables by) and what docker-compose.yml sets for it - the same reading as local-stack's ComposeFileTest.
 */
final class ServiceSettings {
  /**
   * Spring Boot properties docker-compose.yml sets that these manifests leave out: there is no OpenTelemetry collector
   * in them (the README says how to point the services at one).
   */
  static final Set<String> COMPOSE_ONLY = Set.of("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT");

  /**
   * Properties the services read through a library rather than their application.yaml: the control plane's token,
   * read by the fault agent's ControlToken in every service.
   */
  static final Set<String> LIBRARY_PROPERTIES = Set.of("mocks3.control.token");

  private ServiceSettings() {}

  /** MOCKS3_KAFKA_BOOTSTRAPSERVERS and mocks3.kafka.bootstrap-servers alike become mocks3kafkabootstrapservers. */
  static String canonical(String key) {
    return key.replace("_", "").replace(".", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  static Set<String> propertiesOf(String module) {
    Set<String> keys = new HashSet<>();
    flatten("", load(RenderedOverlay.REPO.resolve(module).resolve("src/main/resources/application.yaml")), keys);
    LIBRARY_PROPERTIES.forEach(p -> keys.add(canonical(p)));
    return keys;
  }

  /** The variables docker-compose.yml sets for the services built from {@code module}, less {@link #COMPOSE_ONLY}. */
  @SuppressWarnings("unchecked")
  static Set<String> composeVariables(String module) {
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) load(
        RenderedOverlay.REPO.resolve("docker-compose.yml")).get("services");
    Set<String> variables = new TreeSet<>();
    services.values().stream().filter(s -> module.equals(moduleOf(s)))
        .forEach(s -> variables.addAll(((Map<String, Object>) s.get("environment")).keySet()));
    if (variables.isEmpty()) {
      throw new AssertionError("docker-compose.yml builds no service from " + module);
    }
    variables.removeAll(COMPOSE_ONLY);
    return variables;
  }

  @SuppressWarnings("unchecked")
  private static String moduleOf(Map<String, Object> service) {
    Object build = service.get("build");
    return build instanceof Map<?, ?> b && b.get("args") instanceof Map<?, ?> args ? (String) args.get("SERVICE") : null;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> map, Set<String> out) {
    map.forEach((k, v) -> {
      String key = prefix.isEmpty() ? k : prefix + "." + k;
      if (v instanceof Map<?, ?> nested) {
        flatten(key, (Map<String, Object>) nested, out);
      } else {
        out.add(canonical(key));
      }
    });
  }

  private static Map<String, Object> load(Path file) {
    try (Reader in = Files.newBufferedReader(file)) {
      return new Yaml().load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
