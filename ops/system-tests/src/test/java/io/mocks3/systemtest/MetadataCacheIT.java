package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.ops.stack.StackLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Redis metadata cache, kept by Debezium CDC from PostgreSQL through {@code mocks3.cdc}, and
 * the faults that make it lie: eventual reads are answered from it, strong reads never; CDC lag
 * (a delay on {@code mocks3.cdc}) keeps eventual reads stale for its length; a lost change leaves
 * a stale entry until the cache is rebuilt from the compacted topic; {@code stale_read} answers
 * the previous version only where its rule says; {@code cache_miss} sends reads to PostgreSQL;
 * with Redis gone, eventual reads still answer from PostgreSQL.
 */
@ExtendWith(LocalStackExtension.class)
class MetadataCacheIT {
  private static final String CDC = "mocks3.cdc";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private String bucket;

  @BeforeEach
  void bucket() throws Exception {
    bucket = "cache-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void calm() throws Exception {
    FaultControl.clear();
  }

  private void put(String key, String body) throws Exception {
    put(bucket, key, body);
  }

  private static void put(String bucket, String key, String body) throws Exception {
    assertThat(Clients.http("PUT", "/" + bucket + "/" + key, body.getBytes()).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String key, String consistency) throws Exception {
    return get(bucket, key, consistency);
  }

  private static HttpResponse<String> get(String bucket, String key, String consistency) throws Exception {
    return Clients.http("GET", "/" + bucket + "/" + key, null, "x-mocks3-consistency", consistency);
  }

  /** Writes {@code body} and waits until the cache holds it (an eventual read answers it from Redis). */
  private void putCached(String bucket, String key, String body) throws Exception {
    put(bucket, key, body);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
      double hits = cacheReads("hit");
      return get(bucket, key, "eventual").body().equals(body) && cacheReads("hit") > hits;
    });
  }

  private static double cacheReads(String result) throws Exception {
    return Scrape.value(StackLayout.GATEWAY, "mocks3_cache_reads_total{result=\"" + result + "\"}");
  }

  private void chaos(String key, String json) throws Exception {
    String filtered = json.substring(0, json.length() - 1) + ", \"key_filter\": \"objects:" + bucket + "/" + key + "\"}";
    HttpResponse<String> r = FaultControl.change("PUT", "/api/v1/chaos/topics/" + CDC, filtered);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static long touched() throws Exception {
    Matcher m = Pattern.compile("\"chaos:" + Pattern.quote(CDC) + "\":(\\d+)")
        .matcher(FaultControl.call("GET", "/api/v1/stats", null).body());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  @Test
  void eventualReadsComeFromTheCacheAndFollowEveryWrite() throws Exception {
    putCached(bucket, "doc.txt", "one");
    put("doc.txt", "two");
    assertThat(get("doc.txt", "strong").body()).isEqualTo("two");
    await().atMost(Duration.ofSeconds(10)).until(() -> get("doc.txt", "eventual").body().equals("two"));
    assertThat(Clients.http("DELETE", "/" + bucket + "/doc.txt", null).statusCode()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(10)).until(() -> get("doc.txt", "eventual").statusCode() == 404);
  }

  @Test
  void cdcLagKeepsEventualReadsStaleForItsLengthWhileStrongReadsAreCurrent() throws Exception {
    putCached(bucket, "lagging.txt", "old");
    chaos("lagging.txt", "{\"delay\": \"2s\", \"delay_rate\": 1.0}");
    long written = System.nanoTime();
    put("lagging.txt", "new");
    assertThat(get("lagging.txt", "strong").body()).isEqualTo("new");
    assertThat(get("lagging.txt", "eventual").body()).isEqualTo("old");
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> get("lagging.txt", "eventual").body().equals("new"));
    assertThat(Duration.ofNanos(System.nanoTime() - written)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    assertThat(FaultControl.call("GET", "/api/v1/events?rule=chaos:" + CDC + "&limit=1", null).body())
        .contains("\"action\":\"delay\"", "cache-writer");
  }

  @Test
  void aLostChangeLeavesAStaleEntryUntilTheCacheIsRebuiltFromTheCompactedTopic() throws Exception {
    putCached(bucket, "lost.txt", "old");
    chaos("lost.txt", "{\"loss_rate\": 1.0}");
    long before = touched();
    put("lost.txt", "new");
    await().atMost(Duration.ofSeconds(10)).until(() -> touched() > before);
    FaultControl.change("DELETE", "/api/v1/chaos/topics/" + CDC, null);
    putCached(bucket, "later.txt", "written after the loss");
    assertThat(get("lost.txt", "eventual").body()).isEqualTo("old");
    assertThat(get("lost.txt", "strong").body()).isEqualTo("new");

    HttpResponse<String> rebuild = HTTP.send(FaultControl.authorized(HttpRequest.newBuilder(
            URI.create(LocalStackExtension.layout().url(StackLayout.PROJECTOR) + "/admin/cache/rebuild")))
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(rebuild.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
        .until(() -> get("lost.txt", "eventual").body().equals("new"));
  }

  @Test
  void aStaleReadRuleAnswersThePreviousVersionInItsBucketOnly() throws Exception {
    String other = bucket + "-b";
    assertThat(Clients.http("PUT", "/" + other, null).statusCode()).isEqualTo(200);
    for (String b : new String[] {bucket, other}) {
      putCached(b, "doc.txt", "v1");
      putCached(b, "doc.txt", "v2");
      putCached(b, "fresh.txt", "only version");
    }
    FaultControl.createRule("{\"name\": \"stale\", \"service\": \"metadata-service\", \"enabled\": true, \"conditions\": ["
        + "{\"type\": \"bucket\", \"value\": \"" + bucket + "\"}], \"action\": {\"type\": \"stale_read\"}}");
    for (String mode : new String[] {"strong", "eventual"}) {
      assertThat(get(bucket, "doc.txt", mode).body()).as(mode).isEqualTo("v1");
      assertThat(get(bucket, "fresh.txt", mode).statusCode()).as(mode).isEqualTo(404);
      assertThat(get(other, "doc.txt", mode).body()).as(mode).isEqualTo("v2");
      assertThat(get(other, "fresh.txt", mode).body()).as(mode).isEqualTo("only version");
    }
    assertThat(FaultControl.call("GET", "/api/v1/events?service=api-gateway&limit=20", null).body())
        .contains("stale_read").doesNotContain(other + "/");
  }

  @Test
  void aCacheMissRuleSendsEventualReadsToPostgres() throws Exception {
    putCached(bucket, "doc.txt", "from postgres");
    FaultControl.createRule("{\"name\": \"miss storm\", \"service\": \"metadata-service\", \"enabled\": true, \"conditions\": ["
        + "{\"type\": \"bucket\", \"value\": \"" + bucket + "\"}], \"action\": {\"type\": \"cache_miss\"}}");
    double hits = cacheReads("hit");
    double misses = cacheReads("miss");
    for (int i = 0; i < 10; i++) {
      assertThat(get("doc.txt", "eventual").body()).isEqualTo("from postgres");
    }
    assertThat(cacheReads("miss") - misses).isEqualTo(10);
    assertThat(cacheReads("hit")).isEqualTo(hits);
  }

  @Test
  void withRedisGoneEventualReadsAnswerFromPostgresAndTheCacheCatchesUpWhenItReturns() throws Exception {
    putCached(bucket, "doc.txt", "before");
    LocalStackExtension.supervisor().kill("redis");
    try {
      put("doc.txt", "while redis was away");
      assertThat(get("doc.txt", "eventual").body()).isEqualTo("while redis was away");
      assertThat(cacheReads("error")).isPositive();
    } finally {
      LocalStackExtension.supervisor().start("redis");
    }
    putCached(bucket, "doc.txt", "after");
  }
}
