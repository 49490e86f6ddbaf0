package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.ops.stack.StackLayout;
import io.mocks3.schemas.DeadLetters;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Poison records on demand: the controller appends records no consumer can read, and every
 * consumer of the topic sets them aside in its dead-letter topic (headers saying why and which
 * fault made them) and goes on serving. A re-drive discards them rather than looping them, and a
 * consumer that reads its log again (a replay) skips what it set aside before.
 */
@ExtendWith(LocalStackExtension.class)
class PoisonRecordsIT {
  private String bucket;

  @BeforeEach
  void bucket() throws Exception {
    bucket = "poison-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
  }

  /**
   * A strong write to the bucket: once answered, the projector has consumed every earlier command of
   * the bucket (they share its partition), so a poison record put back would be dead-lettered by now.
   */
  private void drain() throws Exception {
    assertThat(Clients.http("PUT", "/" + bucket + "/marker-" + UUID.randomUUID(), "m".getBytes()).statusCode()).isEqualTo(200);
  }

  /**
   * @param consumers how many consumers read the topic, each dead-lettering its own copy (two storage nodes read the blobs)
   */
  @ParameterizedTest
  @CsvSource({"mocks3.commands, 1", "mocks3.blobs, 2", "mocks3.cdc, 1", "mocks3.notifications, 1"})
  void everyConsumerDeadLettersAPoisonRecordAndGoesOn(String topic, int consumers) throws Exception {
    String dlq = topic + ".dlq";
    HttpResponse<String> poisoned = FaultControl.call("POST", "/api/v1/chaos/topics/" + topic + "/poison",
        "{\"count\": 2, \"key\": \"" + bucket + "\"}");
    assertThat(poisoned.statusCode()).as(poisoned.body()).isEqualTo(200);
    assertThat(poisoned.body()).contains("\"poisoned\":2", topic + "/");

    // Exactly: each consumer dead-letters each of this test's 2 records (keyed by its bucket) once.
    await().atMost(Duration.ofSeconds(30)).until(() -> FaultControl.deadLetters(dlq, bucket).size() >= 2 * consumers);
    assertThat(FaultControl.deadLetters(dlq, bucket)).hasSize(2 * consumers).allSatisfy(d -> {
      assertThat(d.path("headers").path("x-mocks3-fault-rule").asText()).isEqualTo("poison:" + topic);
      assertThat(d.path("headers").toString()).containsAnyOf("undeserializable", "kafka_exception-message");
    });
    assertThat(FaultControl.call("GET", "/api/v1/events?rule=poison:" + topic + "&limit=5", null).body())
        .contains("\"action\":\"poison\"");

    // The consumers went on: a write through every hop, then a read of it, strong and (from the cache) eventual.
    String key = "after-" + topic;
    assertThat(Clients.http("PUT", "/" + bucket + "/" + key, "still served".getBytes()).statusCode()).isEqualTo(200);
    assertThat(Clients.http("GET", "/" + bucket + "/" + key, null).body()).isEqualTo("still served");
    await().atMost(Duration.ofSeconds(10)).until(() -> Clients.http("GET", "/" + bucket + "/" + key, null,
        "x-mocks3-consistency", "eventual").body().equals("still served"));
  }

  /**
   * Poison stays in the compacted {@code mocks3.cdc} for good; rebuilding the cache reads it again from
   * the start, and the cache writer, which remembers from {@code mocks3.cdc.dlq} what it set aside,
   * skips the poison instead of dead-lettering it a second time.
   */
  @Test
  void aReplayMeetsPoisonItDeadLetteredBeforeAndSkipsIt() throws Exception {
    String dlq = "mocks3.cdc.dlq";
    String skippedSeries = "poison_skipped_total{consumer=\"cache-writer\"}";
    FaultControl.call("POST", "/api/v1/chaos/topics/mocks3.cdc/poison", "{\"count\": 2, \"key\": \"" + bucket + "\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> FaultControl.deadLetters(dlq, bucket).size() >= 2);
    long deadLettersBefore = endOffsets(dlq);
    double skippedBefore = Scrape.value(StackLayout.PROJECTOR, skippedSeries);

    HttpResponse<String> replay = java.net.http.HttpClient.newHttpClient().send(FaultControl.authorized(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(LocalStackExtension.layout().url(StackLayout.PROJECTOR) + "/admin/replay/redis")))
        .timeout(java.time.Duration.ofSeconds(90)).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    // Answered once the cache writers have read mocks3.cdc to its end as it was when the rebuild began.
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
    assertThat(replay.body()).contains("\"caught up\"");
    // The rebuild has begun once a poison record was skipped (this test's two are among them) ...
    await().atMost(Duration.ofSeconds(60)).until(() -> Scrape.value(StackLayout.PROJECTOR, skippedSeries) >= skippedBefore + 2);
    // ... and has read past this test's poison once the writer committed up to the log's end as it is now.
    Map<TopicPartition, Long> end = endOffsetsOf("mocks3.cdc");
    await().atMost(Duration.ofSeconds(60)).until(() -> committedReach("mocks3-cache-writer", end));

    assertThat(endOffsets(dlq)).as("the replay dead-lettered nothing again").isEqualTo(deadLettersBefore);
    assertThat(FaultControl.deadLetters(dlq, bucket)).hasSize(2);
  }

  private static long endOffsets(String topic) {
    return endOffsetsOf(topic).values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<TopicPartition, Long> endOffsetsOf(String topic) {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackExtension.layout().kafkaBootstrap());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      return consumer.endOffsets(partitions, Duration.ofSeconds(10));
    }
  }

