package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.client.Rule;
import io.mocks3.ops.stack.StackLayout;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults in the projector's transactions on the read model (service {@code metadata-db}): a
 * failed transaction is rolled back and retried, so the write still lands; a slow one holds a
 * strong write back and keeps an eventual write invisible for as long; transactions failing for
 * longer than the retries last stall the projector without losing the write.
 */
@ExtendWith(LocalStackExtension.class)
class MetadataDbFaultsIT {
  private String bucket;

  @BeforeEach
  void bucket() throws Exception {
    bucket = "db-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void calm() throws Exception {
    FaultControl.clear();
  }

  /** A fault of the projector's transactions on this test's bucket. */
  private String rule(Rule rule) {
    return FaultControl.mocks3().rules().add(rule.name("db").service("metadata-db").bucket(bucket)).id();
  }

  private int put(String key, String body, String consistency) throws Exception {
    return Clients.http("PUT", "/" + bucket + "/" + key, body.getBytes(), "x-mocks3-consistency", consistency).statusCode();
  }

  private HttpResponse<String> get(String key) throws Exception {
    return Clients.http("GET", "/" + bucket + "/" + key, null);
  }

  private static double retries() throws Exception {
    return Scrape.value(StackLayout.PROJECTOR, "retry_attempts_total{task=\"projection\"}");
  }

  @Test
  void failedTransactionsAreRolledBackAndRetriedSoTheWriteLands() throws Exception {
    double before = retries();
    String id = rule(Rule.httpError(500).message("could not serialize access").on("ObjectCreated").firstN(2));
    assertThat(put("doc.txt", "landed", "strong")).isEqualTo(200);
    assertThat(get("doc.txt").body()).isEqualTo("landed");
    await().atMost(Duration.ofSeconds(5)).until(() -> FaultControl.injections(id) == 2);
    // A bound: the projector's retry counter is every command's; this rule's own 2 are counted exactly above.
    assertThat(retries() - before).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aSlowTransactionHoldsStrongWritesBackAndKeepsEventualOnesInvisible() throws Exception {
    rule(Rule.delay(Duration.ofMillis(1500)));
    long start = System.nanoTime();
    assertThat(put("slow.txt", "slow", "strong")).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));

    long eventual = System.nanoTime();
    assertThat(put("later.txt", "later", "eventual")).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - eventual)).isLessThan(Duration.ofMillis(1000));
    assertThat(get("later.txt").statusCode()).isEqualTo(404);
    await().atMost(Duration.ofSeconds(10)).until(() -> get("later.txt").statusCode() == 200);
  }

  @Test
  void transactionsFailingLongerThanTheRetriesStallTheProjectorWithoutLosingTheWrite() throws Exception {
    String id = rule(Rule.httpError(503).message("database unavailable"));
    assertThat(put("stalled.txt", "waited it out", "eventual")).isEqualTo(200);
    // Five failed attempts exhaust the projection's retries; the stream thread then starts over from its last commit.
    // A bound: the stalled projector keeps trying (and the rule keeps failing it) until the rule goes.
    await().atMost(Duration.ofSeconds(30)).until(() -> FaultControl.injections(id) >= 7);
    assertThat(get("stalled.txt").statusCode()).isEqualTo(404);
    FaultControl.mocks3().rules().remove(id);
    await().atMost(Duration.ofSeconds(60)).until(() -> get("stalled.txt").statusCode() == 200);
    assertThat(get("stalled.txt").body()).isEqualTo("waited it out");
    assertThat(put("after.txt", "after", "strong")).isEqualTo(200);
  }
}
