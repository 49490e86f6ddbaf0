package io.mocks3.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.kafkaconfig.TopicCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** base/kafka-topics.yaml is what kafka-config's catalogue generates: the topics are defined in one place. */
class KafkaTopicManifestsTest {
  private static final Path COMMITTED = RenderedOverlay.MODULE.resolve("base/kafka-topics.yaml");

  @Test
  void theCommittedTopicsAreWhatTheCatalogueGenerates() throws IOException {
    String generated = KafkaTopicManifests.render(TopicCatalogue.load());
    if (Boolean.getBoolean("k8s.write-topics")) {
      Files.writeString(COMMITTED, generated);
    }
    assertThat(Files.readString(COMMITTED))
        .as("%s is stale: regenerate it with ./mvnw -q -B -o -pl ops/k8s test -Dtest=KafkaTopicManifestsTest -Dk8s.write-topics=true", COMMITTED)
        .isEqualTo(generated);
  }

  @Test
  void eachTopicIsOneKafkaTopicDeadLetterTwinsIncluded() {
    TopicCatalogue catalogue = TopicCatalogue.load();
    List<Map<String, Object>> documents = KustomizeRendererTest.parse(KafkaTopicManifests.render(catalogue));
    assertThat(documents).hasSameSizeAs(catalogue.topics()).allSatisfy(d -> assertThat(d).containsEntry("kind", "KafkaTopic"));
    Map<String, Object> blobs = documents.stream().filter(d -> Manifests.name(d).equals("mocks3.blobs")).findFirst().orElseThrow();
    // Quoted in the file: "-1" stays a string, as Kafka reads topic settings.
    assertThat(blobs.get("spec")).isEqualTo(Map.of("partitions", 3,
        "config", Map.of("retention.ms", "-1", "max.message.bytes", "2097152")));
    assertThat(documents).extracting(Manifests::name).contains("mocks3.blobs.dlq", "mocks3.faults")
        .doesNotContain("mocks3.faults.dlq");
  }
}
