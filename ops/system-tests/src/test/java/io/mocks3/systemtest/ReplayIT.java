package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.mocks3.ops.stack.StackLayout;
import io.mocks3.ops.stack.Supervisor;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import io.mocks3.schemas.Json;

/**
 * Every projection is a projection: 5,000 objects are written (eventual, over plain HTTP; with strong
 * overwrites, deletes and a versioned bucket through the SDK), PostgreSQL's read model, the Redis
 * cache and one storage node's disk are wiped, `ops/mocks3 replay` rebuilds them from the log, and
 * the consistency report's digests are the ones from before the wipe; every object then reads back
 * byte-identical (plain HTTP GETs, MD5 compared) from the rebuilt node.
 */
@ExtendWith(LocalStackExtension.class)
// Longer than the suite's 5-minute default: 5,000 objects are written, then replayed from the log (up to 3 minutes).
// (10,000 until 2026-12-07: writing and reading them back were a tenth of the suite's time, and twice the objects
// checked nothing more; replay at scale is the bench's `scale` suite, a million objects.)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ReplayIT {
  private static final ObjectMapper JSON = Json.mapper();
  private static final int OBJECTS = 5_000;
  private static final String BUCKET = "replay-bulk";
  private static final String VERSIONED = "replay-versioned";

  @Test
  void wipedPostgresRedisAndStorageNodeAreReplayedToIdenticalDigestsAndBytes() throws Exception {
    Supervisor stack = LocalStackExtension.supervisor();
    Map<String, String> expected = new ConcurrentHashMap<>();
    Phases phases = new Phases();
    try (S3Client s3 = Clients.s3()) {
      s3.createBucket(b -> b.bucket(BUCKET));
      ExecutorService writers = Executors.newFixedThreadPool(24);
      try {
        inParallel(writers, 0, OBJECTS, n -> putEventual(BUCKET, "obj/" + n, body(n, 0), expected));
        phases.done("eventual writes");
        // Then strong overwrites and deletes of some of those keys, side by side too (one after another they
        // took a quarter of the writing: each waits for the projector). Each comes after its key's eventual
        // write, which the log already holds, in the bucket's one partition.
        inParallel(writers, 0, 200, n -> put(s3, BUCKET, "obj/" + n, body(n, 1), expected));
        inParallel(writers, 200, 300, n -> {
          s3.deleteObject(b -> b.bucket(BUCKET).key("obj/" + n));
          expected.remove(BUCKET + "/obj/" + n);
        });
      } finally {
        writers.shutdown();
      }
      s3.createBucket(b -> b.bucket(VERSIONED));
      s3.putBucketVersioning(b -> b.bucket(VERSIONED).versioningConfiguration(v -> v.status("Enabled")));
      for (int v = 0; v < 3; v++) {
        put(s3, VERSIONED, "doc", body(100_000 + v, 0), expected);
      }
      s3.deleteObject(b -> b.bucket(VERSIONED).key("gone-soon"));
      put(s3, VERSIONED, "kept", body(200_000, 0), expected);
      phases.done("write");

      JsonNode before = awaitConsistent();
      phases.done("consistent before");
      // Other tests' objects count too: at least this test's 4,902 current objects.
      assertThat(before.at("/postgres/current/count").asInt()).isGreaterThanOrEqualTo(OBJECTS - 100 + 2)
          .isEqualTo(before.at("/redis/current/count").asInt());

      wipePostgres();
      wipeRedis();
      stack.kill("storage-node-2");
      deleteTree(LocalStackExtension.layout().data("storage-node-2"));
      JsonNode wiped = consistency();
      assertThat(wiped.path("consistent").asBoolean()).isFalse();
      assertThat(wiped.at("/postgres/versions/count").asInt()).isZero();
      phases.done("wipe");

      stack.start("storage-node-2");
      phases.done("restart storage-node-2");
      // Each replay answers once its projection has caught up with the log, with what it did and its rate.
      JsonNode postgres = JSON.readTree(Clients.ops("replay", "postgres"));
      JsonNode redis = JSON.readTree(Clients.ops("replay", "redis"));
      phases.done("replay");
      assertThat(postgres.path("status").asString()).isEqualTo("caught up");
      assertThat(postgres.path("events").asLong()).isGreaterThanOrEqualTo(OBJECTS);
      assertThat(postgres.path("eventsPerSecond").asLong()).isPositive();
      assertThat(redis.path("status").asString()).isEqualTo("caught up");
      assertThat(redis.path("entries").asLong()).isGreaterThanOrEqualTo(OBJECTS - 100 + 2);
      assertThat(redis.path("entriesPerSecond").asLong()).isPositive();
      System.out.println("ReplayIT: postgres " + postgres.path("eventsPerSecond") + " events/s, redis "
          + redis.path("entriesPerSecond") + " entries/s");
      JsonNode after = awaitConsistent();
      phases.done("consistent after");
      for (String digest : List.of("/log/versions/digest", "/log/buckets/digest", "/postgres/versions/digest",
          "/postgres/current/digest", "/postgres/buckets/digest", "/redis/current/digest")) {
        assertThat(after.at(digest).asString()).as(digest).isEqualTo(before.at(digest).asString());
      }
      JsonNode nodes = after.path("storageNodes");
      JsonNode nodesBefore = before.path("storageNodes");
      nodes.propertyNames().forEach(node -> {
        assertThat(nodes.path(node).path("digest").asString()).as(node).isEqualTo(nodesBefore.path(node).path("digest").asString());
        assertThat(nodes.path(node).path("missingCount").asInt()).as(node).isZero();
        assertThat(nodes.path(node).path("corruptCount").asInt()).as(node).isZero();
      });

      // Byte-identical reads from the rebuilt node alone.
      stack.kill("storage-node-1");
      try {
        readEverything(expected);
        phases.done("read back");
      } finally {
        stack.start("storage-node-1");
        phases.done("restart storage-node-1");
        System.out.println("ReplayIT: " + phases);
      }
    }
  }

  @Test
  void aStorageNodeReplayAnswersOnceItsDiskHoldsEveryBlobAgain() throws Exception {
    String bucket = "replay-one-node";
    try (S3Client s3 = Clients.s3()) {
      s3.createBucket(b -> b.bucket(bucket));
      Map<String, String> expected = new ConcurrentHashMap<>();
      for (int i = 0; i < 200; i++) {
        put(s3, bucket, "blob/" + i, body(i, 3), expected);
      }
    }
    JsonNode replay = JSON.readTree(Clients.ops("replay", "storage-node-2"));
    assertThat(replay.path("status").asString()).as(replay.toString()).isEqualTo("caught up");
    assertThat(replay.path("blobsStored").asLong()).isPositive();
    assertThat(replay.path("chunksRead").asLong()).isGreaterThanOrEqualTo(replay.path("chunksStored").asLong());
    assertThat(replay.path("mibPerSecond").asDouble()).isPositive();
    // Answered once caught up: the node misses nothing the read model references, right away (it used to
    // answer at once, and the report read "missing" until the node had read the log again).
    JsonNode node = Clients.consistency("acknowledged=false").path("storageNodes").path("storage-node-2");
    assertThat(node.path("missingCount").asInt()).as(node.toString()).isZero();
  }

  @Test
  void aReplayOfAnIntactReadModelChangesNoRow_AndStrongReadsAndWritesGoOnMeanwhile() throws Exception {
    String bucket = "replay-while-serving";
    try (S3Client s3 = Clients.s3()) {
      s3.createBucket(b -> b.bucket(bucket));
      Map<String, String> expected = new ConcurrentHashMap<>();
      for (int i = 0; i < 50; i++) {
        put(s3, bucket, "steady/" + i, body(i, 7), expected);
      }
      AtomicBoolean replaying = new AtomicBoolean(true);
      AtomicInteger reads = new AtomicInteger();
      AtomicInteger written = new AtomicInteger();
      List<String> wrong = new java.util.concurrent.CopyOnWriteArrayList<>();
      ExecutorService traffic = Executors.newFixedThreadPool(2);
      Future<?> reader = traffic.submit(() -> {
        for (int i = 0; replaying.get(); i++) {
          String key = "steady/" + (i % 50);
          byte[] got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
          if (!Clients.md5(got).equals(expected.get(bucket + "/" + key))) {
            wrong.add(key);
          }
          reads.incrementAndGet();
        }
      });
      Future<?> writer = traffic.submit(() -> {
        for (int i = 0; replaying.get(); i++) {
          put(s3, bucket, "new/" + i, body(i, 8), expected);
          written.incrementAndGet();
        }
      });
      HttpResponseJson replay;
      try {
        replay = post(LocalStackExtension.layout().url(StackLayout.PROJECTOR) + "/admin/replay/postgres");
      } finally {
        replaying.set(false);
        reader.get();
        writer.get();
        traffic.shutdown();
      }
      assertThat(replay.status()).isEqualTo(200);
      replay.body().path("tables").forEach(t -> {
        assertThat(t.path("deleted").asInt()).isZero();
        assertThat(t.path("inserted").asInt()).isZero();
      });
      assertThat(wrong).isEmpty();
      assertThat(reads.get()).isPositive();
      assertThat(written.get()).isPositive();
      readEverything(expected);
      awaitConsistent();
    }
  }

  private interface Step {
    void run(int n) throws Exception;
  }

  /** Runs {@code step} for every n from {@code from} (inclusive) to {@code to} on {@code pool}, and waits for them all. */
  private static void inParallel(ExecutorService pool, int from, int to, Step step) throws Exception {
    List<Future<?>> steps = new ArrayList<>();
    for (int i = from; i < to; i++) {
      int n = i;
      steps.add(pool.submit(() -> {
        step.run(n);
        return null;
      }));
    }
    for (Future<?> f : steps) {
      f.get();
    }
  }

  private static byte[] body(int n, int generation) {
    Random random = new Random(n * 31L + generation);
    byte[] bytes = new byte[64 + random.nextInt(4_000)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static void put(S3Client s3, String bucket, String key, byte[] body, Map<String, String> expected) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
    expected.put(bucket + "/" + key, Clients.md5(body));
  }

  /**
   * The bulk of the 5,000 is written eventual, over plain HTTP: it is answered once in the log, and
   * the projector and the nodes catch up behind it (awaitConsistent waits for that). What this test is
   * about is the replay; the strong write path and the SDK are the subject of the other suites.
   */
  private static void putEventual(String bucket, String key, byte[] body, Map<String, String> expected) throws Exception {
    HttpResponse<byte[]> put = Clients.bulk("PUT", "/" + bucket + "/" + key, body, "x-mocks3-consistency", "eventual");
    assertThat(put.statusCode()).as("PUT %s/%s: %s", bucket, key, new String(put.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    expected.put(bucket + "/" + key, Clients.md5(body));
  }

  private static void readEverything(Map<String, String> expected) throws Exception {
    List<Map.Entry<String, String>> objects = List.copyOf(expected.entrySet());
    ExecutorService readers = Executors.newFixedThreadPool(24);
    try {
      inParallel(readers, 0, objects.size(), n -> {
        String name = objects.get(n).getKey();
        HttpResponse<byte[]> got = Clients.bulk("GET", "/" + name, null);
        assertThat(got.statusCode()).as(name).isEqualTo(200);
        assertThat(Clients.md5(got.body())).as(name).isEqualTo(objects.get(n).getValue());
      });
    } finally {
      readers.shutdown();
    }
  }

  /**
   * Waits for the report to find every projection and node in agreement, then returns one that also
   * read every blob back and checked its MD5. While the nodes catch up it asks for the cheaper report
   * (no blob read) once a second: reading and hashing every blob of both nodes each second took the CPU
   * the catch-up needed. A blob sweep every fifth second repairs a blob an earlier fault test kept from
   * one node, as the scheduled sweep would in its time (a blob missing in two sweeps in a row).
   */
  private static JsonNode awaitConsistent() {
    AtomicInteger polls = new AtomicInteger();
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      if (polls.getAndIncrement() % 5 == 0) {
        Clients.blobSweep();
      }
      assertConsistent(Clients.consistency("acknowledged=false"));
    });
    JsonNode[] verified = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Clients.blobSweep();
      verified[0] = consistency();
      assertConsistent(verified[0]);
    });
    return verified[0];
  }

  private static void assertConsistent(JsonNode report) {
    assertThat(report.path("consistent").asBoolean()).as(report.toPrettyString().lines().limit(80)
        .reduce("", (a, b) -> a + "\n" + b)).isTrue();
  }

  /** The whole report: every blob on every node read back and its MD5 checked. */
  private static JsonNode consistency() throws Exception {
    return Clients.consistency("verify=true&acknowledged=false");
  }

  private record HttpResponseJson(int status, JsonNode body) {}

  private static HttpResponseJson post(String url) throws Exception {
    var response = java.net.http.HttpClient.newHttpClient().send(FaultControl.authorized(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(3)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    return new HttpResponseJson(response.statusCode(), JSON.readTree(response.body()));
  }

  private static void wipePostgres() throws Exception {
    try (Connection c = DriverManager.getConnection(LocalStackExtension.layout().jdbcUrl(), "postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE buckets, bucket_progress, bucket_config, objects, object_versions, multipart_uploads, multipart_parts");
    }
  }

  private static void wipeRedis() {
    RedisClient client = RedisClient.create(LocalStackExtension.layout().redisUrl());
    try (var connection = client.connect()) {
      connection.sync().flushall();
    } finally {
      client.shutdown();
    }
  }

  private static void deleteTree(Path root) throws Exception {
    if (!Files.exists(root)) {
      return;
    }
    try (var files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
