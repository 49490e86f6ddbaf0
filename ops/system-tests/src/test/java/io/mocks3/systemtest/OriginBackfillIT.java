package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.ops.stack.StackLayout;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Origin back-fill against an independent S3 implementation (adobe's S3Mock, its own process) as
 * the upstream: a GET that misses is fetched, stored through the write path and served; the
 * upstream's 404 is NoSuchKey; dirty bytes are refused and the background retry stores the right
 * ones; an upstream outage opens the circuit, the queued fetches wait in their DLQ and re-driving
 * them once the upstream is back fills the bucket; a slow-rate origin answers SlowDown.
 */
@ExtendWith(LocalStackExtension.class)
class OriginBackfillIT {
  private static final String UPSTREAM_BUCKET = "catalog";
  private static UpstreamS3 upstream;
  private static S3Client origin;

  @BeforeAll
  static void startUpstream() throws Exception {
    upstream = UpstreamS3.start();
    origin = upstream.client();
    origin.createBucket(b -> b.bucket(UPSTREAM_BUCKET));
  }

  @AfterAll
  static void stopUpstream() throws Exception {
    if (origin != null) {
      origin.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void aMissIsFetchedFromTheUpstream_StoredThroughTheWritePath_AndServedFromThenOn() throws Exception {
    byte[] big = random(3 * 1024 * 1024 + 17, 1);
    origin.putObject(b -> b.bucket(UPSTREAM_BUCKET).key("photos/cat one.txt").contentType("text/plain")
        .metadata(Map.of("shot-by", "upstream")), RequestBody.fromString("meow"));
    origin.putObject(b -> b.bucket(UPSTREAM_BUCKET).key("big.bin"), RequestBody.fromBytes(big));
    try (S3Client s3 = Clients.s3()) {
      s3.createBucket(b -> b.bucket("read-through"));
      Clients.ops("origin", "set", "read-through", upstream.endpoint("127.0.0.1"), "--upstream-bucket", UPSTREAM_BUCKET,
          "--access-key", "upstream-user", "--secret-key", "upstream-secret");
      assertThat(Clients.ops("origin", "show", "read-through")).contains(upstream.endpoint("127.0.0.1"))
          .contains("\"bucket\":\"catalog\"").doesNotContain("upstream-secret");
      double stored = fetches("stored");
      double notFound = fetches("not_found");

      ResponseBytes<GetObjectResponse> cat = s3.getObjectAsBytes(b -> b.bucket("read-through").key("photos/cat one.txt"));
      assertThat(cat.asUtf8String()).isEqualTo("meow");
      assertThat(cat.response().contentType()).isEqualTo("text/plain");
      assertThat(cat.response().metadata()).containsEntry("shot-by", "upstream");
      // A range of a miss: the whole object is back-filled, the range served.
      byte[] slice = s3.getObjectAsBytes(b -> b.bucket("read-through").key("big.bin").range("bytes=1000000-1999999")).asByteArray();
      assertThat(slice).isEqualTo(java.util.Arrays.copyOfRange(big, 1_000_000, 2_000_000));
      assertThat(fetches("stored") - stored).isEqualTo(2);

      // Stored in MockS3 for good: listed, and served with the upstream gone.
      assertThat(Clients.keys(s3, "read-through")).containsExactlyInAnyOrder("photos/cat one.txt", "big.bin");
      origin.deleteObject(b -> b.bucket(UPSTREAM_BUCKET).key("big.bin"));
      assertThat(Clients.md5(s3.getObjectAsBytes(b -> b.bucket("read-through").key("big.bin")).asByteArray()))
          .isEqualTo(Clients.md5(big));
      assertThat(s3.headObject(b -> b.bucket("read-through").key("photos/cat one.txt")).contentLength()).isEqualTo(4);
      assertThat(fetches("stored") - stored).as("no second fetch").isEqualTo(2);

      // Not at the upstream either: NoSuchKey, and nothing stored.
      try {
        s3.getObject(b -> b.bucket("read-through").key("nowhere.txt")).close();
        throw new AssertionError("expected NoSuchKey");
      } catch (NoSuchKeyException expected) {
        assertThat(expected.statusCode()).isEqualTo(404);
      }
      assertThat(fetches("not_found") - notFound).isEqualTo(1);

      // A key deleted here is not fetched again.
      s3.putBucketVersioning(b -> b.bucket("read-through").versioningConfiguration(v -> v.status("Enabled")));
      s3.deleteObject(b -> b.bucket("read-through").key("photos/cat one.txt"));
      try {
        s3.getObject(b -> b.bucket("read-through").key("photos/cat one.txt")).close();
        throw new AssertionError("expected NoSuchKey");
      } catch (NoSuchKeyException expected) {
        assertThat(fetches("stored") - stored).isEqualTo(2);
      }
    }
  }

  @Test
  void dirtyBytesFromTheUpstreamAreNeverStored_AndTheRetriedFetchStoresTheRightOnes() throws Exception {
    byte[] bytes = random(256 * 1024, 2);
    origin.putObject(b -> b.bucket(UPSTREAM_BUCKET).key("dirty/data.bin"), RequestBody.fromBytes(bytes));
    try (S3Client s3 = Clients.s3()) {
      s3.createBucket(b -> b.bucket("read-through-dirty"));
      Clients.ops("origin", "set", "read-through-dirty", upstream.endpoint("127.0.0.1"), "--upstream-bucket", UPSTREAM_BUCKET);
      double dirty = Scrape.value(StackLayout.TASKS, "origin_dirty_total");
      String rule = FaultControl.createRule("{\"name\": \"dirty upstream\", \"service\": \"origin\", \"conditions\": ["
          + "{\"type\": \"bucket\", \"value\": \"read-through-dirty\"}, {\"type\": \"first_n\", \"value\": 1}],"
          + " \"action\": {\"type\": \"corrupt\", \"corrupt_bytes\": 3}}");
      try {
        // Plain HTTP: an SDK would retry the 503 itself.
        HttpResponse<String> first = Clients.http("GET", "/read-through-dirty/dirty/data.bin", null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(503);
        assertThat(first.body()).contains("<Code>ServiceUnavailable</Code>").contains("dirty data");
        assertThat(Scrape.value(StackLayout.TASKS, "origin_dirty_total") - dirty).isEqualTo(1);
        // The fetch went on the retry topic; its next attempt (1 s later) gets clean bytes and stores them.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
            .until(() -> Clients.keys(s3, "read-through-dirty").contains("dirty/data.bin"));
      } finally {
        FaultControl.change("DELETE", "/api/v1/rules/" + rule, null);
      }
      S3Object listed = s3.listObjectsV2(b -> b.bucket("read-through-dirty")).contents().get(0);
      assertThat(listed.eTag().replace("\"", "")).isEqualTo(Clients.md5(bytes));
      assertThat(s3.getObjectAsBytes(b -> b.bucket("read-through-dirty").key("dirty/data.bin")).asByteArray()).isEqualTo(bytes);
    }
  }

  @Test
  void anUpstreamOutageOpensTheCircuit_QueuedFetchesWaitInTheDlq_AndReDrivingThemFillsTheBucket() throws Exception {
    List<String> keys = List.of("outage/1", "outage/2", "outage/3", "outage/4", "outage/5");
    for (String key : keys) {
      origin.putObject(b -> b.bucket(UPSTREAM_BUCKET).key(key), RequestBody.fromString("object " + key));
    }
    // Its own upstream endpoint (localhost, not 127.0.0.1): its own circuit.
    String endpoint = upstream.endpoint("localhost");
    String circuit = "origin_circuit_open{endpoint=\"" + endpoint + "\"}";
    try (S3Client s3 = Clients.s3()) {
      s3.createBucket(b -> b.bucket("read-through-outage"));
      Clients.ops("origin", "set", "read-through-outage", endpoint, "--upstream-bucket", UPSTREAM_BUCKET);
      double open = fetches("circuit_open");
      String rule = FaultControl.createRule("{\"name\": \"upstream down\", \"service\": \"origin\", \"conditions\": ["
          + "{\"type\": \"bucket\", \"value\": \"read-through-outage\"}],"
          + " \"action\": {\"type\": \"http_error\", \"http_code\": 503, \"message\": \"upstream down\"}}");
      try {
        for (String key : keys) {
          HttpResponse<String> miss = Clients.http("GET", "/read-through-outage/" + key, null);
          assertThat(miss.statusCode()).as(miss.body()).isEqualTo(503);
          // The origin's answer (the rule, or the circuit it opened), not the fetcher being unreachable.
          assertThat(miss.body()).containsAnyOf("injected by rule " + rule, "the circuit to " + endpoint);
        }
        // 5 failures of 5 calls: the circuit is open, the upstream is not called. (Awaited: on a
        // starved machine the 10 s it stays open in the suite (30 s by default) may have passed, and the queued fetches' next
        // attempts, failing, open it again.)
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
            assertThat(Scrape.value(StackLayout.TASKS, circuit)).as("%s; fetches: %s", circuit, originFetches()).isEqualTo(1));
        HttpResponse<String> refused = Clients.http("GET", "/read-through-outage/outage/1", null);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("circuit");
        // A bound: the queued fetches' retries meet the open circuit too.
        assertThat(fetches("circuit_open") - open).isGreaterThanOrEqualTo(1);
        // Every queued fetch (one per failed GET: outage/1 twice) is retried while the circuit stays
        // open, then waits in the DLQ, keyed by bucket and key.
        Map<String, Long> queued = new java.util.TreeMap<>();
        keys.forEach(key -> queued.put("read-through-outage/" + key, key.equals("outage/1") ? 2L : 1L));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(originDeadLetters()).isEqualTo(queued));
        assertThat(Clients.keys(s3, "read-through-outage")).isEmpty();
      } finally {
        FaultControl.change("DELETE", "/api/v1/rules/" + rule, null);
      }
      // The upstream is back; once the circuit lets calls through again, re-driving fills the bucket.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .until(() -> Scrape.value(StackLayout.TASKS, circuit) == 0);
      Clients.ops("dlq", "redrive", "mocks3.tasks.origin.dlq");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> Clients.keys(s3, "read-through-outage").containsAll(keys));
      for (String key : keys) {
        assertThat(s3.getObjectAsBytes(b -> b.bucket("read-through-outage").key(key)).asUtf8String()).isEqualTo("object " + key);
      }
    }
  }

  @Test
  void anOriginWithALowRateAnswersSlowDown_AndTheThrottledFetchesFinishInTheBackground() throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String key = "throttled/" + i;
      keys.add(key);
      origin.putObject(b -> b.bucket(UPSTREAM_BUCKET).key(key), RequestBody.fromString("slowly " + key));
    }
    try (S3Client s3 = Clients.s3()) {
      s3.createBucket(b -> b.bucket("read-through-slow"));
      HttpResponse<String> set = Clients.http("PUT", "/read-through-slow?mocks3-origin", ("{\"endpoint\": \""
          + upstream.endpoint("127.0.0.1") + "\", \"bucket\": \"" + UPSTREAM_BUCKET + "\", \"requestsPerSecond\": 1}").getBytes());
      assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
      ExecutorService pool = Executors.newFixedThreadPool(keys.size());
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (String key : keys) {
        answers.add(pool.submit((Callable<HttpResponse<String>>) () -> Clients.http("GET", "/read-through-slow/" + key, null)));
      }
      int ok = 0;
      int slowDown = 0;
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get();
        if (response.statusCode() == 200) {
          ok++;
        } else {
          assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
          assertThat(response.body()).contains("<Code>SlowDown</Code>");
          slowDown++;
        }
      }
      pool.shutdown();
      // One permit a second, a fetch waits at most 1 s for one: at most a few of the 8 get through at once.
      assertThat(ok).isBetween(1, 4);
      assertThat(slowDown).isEqualTo(keys.size() - ok);
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> Clients.keys(s3, "read-through-slow").containsAll(keys));
    }
  }

  /** The waiting dead letters of origin back-fill under this class's outage bucket: how many per bucket/key. */
  private static Map<String, Long> originDeadLetters() throws Exception {
    return FaultControl.deadLetters("mocks3.tasks.origin.dlq").stream().map(d -> d.path("key").asText())
        .filter(key -> key.startsWith("read-through-outage/"))
        .collect(java.util.stream.Collectors.groupingBy(key -> key, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
  }

  private static double fetches(String outcome) throws Exception {
    return Scrape.value(StackLayout.TASKS, "origin_fetches_total{outcome=\"" + outcome + "\"}");
  }

  /** Every outcome's count, for a failure's message. */
  private static Map<String, Double> originFetches() throws Exception {
    Map<String, Double> all = new java.util.TreeMap<>();
    for (String outcome : List.of("stored", "not_found", "throttled", "circuit_open", "failed")) {
      all.put(outcome, fetches(outcome));
    }
    return all;
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
