package io.mocks3.ops.k8s;

import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The body of an operator's resource checked against the fields {@code operator-fields.yaml} lists for its kind: what
 * Strimzi's Java model would have checked, had it loaded on Java 17 (see {@link OperatorResourcesTest}).
 */
final class OperatorFields {
  private final Map<String, Map<String, String>> fields;

  private OperatorFields(Map<String, Map<String, String>> fields) {
    this.fields = fields;
  }

  static OperatorFields load() {
    try (InputStream in = OperatorFields.class.getResourceAsStream("/operator-fields.yaml")) {
      return new OperatorFields(new Yaml().load(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What is wrong in {@code spec} of a resource of {@code kind}: fields not listed, values of the wrong type. */
  List<String> problems(String kind, Map<String, Object> spec) {
    Map<String, String> allowed = fields.get(kind);
    if (allowed == null) {
      return List.of(kind + " is not a kind operator-fields.yaml lists");
    }
    List<String> problems = new ArrayList<>();
    walk(allowed, "spec", spec, problems);
    return problems;
  }

  private static void walk(Map<String, String> allowed, String path, Object value, List<String> problems) {
    String type = allowed.get(path);
    if (type != null) {
      if (!matches(type, value)) {
        problems.add(path + ": " + value + " is not " + type);
      }
    } else if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      String wildcard = path + ".*";
      map.forEach((key, child) -> walk(allowed, allowed.containsKey(wildcard) ? wildcard : path + "." + key, child, problems));
    } else if (value instanceof List<?> list) {
      list.forEach(item -> walk(allowed, path + "[]", item, problems));
    } else {
      problems.add(path + ": not a field operator-fields.yaml lists");
    }
  }

  private static boolean matches(String type, Object value) {
    return switch (type) {
      case "string" -> value instanceof String;
      case "integer" -> value instanceof Integer || value instanceof Long;
      case "boolean" -> value instanceof Boolean;
      case "scalar" -> value instanceof String || value instanceof Number || value instanceof Boolean;
      case "object" -> value instanceof Map;
      case "quantity" -> value instanceof String text && isQuantity(text);
      default -> List.of(type.split("\\|")).contains(String.valueOf(value));
    };
  }

  private static boolean isQuantity(String text) {
    try {
      Quantity.getAmountInBytes(new Quantity(text));
      return text.matches("\\d+(\\.\\d+)?([munkMGTPE]|[KMGTPE]i)?");
    } catch (RuntimeException e) {
      return false;
    }
  }
}
