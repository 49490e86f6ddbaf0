package io.mocks3.ops.k8s;

import io.mocks3.kafkaconfig.TopicCatalogue;
import io.mocks3.kafkaconfig.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Strimzi {@code KafkaTopic} resources for every topic of kafka-config's catalogue ({@link TopicCatalogue}, dead-letter
 * twins included), as the text of {@code ops/k8s/base/kafka-topics.yaml}. The topics are defined once, in
 * {@code mocks3-topics.yaml}; this file is derived from it and {@code KafkaTopicManifestsTest} fails when the committed
 * copy is stale.
 *
 * <p>The resource's name is the topic's (Strimzi advises {@code spec.topicName} only for names Kubernetes refuses; the
 * catalogue's are valid resource names). No {@code replicas}: Strimzi then uses the broker's {@code default.replication.factor}, which each overlay sets to
 * min(3, brokers) - the factor the services' own provisioner ({@code TopicProvisioner}) picks on any cluster.
 */
public final class KafkaTopicManifests {
  /** The Strimzi {@code Kafka} resource the topics belong to (its name, and the {@code strimzi.io/cluster} label). */
  public static final String KAFKA_CLUSTER = "mocks3";
  public static final String API_VERSION = "kafka.strimzi.io/v1";
  private static final String HEADER = """
      # GENERATED from kafka-config/src/main/resources/mocks3-topics.yaml by io.mocks3.ops.k8s.KafkaTopicManifests:
      # do not edit. After changing the catalogue, regenerate with
      #   ./mvnw -q -B -o -pl ops/k8s test -Dtest=KafkaTopicManifestsTest -Dk8s.write-topics=true
      # (KafkaTopicManifestsTest fails while this file and the catalogue disagree.)
      """;

  private KafkaTopicManifests() {}

  /** The YAML stream of one KafkaTopic per topic of {@code catalogue}, in catalogue order. */
  public static String render(TopicCatalogue catalogue) {
    StringBuilder out = new StringBuilder(HEADER);
    for (TopicSpec topic : catalogue.topics()) {
      out.append("---\n").append(topicResource(topic));
    }
    return out.toString();
  }

  /** Writes {@link #render} of the catalogue on the classpath to {@code file}. */
  public static void write(Path file) throws IOException {
    Files.writeString(file, render(TopicCatalogue.load()));
  }

  private static String topicResource(TopicSpec topic) {
    StringBuilder out = new StringBuilder()
        .append("apiVersion: ").append(API_VERSION).append('\n')
        .append("kind: KafkaTopic\n")
        .append("metadata:\n")
        .append("  name: ").append(topic.name()).append('\n')
        .append("  labels:\n")
        .append("    strimzi.io/cluster: ").append(KAFKA_CLUSTER).append('\n')
        .append("    app.kubernetes.io/part-of: mocks3\n")
        .append("spec:\n")
        .append("  partitions: ").append(topic.partitions()).append('\n');
    Map<String, String> config = new TreeMap<>(topic.config());
    if (!config.isEmpty()) {
      out.append("  config:\n");
      // Quoted: Kafka reads every topic setting as a string, and "-1" must not become a YAML number.
      config.forEach((key, value) -> out.append("    ").append(key).append(": \"").append(value).append("\"\n"));
    }
    return out.toString();
  }

  /** {@code java ... KafkaTopicManifests <file>}: writes the KafkaTopics to {@code file}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: KafkaTopicManifests <output file>");
    }
    write(Path.of(args[0]));
  }
}
