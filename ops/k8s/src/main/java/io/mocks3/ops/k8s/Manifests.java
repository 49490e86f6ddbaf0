package io.mocks3.ops.k8s;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reading a manifest held as YAML maps: its identity and its nested maps. */
final class Manifests {
  private Manifests() {}

  /** What kustomize tells resources apart by: group, kind and name (the namespace is the kustomization's). */
  static String id(Map<String, Object> resource) {
    String apiVersion = String.valueOf(resource.get("apiVersion"));
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return group + "/" + resource.get("kind") + "/" + name(resource);
  }

  static String name(Map<String, Object> resource) {
    return String.valueOf(map(resource, "metadata").get("name"));
  }

  /** The map under {@code key}, made (and put there) when it is missing. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
  }
}
