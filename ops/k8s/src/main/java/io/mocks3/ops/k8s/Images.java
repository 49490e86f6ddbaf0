package io.mocks3.ops.k8s;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** kustomize's {@code images} transformer over the containers of workloads: a new name and/or tag for an image. */
final class Images {
  private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers");

  private Images() {}

  static void retag(Path folder, List<Map<String, Object>> resources, Map<String, Object> image) {
    String name = (String) image.get("name");
    int changed = 0;
    for (Map<String, Object> resource : resources) {
      for (Map<String, Object> container : containers(resource)) {
        String current = (String) container.get("image");
        if (current != null && repository(current).equals(name)) {
          String repository = image.containsKey("newName") ? (String) image.get("newName") : name;
          String tag = image.containsKey("newTag") ? (String) image.get("newTag") : tag(current);
          container.put("image", tag == null ? repository : repository + ":" + tag);
          changed++;
        }
      }
    }
    if (changed == 0) {
      throw new IllegalArgumentException(folder + ": images names " + name + ", which no container runs");
    }
  }

  /** The containers of a workload's pod template (Deployment, StatefulSet, ...); none for other kinds. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> containers(Map<String, Object> resource) {
    Object spec = resource.get("spec");
    if (!(spec instanceof Map<?, ?> specMap) || !(specMap.get("template") instanceof Map<?, ?> template)
        || !(template.get("spec") instanceof Map<?, ?> podSpec)) {
      return List.of();
    }
    return CONTAINER_LISTS.stream().filter(podSpec::containsKey)
        .flatMap(key -> ((List<Map<String, Object>>) podSpec.get(key)).stream()).toList();
  }

  /** The image without its tag (a registry's port is not a tag). */
  static String repository(String image) {
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
  }

  static String tag(String image) {
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : null;
  }
}
