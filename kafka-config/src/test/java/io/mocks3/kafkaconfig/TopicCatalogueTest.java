package io.mocks3.kafkaconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {
  private final TopicCatalogue catalogue = TopicCatalogue.load();

  @Test
  void everyTopicNameInSchemasIsInTheCatalogue() {
    String[] declared =
        Arrays.stream(Topics.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(TopicCatalogueTest::valueOf)
            .toArray(String[]::new);
    assertThat(catalogue.names()).contains(declared);
  }

  @Test
  void theLogsOfRecordAreKeptForeverAndHaveDeadLetterTwins() {
    for (String log : new String[] {Topics.COMMANDS, Topics.EVENTS, Topics.BLOBS}) {
      TopicSpec spec = catalogue.topics().stream().filter(t -> t.name().equals(log)).findFirst().orElseThrow();
      assertThat(spec.config()).containsEntry("retention.ms", "-1");
      assertThat(catalogue.names()).contains(Topics.deadLetterOf(log));
    }
  }

  @Test
  void deadLetterTwinsOfACompactedTopicAreNotCompactedSoNoDeadLetterHidesAnother() {
    TopicSpec cdc = catalogue.topics().stream().filter(t -> t.name().equals(Topics.CDC)).findFirst().orElseThrow();
    TopicSpec twin = catalogue.topics().stream().filter(t -> t.name().equals(Topics.deadLetterOf(Topics.CDC))).findFirst()
        .orElseThrow();
    assertThat(cdc.config()).containsEntry("cleanup.policy", "compact");
    assertThat(twin.config()).doesNotContainKey("cleanup.policy");
    assertThat(twin.partitions()).isEqualTo(cdc.partitions());
  }

  @Test
  void faultRulesAreCompacted() {
    TopicSpec faults = catalogue.topics().stream().filter(t -> t.name().equals(Topics.FAULTS)).findFirst().orElseThrow();
    assertThat(faults.config()).containsEntry("cleanup.policy", "compact");
  }

  @Test
  void newTopicsCarryTheCataloguesPartitionsConfigsAndTheReplicationAsked() {
    var topics = catalogue.newTopics((short) 3);
    assertThat(topics).extracting(org.apache.kafka.clients.admin.NewTopic::name).containsExactlyElementsOf(catalogue.names());
    var commands = topics.stream().filter(t -> t.name().equals(Topics.COMMANDS)).findFirst().orElseThrow();
    assertThat(commands.numPartitions()).isEqualTo(3);
    assertThat(commands.replicationFactor()).isEqualTo((short) 3);
    assertThat(commands.configs()).containsEntry("retention.ms", "-1");
    var faults = topics.stream().filter(t -> t.name().equals(Topics.FAULTS)).findFirst().orElseThrow();
    assertThat(faults.configs()).containsEntry("cleanup.policy", "compact");
  }

  private static String valueOf(Field f) {
    try {
      return (String) f.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
