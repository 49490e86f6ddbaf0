package io.mocks3.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

class UnknownFieldsTest {
  @Test
  void aMisspelledFieldThatFabric8KeptAsideIsNamedWithItsPath() {
    HasMetadata deployment = RenderedOverlay.parse(KustomizeRendererTest.parse("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, labells: {a: b}}
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: web:1.0
                  readinesProbe: {httpGet: {path: /health, port: 8080}}
        """).get(0));
    assertThat(UnknownFields.of(deployment))
        .containsExactlyInAnyOrder(".metadata.labells", ".spec.template.spec.containers[0].readinesProbe");
  }

  @Test
  void aCustomResourceBodyIsNotUnknownButItsMetadataIsChecked() {
    HasMetadata topic = RenderedOverlay.parse(KustomizeRendererTest.parse("""
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaTopic
        metadata: {name: t, lables: {a: b}}
        spec: {partitions: 1}
        """).get(0));
    assertThat(UnknownFields.of(topic)).containsExactly(".metadata.lables");
  }
}
