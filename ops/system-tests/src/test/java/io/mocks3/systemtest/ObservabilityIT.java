package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.ops.stack.StackLayout;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics every service exports at {@code /actuator/prometheus}, scraped after real traffic,
 * and the structured logs: names as documented, values that follow what was done.
 */
@ExtendWith(LocalStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {

  @AfterEach
  void calm() throws Exception {
    FaultControl.clear();
  }

  /** Creates a bucket named {@code prefix} and a random suffix. */
  private static String newBucket(String prefix) throws Exception {
    String bucket = prefix + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
    return bucket;
  }

  @Test
  @Order(1)
  void httpQueueStorageAndFaultMetricsFollowTheTraffic() throws Exception {
    String bucket = "obs-" + UUID.randomUUID().toString().substring(0, 8);
    String puts = "http_requests_total{method=\"PUT\",operation=\"PutObject\",service=\"api-gateway\",status=\"200\"}";
    String commands = "enqueue_total{topic=\"mocks3.commands\"}";
    String consumed = "dequeue_total{group=\"mocks3-metadata-projector\",topic=\"mocks3.commands\"}";
    String stored = "dequeue_total{group=\"mocks3-storage-node-1\",topic=\"mocks3.blobs\"}";
    String writes = "storage_io_seconds_count{operation=\"write\"}";
    double putsBefore = Scrape.value(StackLayout.GATEWAY, puts);
    double commandsBefore = Scrape.value(StackLayout.GATEWAY, commands);
    double consumedBefore = Scrape.value(StackLayout.PROJECTOR, consumed);
    double storedBefore = Scrape.value(StackLayout.STORAGE_1, stored);
    double writesBefore = Scrape.value(StackLayout.STORAGE_1, writes);
    String byReadModel = "mocks3_outcomes_total{channel=\"read-model\"}";
    String byLog = "mocks3_outcomes_total{channel=\"log\"}";
    double outcomesBefore = Scrape.value(StackLayout.GATEWAY, byReadModel) + Scrape.value(StackLayout.GATEWAY, byLog);
    double byReadModelBefore = Scrape.value(StackLayout.GATEWAY, byReadModel);

    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
    for (int i = 0; i < 10; i++) {
      assertThat(Clients.http("PUT", "/" + bucket + "/k" + i, ("value " + i).getBytes()).statusCode()).isEqualTo(200);
    }
    assertThat(Clients.http("GET", "/" + bucket + "/none", null).statusCode()).isEqualTo(404);

    assertThat(Scrape.value(StackLayout.GATEWAY, puts) - putsBefore).isEqualTo(10);
    assertThat(Scrape.value(StackLayout.GATEWAY, commands) - commandsBefore).isEqualTo(11);
    // Each strong write learnt its outcome once, by the first channel: the read model's notification
    // of its commit comes ahead of the projector's Kafka transaction.
    assertThat(Scrape.value(StackLayout.GATEWAY, byReadModel) + Scrape.value(StackLayout.GATEWAY, byLog) - outcomesBefore)
        .isEqualTo(11);
    assertThat(Scrape.value(StackLayout.GATEWAY, byReadModel) - byReadModelBefore).isPositive();
    assertThat(Scrape.value(StackLayout.GATEWAY,
        "http_requests_total{method=\"GET\",operation=\"GetObject\",service=\"api-gateway\",status=\"404\"}")).isPositive();
    String gateway = Scrape.text(StackLayout.GATEWAY);
    assertThat(gateway).contains("http_request_duration_seconds_bucket{method=\"PUT\",operation=\"PutObject\"",
        "http_inflight_requests{service=\"api-gateway\"}", "dequeue_total{group=\"gateway-outcomes\",topic=\"mocks3.events\"}");
    // Strong writes were answered after their commands were consumed and their blobs stored. Bounds:
    // these counters are the whole service's, and the task workers' own sweeps write too.
    assertThat(Scrape.value(StackLayout.PROJECTOR, consumed) - consumedBefore).isGreaterThanOrEqualTo(11);
    assertThat(Scrape.value(StackLayout.STORAGE_1, stored) - storedBefore).isGreaterThanOrEqualTo(10);
    assertThat(Scrape.value(StackLayout.STORAGE_1, writes) - writesBefore).isGreaterThanOrEqualTo(10);
    assertThat(Scrape.value(StackLayout.STORAGE_1, "storage_node_available{node=\"node-1\"}")).isEqualTo(1);
    await().atMost(Duration.ofSeconds(15)).until(() -> Scrape.value(StackLayout.STORAGE_1, "storage_space_used_bytes{node=\"node-1\"}") > 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> Scrape.text(StackLayout.FAULTS)
        .contains("consumer_lag{group=\"mocks3-metadata-projector\",topic=\"mocks3.commands\"}"));
    assertThat(Scrape.text(StackLayout.PROJECTOR)).contains("mocks3_cdc_lag_seconds_count", "enqueue_total{topic=\"mocks3.events\"}");
  }

  @Test
  @Order(2)
  void errorsRetriesDeadLettersAndInjectionsAreCountedWhereTheyHappen() throws Exception {
    String bucket = newBucket("obs-");
    String errors = "errors_total{service=\"api-gateway\",source=\"http\"}";
    String retries = "retry_attempts_total{task=\"projection\"}";
    String deadLetters = "dead_letters_total{topic=\"mocks3.commands.dlq\"}";
    double errorsBefore = Scrape.value(StackLayout.GATEWAY, errors);
    double retriesBefore = Scrape.value(StackLayout.PROJECTOR, retries);
    double deadBefore = Scrape.value(StackLayout.PROJECTOR, deadLetters);

    String rule = FaultControl.createRule("{\"name\": \"obs 500\", \"service\": \"gateway\", \"scenario\": \"obs\", \"conditions\": ["
        + "{\"type\": \"bucket\", \"value\": \"" + bucket + "\"}, {\"type\": \"operation\", \"value\": \"GetObject\"}],"
        + " \"action\": {\"type\": \"http_error\", \"http_code\": 500}}");
    for (int i = 0; i < 3; i++) {
      assertThat(Clients.http("GET", "/" + bucket + "/x", null).statusCode()).isEqualTo(500);
    }
    FaultControl.createRule("{\"name\": \"obs db\", \"service\": \"metadata-db\", \"conditions\": [{\"type\": \"bucket\", \"value\": \""
        + bucket + "\"}, {\"type\": \"first_n\", \"value\": 1}], \"action\": {\"type\": \"http_error\", \"http_code\": 500}}");
    assertThat(Clients.http("PUT", "/" + bucket + "/retried", "r".getBytes()).statusCode()).isEqualTo(200);
    FaultControl.call("POST", "/api/v1/chaos/topics/mocks3.commands/poison", "{\"key\": \"" + bucket + "\"}");

    assertThat(Scrape.value(StackLayout.GATEWAY, errors) - errorsBefore).isEqualTo(3);
    // Bounds: the projector counts every command's retries and dead letters, not only this bucket's.
    assertThat(Scrape.value(StackLayout.PROJECTOR, retries) - retriesBefore).isGreaterThanOrEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> Scrape.value(StackLayout.PROJECTOR, deadLetters) - deadBefore >= 1);
    assertThat(Scrape.text(StackLayout.GATEWAY)).containsPattern(
        "mocks3_fault_injections_total\\{action=\"http_error\",rule=\"" + rule + "\",scenario=\"obs\",service=\"api-gateway\"\\} 3");

    // Structured logs: one JSON object per line, the injection with its rule and scenario.
    String log = Files.readString(LocalStackExtension.layout().logs().resolve("api-gateway.log"));
    List<String> injected = log.lines().filter(l -> l.contains("\"rule_id\":\"" + rule + "\"")).toList();
    assertThat(injected).hasSize(3).allMatch(l -> l.startsWith("{") && l.contains("\"scenario_id\":\"obs\"")
        && l.contains("\"service\":{\"name\":\"api-gateway\""));
  }

  /**
   * Strong writes that reach the projector together are decided and committed together: one
   * PostgreSQL and one Kafka transaction for the commands it has polled, not one each (it used to
   * commit after every fresh command, so sixteen clients waited in a line of 8 ms transactions).
   */
  @Test
  @Order(4)
  void concurrentStrongWritesShareTheProjectorsTransactions() throws Exception {
    String bucket = newBucket("obs-batch-");
    String events = "projection_batch_events_sum";
    String transactions = "projection_batch_events_count";
    double eventsBefore = Scrape.value(StackLayout.PROJECTOR, events);
    double transactionsBefore = Scrape.value(StackLayout.PROJECTOR, transactions);
    int clients = 16;
    int each = 8;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
    try {
      List<java.util.concurrent.Future<Integer>> writes = new java.util.ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        writes.add(pool.submit(() -> {
          int ok = 0;
          for (int i = 0; i < each; i++) {
            ok += Clients.http("PUT", "/" + bucket + "/c" + client + "-" + i, new byte[4096]).statusCode() == 200 ? 1 : 0;
          }
          return ok;
        }));
      }
      for (var w : writes) {
        assertThat(w.get(2, java.util.concurrent.TimeUnit.MINUTES)).isEqualTo(each);
      }
    } finally {
      pool.shutdownNow();
    }
    double applied = Scrape.value(StackLayout.PROJECTOR, events) - eventsBefore;
    double committed = Scrape.value(StackLayout.PROJECTOR, transactions) - transactionsBefore;
    // Other writers (the task workers' sweeps) may add transactions of their own: a margin, not equality.
    assertThat(applied).isGreaterThanOrEqualTo(clients * each);
    assertThat(committed).as("read-model transactions for %s events", applied).isLessThanOrEqualTo(applied * 0.75);
  }

  /** After the traffic above: every metric a Grafana dashboard queries is one the services export. */
  @Test
  @Order(3)
  void everyDashboardQueryNamesAMetricTheServicesExport() throws Exception {
    StringBuilder exported = new StringBuilder();
    for (int port : List.of(StackLayout.GATEWAY, StackLayout.PROJECTOR, StackLayout.STORAGE_1, StackLayout.STORAGE_2,
        StackLayout.TASKS, StackLayout.FAULTS)) {
      exported.append(Scrape.text(port));
    }
    java.util.Set<String> series = new java.util.HashSet<>();
    Matcher names = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE).matcher(exported);
    while (names.find()) {
      series.add(names.group(1));
    }
    Pattern expr = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    Pattern metric = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");
    int queries = 0;
    try (var files = Files.list(LocalStackExtension.layout().repo().resolve("ops/observability/grafana/dashboards"))) {
      for (java.nio.file.Path file : files.toList()) {
        Matcher e = expr.matcher(Files.readString(file));
        while (e.find()) {
          queries++;
          Matcher m = metric.matcher(e.group(1).replace("\\\"", "\""));
          assertThat(m.find()).as(file.getFileName() + ": " + e.group(1)).isTrue();
          do {
            assertThat(series).as(file.getFileName() + " queries " + m.group(1)).contains(m.group(1));
          } while (m.find());
        }
      }
    }
    assertThat(queries).isGreaterThan(25);
  }
}