  private static boolean committedReach(String group, Map<TopicPartition, Long> end) throws Exception {
    try (Admin admin = Clients.kafkaAdmin()) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
          .get(10, java.util.concurrent.TimeUnit.SECONDS);
      return end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
    }
  }

  @Test
  void reDrivingADeadLetterTopicDiscardsPoisonInsteadOfLoopingIt() throws Exception {
    String dlq = "mocks3.commands.dlq";
    FaultControl.call("POST", "/api/v1/chaos/topics/mocks3.commands/poison", "{\"key\": \"" + bucket + "\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> !FaultControl.deadLetters(dlq, bucket).isEmpty());
    assertThat(FaultControl.deadLetters(dlq, bucket)).hasSize(1);
    HttpResponse<String> redriven = FaultControl.call("POST", "/api/v1/dlq/" + dlq + "/redrive", null);
    Matcher discarded = Pattern.compile("\"discarded_poison\":(\\d+)").matcher(redriven.body());
    assertThat(discarded.find()).as(redriven.body()).isTrue();
    // A bound: poison other tests left waiting in the same DLQ is discarded with this test's record.
    assertThat(Long.parseLong(discarded.group(1))).isPositive();
    assertThat(FaultControl.call("GET", "/api/v1/dlq/" + dlq, null).body()).contains("\"waiting\":0");
    drain();
    assertThat(FaultControl.deadLetters(dlq, bucket)).as("the poison was not put back to be dead-lettered again").isEmpty();
  }

  @Test
  void poisonIsRefusedForTopicsWithoutAChaosConsumerAndForSillyCounts() throws Exception {
    assertThat(FaultControl.call("POST", "/api/v1/chaos/topics/mocks3.faults/poison", "{}").statusCode()).isEqualTo(400);
    HttpResponse<String> tooMany = FaultControl.call("POST", "/api/v1/chaos/topics/mocks3.commands/poison", "{\"count\": 0}");
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.body()).contains("count must be between 1 and 1000");
  }

  @Test
  void oneDeadLetterIsReDrivenByItsPositionAndPurgeLeavesNothingWaiting() throws Exception {
    String dlq = "mocks3.commands.dlq";
    FaultControl.call("POST", "/api/v1/chaos/topics/mocks3.commands/poison", "{\"count\": 2, \"key\": \"" + bucket + "\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> FaultControl.deadLetters(dlq, bucket).size() >= 2);
    assertThat(FaultControl.deadLetters(dlq, bucket)).hasSize(2);

    String shown = Clients.ops("dlq", "show", dlq, "-n", "1000");
    Matcher last = Pattern.compile("\"partition\" : (\\d+),\\s+\"offset\" : (\\d+),\\s+\"key\" : \"" + bucket + "\"").matcher(shown);
    String partition = null;
    String offset = null;
    while (last.find()) {
      partition = last.group(1);
      offset = last.group(2);
    }
    assertThat(offset).as(shown).isNotNull();
    // Re-driven alone, a poison record is discarded as in a re-drive of all: marked done, not put back.
    assertThat(Clients.ops("dlq", "redrive", dlq, "--partition", partition, "--offset", offset))
        .contains("\"redriven\" : 0", "\"discarded_poison\" : 1");
    drain();
    assertThat(FaultControl.deadLetters(dlq, bucket)).as("the other one waits, the discarded one is not back").hasSize(1);

    assertThat(Clients.ops("dlq")).containsPattern("mocks3\\.commands\\.dlq\\s+[1-9]");
    assertThat(Clients.ops("dlq", "purge", dlq)).contains("\"purged\"");
    assertThat(Clients.ops("dlq")).containsPattern("mocks3\\.commands\\.dlq\\s+0\\s");
    assertThat(FaultControl.call("GET", "/api/v1/dlq/" + dlq, null).body()).contains("\"waiting\":0");
  }

  /**
   * A consumer dead-letters inside its transaction (the projector does), so a "re-drive all" can
   * start while a dead letter is on the queue but not yet committed. It waits for that transaction
   * and re-drives the record, rather than leave it waiting behind the re-drive it was meant for.
   */
  @Test
  void reDrivingAllWaitsForADeadLetterWhoseTransactionIsStillOpen() throws Exception {
    String dlq = "mocks3.notifications.dlq";
    String original = "it.redrive-" + bucket;
    String bootstrap = LocalStackExtension.layout().kafkaBootstrap();
    try (Admin admin = Clients.kafkaAdmin()) {
      admin.createTopics(List.of(new NewTopic(original, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
    }
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-redrive-" + bucket);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(dlq, bucket.getBytes(), "late".getBytes());
      letter.headers().add(DeadLetters.ORIGINAL_TOPIC, original.getBytes());
      producer.send(letter).get(10, TimeUnit.SECONDS);

      CompletableFuture<HttpResponse<String>> redrive = CompletableFuture.supplyAsync(() -> {
        try {
          return FaultControl.call("POST", "/api/v1/dlq/" + dlq + "/redrive", null);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      await("the re-drive waits while the dead letter's transaction is open").during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(2)).until(() -> !redrive.isDone());
      producer.commitTransaction();

      HttpResponse<String> redriven = redrive.get(20, TimeUnit.SECONDS);
      assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(200);
      assertThat(redriven.body()).contains("\"redriven\":1");
    }
    assertThat(endOffsets(original)).as("the dead letter is back on its topic").isEqualTo(1);
    assertThat(FaultControl.deadLetters(dlq, bucket)).as("and no longer waits").isEmpty();
  }
}
