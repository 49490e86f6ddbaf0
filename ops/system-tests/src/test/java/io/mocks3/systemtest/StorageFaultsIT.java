package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.ops.stack.StackLayout;
import java.io.IOException;
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
import java.util.stream.Stream;
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

  private static long blobsOn(String node) throws IOException {
    Path blobs = LocalStackExtension.layout().data(node).resolve("blobs");
    try (Stream<Path> files = Files.walk(blobs)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void aNodeWithAFailingDiskIsCoveredByItsPeerAndCatchesUpWhenItHeals() throws Exception {
    HttpResponse<String> rule = FaultControl.change("POST", "/api/v1/rules", """
        {"name": "node-1 disk fails", "service": "storage-disk",
         "conditions": [{"type": "instance", "value": "node-1"}, {"type": "operation", "value": "WriteBlob"}],
         "action": {"type": "http_error", "http_code": 500, "message": "EIO"}}""");
    assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
    long before = blobsOn("storage-node-1");

    List<byte[]> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      byte[] body = ("while the disk fails " + bucket + " " + i).getBytes();
      written.add(body);
      assertThat(Clients.http("PUT", "/" + bucket + "/during-" + i, body).statusCode()).isEqualTo(200);
      assertThat(Clients.http("GET", "/" + bucket + "/during-" + i, null).body()).isEqualTo(new String(body));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> health(StackLayout.STORAGE_1) == 503);
    assertThat(health(StackLayout.STORAGE_2)).isEqualTo(200);
    assertThat(blobsOn("storage-node-1")).isEqualTo(before);

    heal();
    // Caught up: each of the 5 writes' bytes is on node-1 now (a count of its blobs would include GC of other tests' garbage).
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
    assertThat(FaultControl.change("PUT", "/api/v1/chaos/topics/mocks3.blobs",
        "{\"loss_rate\": 1.0, \"consumer\": \"storage-node-1\"}").statusCode()).isEqualTo(200);
    byte[] lost = random(300_000);
    assertThat(Clients.http("PUT", "/" + bucket + "/lost-at-node-1", lost).statusCode()).isEqualTo(200);
    assertThat(Clients.http("GET", "/" + bucket + "/lost-at-node-1", null).body().length()).isPositive();
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(contentOn("storage-node-2", lost)));
    await().atMost(Duration.ofSeconds(10)).until(() ->
        FaultControl.call("GET", "/api/v1/events?rule=chaos:mocks3.blobs&limit=5", null).body().contains("\"action\":\"lose\""));
    assertThat(contentOn("storage-node-1", lost)).as("node-1 consumed and lost the chunks").doesNotExist();

    assertThat(FaultControl.change("PUT", "/api/v1/chaos/topics/mocks3.blobs",
        "{\"dead_letter_rate\": 1.0, \"consumer\": \"storage-node-1\"}").statusCode()).isEqualTo(200);
    byte[] parked = random(200_000);
    assertThat(Clients.http("PUT", "/" + bucket + "/parked-at-node-1", parked).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        FaultControl.call("GET", "/api/v1/dlq/mocks3.blobs.dlq", null).body().contains("fault injected: chaos on mocks3.blobs"));
    assertThat(contentOn("storage-node-1", parked)).doesNotExist();

    FaultControl.change("DELETE", "/api/v1/chaos/topics/mocks3.blobs", null);
    assertThat(FaultControl.call("POST", "/api/v1/dlq/mocks3.blobs.dlq/redrive", null).statusCode()).isEqualTo(200);
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
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(FaultControl.call("GET", "/api/v1/dlq/mocks3.blobs.dlq", null).body())
            .contains("\"key\":\"poison\"", "undeserializable", "\"x-mocks3-dlq-consumer\":\"storage-node-1\""));
    assertThat(health(StackLayout.STORAGE_1)).isEqualTo(200);
    assertThat(health(StackLayout.STORAGE_2)).isEqualTo(200);
  }
}
