package io.mocks3.kafkaconfig;

import io.mocks3.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.yaml.snakeyaml.Yaml;

/** The topics MockS3 needs, read from {@code mocks3-topics.yaml}, dead-letter twins included. */
public record TopicCatalogue(List<TopicSpec> topics) {
  private static final String RESOURCE = "/mocks3-topics.yaml";

  public static TopicCatalogue load() {
    try (InputStream in = TopicCatalogue.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      Map<String, List<Map<String, Object>>> root = new Yaml().load(in);
      List<TopicSpec> specs = new ArrayList<>();
      for (Map<String, Object> entry : root.get("topics")) {
        TopicSpec spec = toSpec(entry);
        specs.add(spec);
        if (spec.deadLetter()) {
          specs.add(new TopicSpec(Topics.deadLetterOf(spec.name()), spec.partitions(), false, deadLetterConfig(spec)));
        }
      }
      return new TopicCatalogue(List.copyOf(specs));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A dead-letter twin keeps its source's settings but is never compacted: dead letters of the same
   * key (a compacted source's records share keys) are separate failures, each waiting for a re-drive.
   */
  private static Map<String, String> deadLetterConfig(TopicSpec source) {
    Map<String, String> config = new java.util.TreeMap<>(source.config());
    config.remove("cleanup.policy");
    return config;
  }

  public List<String> names() {
    return topics.stream().map(TopicSpec::name).toList();
  }

  /** Every topic as KafkaAdmin creates it, each with {@code replication} replicas. */
  public List<NewTopic> newTopics(short replication) {
    return topics.stream()
        .map(t -> TopicBuilder.name(t.name()).partitions(t.partitions()).replicas(replication).configs(t.config()).build())
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static TopicSpec toSpec(Map<String, Object> entry) {
    Map<String, Object> config = (Map<String, Object>) entry.getOrDefault("config", Map.of());
    Map<String, String> asText = new java.util.TreeMap<>();
    config.forEach((k, v) -> asText.put(k, String.valueOf(v)));
    return new TopicSpec(
        (String) entry.get("name"),
        (Integer) entry.get("partitions"),
        Boolean.TRUE.equals(entry.get("deadLetter")),
        asText);
  }
}
