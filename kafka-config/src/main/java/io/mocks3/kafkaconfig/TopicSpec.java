package io.mocks3.kafkaconfig;

import java.util.Map;

/** One topic of the catalogue; {@code deadLetter} adds a twin {@code <name>.dlq} with the same settings. */
public record TopicSpec(String name, int partitions, boolean deadLetter, Map<String, String> config) {
  public TopicSpec {
    if (name == null || name.isBlank() || partitions < 1) {
      throw new IllegalArgumentException("topic needs a name and at least one partition: " + name);
    }
    config = config == null ? Map.of() : Map.copyOf(config);
  }
}
