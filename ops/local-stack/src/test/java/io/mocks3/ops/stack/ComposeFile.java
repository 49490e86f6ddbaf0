package io.mocks3.ops.stack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The repository's docker-compose.yml (and the YAML files it points at), read as plain maps for the tests. */
final class ComposeFile {
  static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

  private ComposeFile() {}

  static Map<String, Object> load(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file)) {
      return new Yaml().load(in);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> services() throws IOException {
    return (Map<String, Map<String, Object>>) load(REPO.resolve("docker-compose.yml")).get("services");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> service, String key) {
    Object value = service.get(key);
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<String> list(Map<String, Object> service, String key) {
    Object value = service.get(key);
    return value == null ? List.of() : (List<String>) value;
  }

  /** The module a MockS3 service is built from (its SERVICE build argument), or null for a pulled image. */
  static String module(Map<String, Object> service) {
    Map<String, Object> build = map(service, "build");
    return build.isEmpty() ? null : (String) map(build, "args").get("SERVICE");
  }
}
