package io.mocks3.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The subset of kustomize KustomizeRenderer implements, on hand-made kustomizations. */
class KustomizeRendererTest {
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 1
        template:
          spec:
            containers:
              - name: web
                image: registry.local:5000/team/web:1.0
              - name: sidecar
                image: busybox:1.36
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
      data:
        a: "1"
        b: "2"
      """;

  @TempDir
  Path folder;

  @Test
  void anOverlayPatchesScalesRetagsAndNamespacesItsBase() throws IOException {
    write("base/kustomization.yaml", "resources: [app.yaml]\n");
    write("base/app.yaml", DEPLOYMENT);
    write("overlay/kustomization.yaml", """
        namespace: team
        resources: [../base]
        replicas: [{name: web, count: 3}]
        images: [{name: registry.local:5000/team/web, newTag: "2.0"}, {name: busybox, newName: mirror/busybox}]
        patches: [{path: settings.yaml}]
        """);
    write("overlay/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {b: \"3\", a: null}\n");

    List<Map<String, Object>> rendered = KustomizeRenderer.render(folder.resolve("overlay"));

    assertThat(rendered).extracting(Manifests::id).containsExactly("apps/Deployment/web", "/ConfigMap/settings");
    assertThat(rendered).allSatisfy(r -> assertThat(Manifests.map(r, "metadata")).containsEntry("namespace", "team"));
    assertThat(Manifests.map(rendered.get(0), "spec")).containsEntry("replicas", 3);
    assertThat(Images.containers(rendered.get(0))).extracting(c -> c.get("image"))
        .containsExactly("registry.local:5000/team/web:2.0", "mirror/busybox:1.36");
    assertThat(rendered.get(1).get("data")).isEqualTo(Map.of("b", "3"));
  }

  @Test
  void whatTheSubsetCannotRenderFailsInsteadOfRenderingSomethingElse() throws IOException {
    write("app.yaml", DEPLOYMENT);
    write("kustomization.yaml", "resources: [app.yaml]\ncommonLabels: {team: a}\n");
    assertThatThrownBy(() -> KustomizeRenderer.render(folder)).hasMessageContaining("'commonLabels' is not in the subset");
    write("kustomization.yaml", "resources: [app.yaml]\nreplicas: [{name: api, count: 2}]\n");
    assertThatThrownBy(() -> KustomizeRenderer.render(folder)).hasMessageContaining("api, which is no workload");
    write("kustomization.yaml", "resources: [app.yaml]\nimages: [{name: nginx, newTag: '1.27'}]\n");
    assertThatThrownBy(() -> KustomizeRenderer.render(folder)).hasMessageContaining("nginx, which no container runs");
    write("kustomization.yaml", "resources: [app.yaml]\npatches: [{path: p.yaml}]\n");
    write("p.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\ndata: {a: b}\n");
    assertThatThrownBy(() -> KustomizeRenderer.render(folder)).hasMessageContaining("/ConfigMap/other, which no resource is");
    write("kustomization.yaml", "resources: [app.yaml, app.yaml]\n");
    assertThatThrownBy(() -> KustomizeRenderer.render(folder)).hasMessageContaining("defined twice");
  }

  @Test
  void aMergePatchMergesMapsAndReplacesEverythingElse() {
    Map<String, Object> target = parse("a: {b: 1, c: [1, 2]}\nd: x\n").get(0);
    KustomizeRenderer.mergePatch(target, parse("a: {c: [3]}\nd: null\ne: y\n").get(0));
    assertThat(target).isEqualTo(Map.of("a", Map.of("b", 1, "c", List.of(3)), "e", "y"));
  }

  @Test
  void aRegistryPortIsNotATag() {
    assertThat(Images.repository("registry.local:5000/web")).isEqualTo("registry.local:5000/web");
    assertThat(Images.tag("registry.local:5000/web")).isNull();
    assertThat(Images.tag("registry.local:5000/web:1.2")).isEqualTo("1.2");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> parse(String yaml) {
    List<Map<String, Object>> documents = new ArrayList<>();
    new Yaml().loadAll(yaml).forEach(d -> documents.add((Map<String, Object>) d));
    return documents;
  }

  private void write(String file, String text) throws IOException {
    Path path = folder.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }
}
