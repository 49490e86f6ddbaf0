package io.mocks3.systemtest;

import static io.mocks3.systemtest.LinkRules.cutAndAwait;
import static io.mocks3.systemtest.LinkRules.healAndAwait;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.client.Rule;
import io.mocks3.ops.stack.StackLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real network faults on the links between MockS3's processes and Kafka, PostgreSQL and Redis: the
 * clients behave as they would on a real network (a consumer evicted after its session timeout, a
 * transaction stalled then failed, a cache writer cut off) and nothing acknowledged is lost.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class NetworkLinksIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static String bucket;

  @BeforeAll
  static void bucket() throws Exception {
    bucket = "links-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
    String versioning = "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>";
    assertThat(Clients.http("PUT", "/" + bucket + "?versioning", versioning.getBytes()).statusCode()).isEqualTo(200);
  }

  /**
   * Link rules go in and out without the client's wait for every service's /health: a service whose
   * database link is cut answers /health only when its database check gives up, as it would on a real
   * network. The link's own state (its toxic gauge) says when the rule is in force.
   */
  @AfterEach
  void heal() throws Exception {
    var rules = io.mocks3.schemas.Json.mapper().readTree(FaultControl.call("GET", "/api/v1/rules", null).body());
    for (var rule : rules.path("rules")) {
      FaultControl.call("DELETE", "/api/v1/rules/" + rule.path("id").asString(), null);
    }
    for (int port : new int[] {StackLayout.STORAGE_2, StackLayout.PROJECTOR}) {
      await().atMost(Duration.ofSeconds(10)).until(() -> Scrape.text(port).lines()
          .filter(line -> line.startsWith("mocks3_link_toxic{") && line.contains("toxic=\"none\"")).allMatch(line -> line.endsWith(" 1.0")));
    }
    FaultControl.clear();
  }

  private static Rule cut(String action, String service, String link) {
    return Rule.action(action).name(action + " " + service + " " + link).service(service).link(link).ttl(Duration.ofMinutes(2));
  }

  /** A PUT as a client with a {@code timeout} sees it: its status, or 0 when it timed out or the connection failed. */
  private static int put(String key, byte[] body, Duration timeout) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(LocalStackExtension.gateway() + "/" + bucket + "/" + key))
          .timeout(timeout).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static Map<String, byte[]> putAll(String prefix, int count) {
    Map<String, byte[]> acknowledged = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String key = prefix + "-" + i;
      byte[] body = (key + " " + UUID.randomUUID()).getBytes();
      assertThat(put(key, body, Duration.ofSeconds(20))).as("PUT " + key).isEqualTo(200);
      acknowledged.put(key, body);
    }
    return acknowledged;
  }

  private static int members(Admin admin, String group) throws Exception {
    ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
    return description.members().size();
  }

  private static String blobOf(String key) throws Exception {
    try (Connection c = DriverManager.getConnection(LocalStackExtension.layout().jdbcUrl(), "postgres", "postgres");
        PreparedStatement s = c.prepareStatement("SELECT blob_id FROM objects WHERE bucket = ? AND key = ?")) {
      s.setString(1, bucket);
      s.setString(2, key);
      try (ResultSet rows = s.executeQuery()) {
        assertThat(rows.next()).as("row of " + key).isTrue();
        return rows.getString(1);
      }
    }
  }

  /** The blob as node-2 serves it itself (no gateway, no other node); null when it does not have it. */
  private static byte[] onNode2(String blob) throws Exception {
    HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(
        LocalStackExtension.layout().url(StackLayout.STORAGE_2) + "/blobs/" + blob)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return response.statusCode() == 200 ? response.body() : null;
  }

  private static int versions(String key) {
    try (var s3 = Clients.s3()) {
      return (int) s3.listObjectVersions(b -> b.bucket(bucket).prefix(key)).versions().stream()
          .filter(v -> v.key().equals(key)).count();
    }
  }

  @Test
  void givenStorageNode2CutFromKafka_ThenItsMemberIsEvicted_WritesAreStillAcknowledged_AndItCatchesUpAfterHealing()
      throws Exception {
    try (Admin admin = Clients.kafkaAdmin()) {
      assertThat(members(admin, "mocks3-storage-node-2")).isEqualTo(1);
      String partition = cutAndAwait(cut("link_blackhole", "storage-node", "kafka").instance("node-2"), StackLayout.STORAGE_2,
          "kafka", "blackhole");

      // Acknowledged by node-1 alone (the gateway's write quorum is 1) while node-2 hears nothing.
      Map<String, byte[]> acknowledged = putAll("partitioned", 6);
      await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1))
          .until(() -> members(admin, "mocks3-storage-node-2") == 0);
      assertThat(members(admin, "mocks3-storage-node-1")).as("node-1 is not cut").isEqualTo(1);
      acknowledged.putAll(putAll("evicted", 4));
      for (var written : acknowledged.entrySet()) {
        assertThat(onNode2(blobOf(written.getKey()))).as("node-2 cannot have " + written.getKey()).isNull();
      }

      healAndAwait(partition, StackLayout.STORAGE_2, "kafka");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .until(() -> members(admin, "mocks3-storage-node-2") == 1);
      for (var written : acknowledged.entrySet()) {
        String blob = blobOf(written.getKey());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(onNode2(blob)).isEqualTo(written.getValue()));
        assertThat(Clients.http("GET", "/" + bucket + "/" + written.getKey(), null).body())
            .isEqualTo(new String(written.getValue()));
      }
    }
  }

  @Test
  void givenTheProjectorsPostgresLinkBlackholedMidTransaction_ThenStrongPutsTimeOut_AndAfterHealingEachAcknowledgedWriteIsThereOnce()
      throws Exception {
    Map<String, byte[]> acknowledged = putAll("before-stall", 3);
    String stall = cutAndAwait(cut("link_blackhole", "metadata-projector", "postgres"), StackLayout.PROJECTOR, "postgres",
        "blackhole");
    Map<String, byte[]> attempted = new LinkedHashMap<>();
    List<CompletableFuture<Integer>> stalled = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String key = "during-stall-" + i;
      byte[] body = (key + " " + UUID.randomUUID()).getBytes();
      attempted.put(key, body);
      stalled.add(CompletableFuture.supplyAsync(() -> put(key, body, Duration.ofSeconds(4))));
    }
    List<Integer> during = stalled.stream().map(CompletableFuture::join).toList();
    assertThat(during).as("no strong PUT is acknowledged while the projector cannot commit").doesNotContain(200);

    healAndAwait(stall, StackLayout.PROJECTOR, "postgres");
    // The projector's stalled transaction fails when its connection is reset; the first write after the
    // partition waits for its retry. Each attempt is a fresh key, so a late one cannot be taken for a duplicate.
    int[] attempt = {0};
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
      String key = "after-stall-" + attempt[0]++;
      byte[] body = (key + " " + UUID.randomUUID()).getBytes();
      boolean stored = put(key, body, Duration.ofSeconds(10)) == 200;
      (stored ? acknowledged : attempted).put(key, body);
      return stored;
    });
    acknowledged.putAll(putAll("healed", 2));
    for (var written : acknowledged.entrySet()) {
      assertThat(Clients.http("GET", "/" + bucket + "/" + written.getKey(), null).body())
          .isEqualTo(new String(written.getValue()));
      assertThat(versions(written.getKey())).as("versions of " + written.getKey()).isEqualTo(1);
    }
    for (String key : attempted.keySet()) {
      assertThat(versions(key)).as("a timed-out PUT is applied at most once: " + key).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void givenTheCacheWritersRedisLinkReset_ThenEventualReadsFallBackToPostgres_AndTheCacheCatchesUpAfterHealing()
      throws Exception {
    String cut = cutAndAwait(cut("link_reset", "metadata-projector", "redis"), StackLayout.PROJECTOR, "redis", "reset");
    Map<String, byte[]> written = putAll("cache-cut", 4);
    double missesBefore = cacheReads("miss");
    for (var object : written.entrySet()) {
      assertThat(Clients.http("GET", "/" + bucket + "/" + object.getKey(), null, "x-mocks3-consistency", "eventual").body())
          .isEqualTo(new String(object.getValue()));
    }
    assertThat(cacheReads("miss")).as("reads the cache writer could not fill went to PostgreSQL")
        .isGreaterThanOrEqualTo(missesBefore + written.size());

    healAndAwait(cut, StackLayout.PROJECTOR, "redis");
    double hitsBefore = cacheReads("hit");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      for (var object : written.entrySet()) {
        assertThat(Clients.http("GET", "/" + bucket + "/" + object.getKey(), null, "x-mocks3-consistency", "eventual").body())
            .isEqualTo(new String(object.getValue()));
      }
      assertThat(cacheReads("hit")).isGreaterThanOrEqualTo(hitsBefore + written.size());
    });
  }

  private static double cacheReads(String result) throws Exception {
    return Scrape.value(StackLayout.GATEWAY, "mocks3_cache_reads_total{result=\"" + result + "\"}");
  }
}
