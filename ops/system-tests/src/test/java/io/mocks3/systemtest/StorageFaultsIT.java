package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.client.DeadLetterQueue;
import io.mocks3.client.MockS3Control;
import io.mocks3.client.Rule;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.ops.stack.StackLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Storage under faults: a node whose disk fails keeps serving the system through its peer,
 * reports itself DOWN, and catches up once the disk heals; a poison record on the blob log is
 * dead-lettered and skipped instead of stopping ingestion.
 */
@ExtendWith(LocalStackExtension.class)
class StorageFaultsIT {
  private static final String BLOBS = "mocks3.blobs";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static String bucket;

  @BeforeAll
  static void bucket() throws Exception {
    bucket = "storage-faults-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void heal() throws Exception {
    FaultControl.clear();
  }

  private static int health(int port) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(LocalStackExtension.layout().url(port) + "/health")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void aNodeWithAFailingDiskIsCoveredByItsPeerAndCatchesUpWhenItHeals() throws Exception {
    FaultControl.mocks3().rules().add(Rule.httpError(500).message("EIO").name("node-1 disk fails").service("storage-disk")
        .instance("node-1").on("WriteBlob"));

    List<byte[]> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      byte[] body = ("while the disk fails " + bucket + " " + i).getBytes();
      written.add(body);
      assertThat(Clients.http("PUT", "/" + bucket + "/during-" + i, body).statusCode()).isEqualTo(200);
      assertThat(Clients.http("GET", "/" + bucket + "/during-" + i, null).body()).isEqualTo(new String(body));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> health(StackLayout.STORAGE_1) == 503);
    assertThat(health(StackLayout.STORAGE_2)).isEqualTo(200);
    // None of the 5 writes' bytes reached node-1 (a count of its blobs would also see GC of other tests' garbage).
    assertThat(written).allSatisfy(body -> assertThat(contentOn("storage-node-1", body)).doesNotExist());

    heal();
    // Caught up: each of the 5 writes' bytes is on node-1 now.
    await().atMost(Duration.ofSeconds(20)).until(() -> health(StackLayout.STORAGE_1) == 200);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(written).allSatisfy(body -> assertThat(contentOn("storage-node-1", body)).exists()));
  }

  private static Path contentOn(String node, byte[] body) throws Exception {
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
    return LocalStackExtension.layout().data(node).resolve("content").resolve(sha.substring(0, 2)).resolve(sha);
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new java.util.Random().nextBytes(bytes);
    return bytes;
  }

  @Test
  void blobChunksLostAtOneNodeAreServedByItsPeer_AndDeadLetteredOnesAreReDrivenIntoPlace() throws Exception {
    MockS3Control mocks3 = FaultControl.mocks3();
    mocks3.chaos(BLOBS).loss(1.0).consumer("storage-node-1").apply();
    byte[] lost = random(300_000);
    assertThat(Clients.http("PUT", "/" + bucket + "/lost-at-node-1", lost).statusCode()).isEqualTo(200);
    assertThat(Clients.http("GET", "/" + bucket + "/lost-at-node-1", null).body().length()).isPositive();
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(contentOn("storage-node-2", lost)));
    await().atMost(Duration.ofSeconds(10)).until(() -> mocks3.events().rule("chaos:" + BLOBS).limit(5).list().stream()
        .anyMatch(e -> e.action().equals("lose")));
    assertThat(contentOn("storage-node-1", lost)).as("node-1 consumed and lost the chunks").doesNotExist();

    mocks3.chaos(BLOBS).deadLetter(1.0).consumer("storage-node-1").apply();
    byte[] parked = random(200_000);
    assertThat(Clients.http("PUT", "/" + bucket + "/parked-at-node-1", parked).statusCode()).isEqualTo(200);
    DeadLetterQueue dlq = mocks3.deadLetters(BLOBS + ".dlq");
    await().atMost(Duration.ofSeconds(10)).until(() -> dlq.show(1000).stream()
        .anyMatch(d -> d.headers().getOrDefault("x-mocks3-dlq-reason", "").contains("fault injected: chaos on " + BLOBS)));
    assertThat(contentOn("storage-node-1", parked)).doesNotExist();

    mocks3.chaos(BLOBS).clear();
    assertThat(dlq.redriveAll().redriven()).isPositive();
    await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(contentOn("storage-node-1", parked)));
  }

  @Test
  void aPoisonRecordOnTheBlobLogIsDeadLetteredAndIngestionGoesOn() throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
        KafkaClients.producer(LocalStackExtension.layout().kafkaBootstrap(), "poison-test"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("mocks3.blobs", "poison".getBytes(), new byte[] {1, 40, 1})).get();
    }
    byte[] body = "after the poison".getBytes();
    assertThat(Clients.http("PUT", "/" + bucket + "/after-poison", body).statusCode()).isEqualTo(200);
    assertThat(Clients.http("GET", "/" + bucket + "/after-poison", null).body()).isEqualTo("after the poison");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(FaultControl.mocks3().deadLetters(BLOBS + ".dlq").show(1000))
        .anySatisfy(d -> {
          assertThat(d.key()).isEqualTo("poison");
          assertThat(d.headers()).containsEntry("x-mocks3-dlq-consumer", "storage-node-1");
          assertThat(d.headers().toString()).contains("undeserializable");
        }));
    assertThat(health(StackLayout.STORAGE_1)).isEqualTo(200);
    assertThat(health(StackLayout.STORAGE_2)).isEqualTo(200);
  }
}
