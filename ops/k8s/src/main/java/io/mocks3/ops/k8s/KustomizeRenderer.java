package io.mocks3.ops.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders a kustomization offline, as {@code kubectl kustomize} does, for the subset of kustomize that
 * {@code ops/k8s} uses: {@code resources} (files and kustomization folders), {@code namespace}, {@code images}
 * ({@code name}, {@code newName}, {@code newTag}), {@code replicas} and {@code patches} given by {@code path}. Any other
 * field fails, so a kustomization never means one thing to kubectl and another to these tests.
 *
 * <p>A patch is applied as a JSON merge patch (RFC 7386: maps merge, anything else replaces). Kustomize applies a
 * strategic merge, which differs only inside lists (it merges containers by name, for one); {@link #patches} lets a
 * test check that the patches hold only lists kustomize replaces whole too, where the two agree.
 */
public final class KustomizeRenderer {
  private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "images", "replicas",
      "patches");
  private static final Set<String> SCALABLE = Set.of("Deployment", "StatefulSet", "ReplicaSet");
  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
      "CustomResourceDefinition", "PersistentVolume", "StorageClass");

  private KustomizeRenderer() {}

  /** Every resource the kustomization in {@code folder} produces, in the order kustomize lists them. */
  public static List<Map<String, Object>> render(Path folder) {
    Map<String, Object> kustomization = kustomization(folder);
    List<Map<String, Object>> resources = new ArrayList<>();
    for (String entry : strings(kustomization.get("resources"))) {
      Path path = folder.resolve(entry).normalize();
      resources.addAll(Files.isDirectory(path) ? render(path) : documents(path));
    }
    requireUniqueIds(folder, resources);
    for (Map<String, Object> patch : maps(kustomization.get("patches"))) {
      applyPatch(folder, resources, patch);
    }
    for (Map<String, Object> replica : maps(kustomization.get("replicas"))) {
      setReplicas(folder, resources, replica);
    }
    for (Map<String, Object> image : maps(kustomization.get("images"))) {
      Images.retag(folder, resources, image);
    }
    Object namespace = kustomization.get("namespace");
    if (namespace != null) {
      resources.stream().filter(r -> !CLUSTER_SCOPED.contains(r.get("kind")))
          .forEach(r -> Manifests.map(r, "metadata").put("namespace", namespace));
    }
    return resources;
  }

  /** The patch files of the kustomization in {@code folder}, each as it is written. */
  public static List<Map<String, Object>> patches(Path folder) {
    return maps(kustomization(folder).get("patches")).stream()
        .map(p -> documents(folder.resolve((String) p.get("path"))).get(0)).toList();
  }

  static Map<String, Object> kustomization(Path folder) {
    Map<String, Object> kustomization = documents(folder.resolve("kustomization.yaml")).get(0);
    for (String field : kustomization.keySet()) {
      if (!SUPPORTED.contains(field)) {
        throw new IllegalArgumentException(folder + "/kustomization.yaml: '" + field
            + "' is not in the subset of kustomize KustomizeRenderer implements " + SUPPORTED);
      }
    }
    return kustomization;
  }

  /** The non-empty YAML documents of {@code file}, as maps. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> documents(Path file) {
    try (Reader in = Files.newBufferedReader(file)) {
      List<Map<String, Object>> documents = new ArrayList<>();
      for (Object document : new Yaml().loadAll(in)) {
        if (document != null) {
          documents.add((Map<String, Object>) document);
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void requireUniqueIds(Path folder, List<Map<String, Object>> resources) {
    Set<String> ids = new HashSet<>();
    for (Map<String, Object> resource : resources) {
      if (!ids.add(Manifests.id(resource))) {
        throw new IllegalArgumentException(folder + ": " + Manifests.id(resource) + " is defined twice");
      }
    }
  }

  private static void applyPatch(Path folder, List<Map<String, Object>> resources, Map<String, Object> patchEntry) {
    if (!patchEntry.keySet().equals(Set.of("path"))) {
      throw new IllegalArgumentException(folder + ": only patches given by 'path' are supported, not " + patchEntry.keySet());
    }
    Path file = folder.resolve((String) patchEntry.get("path"));
    for (Map<String, Object> patch : documents(file)) {
      Map<String, Object> target = resources.stream().filter(r -> Manifests.id(r).equals(Manifests.id(patch))).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(file + " patches " + Manifests.id(patch) + ", which no resource is"));
      mergePatch(target, patch);
    }
  }

  /** RFC 7386: a map merges into a map key by key, null removes the key, anything else replaces the value. */
  @SuppressWarnings("unchecked")
  static void mergePatch(Map<String, Object> target, Map<String, Object> patch) {
    patch.forEach((key, value) -> {
      if (value == null) {
        target.remove(key);
      } else if (value instanceof Map<?, ?> patchMap && target.get(key) instanceof Map<?, ?> targetMap) {
        mergePatch((Map<String, Object>) targetMap, (Map<String, Object>) patchMap);
      } else {
        target.put(key, value);
      }
    });
  }

  private static void setReplicas(Path folder, List<Map<String, Object>> resources, Map<String, Object> replica) {
    List<Map<String, Object>> matched = resources.stream()
        .filter(r -> SCALABLE.contains(r.get("kind")) && Objects.equals(Manifests.name(r), replica.get("name"))).toList();
    if (matched.isEmpty()) {
      throw new IllegalArgumentException(folder + ": replicas for " + replica.get("name") + ", which is no workload");
    }
    matched.forEach(r -> Manifests.map(r, "spec").put("replicas", replica.get("count")));
  }

  @SuppressWarnings("unchecked")
  static List<String> strings(Object list) {
    return list == null ? List.of() : (List<String>) list;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Object list) {
    return list == null ? List.of() : (List<Map<String, Object>>) list;
  }

  /** Writes {@code resources} as one YAML stream, e.g. to compare with {@code kubectl kustomize}. */
  public static String toYaml(List<Map<String, Object>> resources) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dumpAll(resources.stream().map(r -> (Object) new LinkedHashMap<>(r)).iterator());
  }
}
