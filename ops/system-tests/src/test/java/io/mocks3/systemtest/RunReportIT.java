package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs and their reports against the real stack: a seeded run with every kind of chaos on the
 * command log, whose report names each faulted write and counts exactly what the fault events say;
 * and a run without faults, whose verdict passes with no anomaly (no false positive).
 */
@ExtendWith(LocalStackExtension.class)
class RunReportIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMMANDS = "mocks3.commands";
  private static final int CLIENTS = 8;

  @AfterEach
  void calm() throws Exception {
    FaultControl.clear();
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aSeededChaosRunNamesEveryFaultedWriteAndCountsExactlyTheFaultEvents() throws Exception {
    String bucket = bucket("run-chaos");
    JsonNode run = start("""
        {"name": "every kind of chaos", "seed": 42, "settle": "2s",
         "expectations": {"lost_acknowledged_writes": 0, "applied_twice": 100},
         "chaos": [{"topic": "mocks3.commands", "key_filter": "BUCKET", "loss_rate": 0.04, "duplicate_rate": 0.04,
                    "dead_letter_rate": 0.04, "reorder_rate": 0.04, "reorder_window": 2, "delay_rate": 0.03, "delay": "50ms"}]}
        """.replace("BUCKET", bucket));
    String id = run.path("id").asText();

    // 8 clients, 30 eventual PUTs each, every key written once: a lost write leaves its key missing.
    parallel(client -> {
      for (int i = 0; i < 30; i++) {
        HttpResponse<String> put = client.send("PUT", "/" + bucket + "/c" + client.n + "/k" + i, ("v" + i).getBytes(),
            "x-mocks3-consistency", "eventual");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      }
    });
    // The chaos ends, then the dead letters are re-driven while the run is still open: they are applied late.
    assertThat(FaultControl.change("DELETE", "/api/v1/chaos/topics/" + COMMANDS, null).statusCode()).isEqualTo(204);
    HttpResponse<String> redrive = FaultControl.call("POST", "/api/v1/dlq/" + COMMANDS + ".dlq/redrive", null);
    assertThat(redrive.statusCode()).as(redrive.body()).isEqualTo(200);
    assertThat(FaultControl.call("POST", "/api/v1/runs/" + id + "/stop", null).statusCode()).isEqualTo(200);

    JsonNode report = JSON.readTree(FaultControl.call("GET", "/api/v1/runs/" + id + "/report", null).body());
    Map<String, Integer> events = faultEventsOf(bucket);
    assertThat(events.keySet()).contains("lose", "duplicate", "dead_letter", "reorder");

    JsonNode byAction = report.path("faults").path("by_action");
    events.forEach((action, count) -> assertThat(byAction.path(action).asInt()).as(action).isEqualTo(count));
    JsonNode fates = report.path("writes").path("fates");
    assertThat(fates.path("lost").asInt()).isEqualTo(events.get("lose"));
    assertThat(fates.path("applied_twice").asInt()).isEqualTo(events.get("duplicate"));
    assertThat(fates.path("applied_late").asInt()).isEqualTo(events.get("dead_letter"));
    assertThat(fates.path("dead_lettered").asInt()).isZero();
    assertThat(fates.path("reordered").asInt()).isEqualTo(events.get("reorder"));
    assertThat(report.path("summary").path("acknowledged_writes").asInt()).isEqualTo(CLIENTS * 30);

    // Every lost write is named by bucket, key and command, beside the fault event that lost it; its key is missing.
    Set<String> lostKeys = new HashSet<>();
    for (JsonNode w : report.path("writes").path("not_applied")) {
      if (contains(w.path("fates"), "lost")) {
        assertThat(w.path("bucket").asText()).isEqualTo(bucket);
        assertThat(w.path("command_id").asText()).isNotBlank();
        assertThat(w.path("causes").get(0).path("action").asText()).isEqualTo("lose");
        assertThat(w.path("causes").get(0).path("subject").path("key").asText()).isEqualTo(w.path("key").asText());
        lostKeys.add(w.path("key").asText());
      }
    }
    assertThat(lostKeys).hasSize(events.get("lose"));
    Set<String> missing = new HashSet<>();
    report.path("final_state").path("missing").forEach(f -> missing.add(f.path("key").asText()));
    assertThat(missing).isEqualTo(lostKeys);
    for (String key : lostKeys) {
      assertThat(Clients.http("GET", "/" + bucket + "/" + key, null).statusCode()).isEqualTo(404);
      JsonNode named = JSON.readTree(FaultControl.call("GET", "/api/v1/events?bucket=" + bucket + "&key=" + key, null).body());
      assertThat(named.path("events")).extracting(e -> e.path("action").asText()).contains("lose");
    }

    // The consistency report sees them too: acknowledged commands never applied, named by bucket and key.
    Set<String> unapplied = new HashSet<>();
    for (JsonNode d : Clients.consistency("limit=100000").path("differences")) {
      if (d.path("what").asText().equals("acknowledged command") && d.path("id").asText().startsWith(bucket + "/")) {
        unapplied.add(d.path("id").asText().substring(bucket.length() + 1));
      }
    }
    assertThat(unapplied).isEqualTo(lostKeys);

    JsonNode verdict = report.path("verdict");
    assertThat(verdict.path("pass").asBoolean()).isFalse();
    assertThat(verdict.path("checks")).anySatisfy(c -> {
      assertThat(c.path("name").asText()).isEqualTo("lost_acknowledged_writes");
      assertThat(c.path("measured").asInt()).isEqualTo(events.get("lose"));
      assertThat(c.path("pass").asBoolean()).isFalse();
    });
    HttpResponse<String> page = FaultControl.call("GET", "/api/v1/runs/" + id + "/report.html", null);
    assertThat(page.body()).contains("Verdict: fail", "<svg id=\"timeline\"", "lost");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aRunWithoutFaultsOver5000MixedOperationsPassesWithNoAnomaly() throws Exception {
    String bucket = bucket("run-calm");
    // Through the command line, as the README shows it.
    java.util.regex.Matcher started = java.util.regex.Pattern.compile("run ([0-9a-f-]{36}) \\(no faults\\): OPEN")
        .matcher(Clients.ops("run", "start", "no faults", "--settle", "1s"));
    assertThat(started.find()).isTrue();
    String id = started.group(1);

    parallel(client -> {
      SplittableRandom random = new SplittableRandom(client.n);
      for (int i = 0; i < 5_000 / CLIENTS; i++) {
        String key = "k" + random.nextInt(40);
        int dice = random.nextInt(100);
        // Writes are strong: each waits for the projector, which paces the run; reads are most of it.
        HttpResponse<String> r = dice < 20 ? client.send("PUT", "/" + bucket + "/" + key, ("c" + client.n + "-" + i).getBytes())
            : dice < 75 ? client.send("GET", "/" + bucket + "/" + key, null)
            : dice < 87 ? client.send("HEAD", "/" + bucket + "/" + key, null)
            : dice < 93 ? client.send("DELETE", "/" + bucket + "/" + key, null)
            : client.send("GET", "/" + bucket + "?list-type=2", null);
        assertThat(r.statusCode()).as(r.body()).isIn(200, 204, 404);
      }
    });
    assertThat(Clients.ops("run", "stop", id)).contains("ENDED");
    assertThat(Clients.ops("run", "list")).contains(id);
    assertThat(Clients.ops("run", "report", id)).contains("verdict PASS", "final state: 40 keys checked, 0 missing");

    JsonNode report = JSON.readTree(FaultControl.call("GET", "/api/v1/runs/" + id + "/report", null).body());
    // Every request the clients sent, and any the HTTP client repeated on its own (it retries an idempotent
    // request once when a kept-alive connection turns out closed).
    assertThat(report.path("summary").path("operations").asInt()).isBetween(5_000 / CLIENTS * CLIENTS, 5_000 + CLIENTS);
    assertThat(report.path("reads").path("anomaly_counts").size()).as(report.path("reads").toPrettyString()).isZero();
    assertThat(report.path("writes").path("not_applied").size()).as(report.path("writes").toPrettyString()).isZero();
    JsonNode state = report.path("final_state");
    for (String finding : List.of("missing", "mismatched", "resurrected")) {
      assertThat(state.path(finding).size()).as(state.toPrettyString()).isZero();
    }
    assertThat(state.path("checked_keys").asInt()).isEqualTo(40);
    assertThat(report.path("verdict").path("pass").asBoolean()).as(report.path("verdict").toPrettyString()).isTrue();
    assertThat(JSON.readTree(FaultControl.call("GET", "/api/v1/runs/" + id, null).body()).path("state").asText())
        .isEqualTo("ENDED");
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aRunSurvivesARestartOfTheControllerAndItsHistoryHasNoGap() throws Exception {
    String bucket = bucket("run-restart");
    String id = start("""
        {"name": "across a restart", "seed": 1, "settle": "1s",
         "chaos": [{"topic": "mocks3.commands", "key_filter": "BUCKET", "loss_rate": 1.0}]}
        """.replace("BUCKET", bucket)).path("id").asText();
    for (int i = 0; i < 5; i++) {
      assertThat(Clients.http("PUT", "/" + bucket + "/before-" + i, "x".getBytes(), "x-mocks3-consistency", "eventual")
          .statusCode()).isEqualTo(200);
    }
    io.mocks3.ops.stack.Supervisor stack = LocalStackExtension.supervisor();
    stack.kill("fault-controller");
    // The gateway goes on recording while the controller is away.
    for (int i = 0; i < 5; i++) {
      assertThat(Clients.http("PUT", "/" + bucket + "/during-" + i, "x".getBytes(), "x-mocks3-consistency", "eventual")
          .statusCode()).isEqualTo(200);
    }
    stack.start("fault-controller");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        JSON.readTree(FaultControl.call("GET", "/api/v1/runs/" + id, null).body()).path("state").asText()).isEqualTo("OPEN"));
    assertThat(FaultControl.call("POST", "/api/v1/runs/" + id + "/stop", null).statusCode()).isEqualTo(200);

    JsonNode report = JSON.readTree(FaultControl.call("GET", "/api/v1/runs/" + id + "/report", null).body());
    assertThat(report.path("summary").path("acknowledged_writes").asInt()).isEqualTo(10);
    assertThat(report.path("writes").path("fates").path("lost").asInt()).isEqualTo(10);
    assertThat(report.path("faults").path("by_action").path("lose").asInt()).isEqualTo(10);
    assertThat(FaultControl.call("GET", "/api/v1/chaos/topics/" + COMMANDS, null).statusCode())
        .as("the run's chaos ended with it").isEqualTo(404);
  }

  @Test
  void aBadRunRequestIsA400NamingTheField() throws Exception {
    Map<String, String> cases = Map.of(
        "{}", "name",
        "{\"name\": \"x\", \"expectations\": {\"lost_writes\": 0}}", "expectations.lost_writes",
        "{\"name\": \"x\", \"settle\": \"soon\"}", "settle",
        "{\"name\": \"x\", \"chaos\": [{\"topic\": \"mocks3.commands\", \"loss_rate\": 2}]}", "chaos[0]",
        "{\"name\": \"x\", \"scenario\": \"no-such-scenario\"}", "scenario");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> r = FaultControl.call("POST", "/api/v1/runs", c.getKey());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).path("field").asText()).as(r.body()).isEqualTo(c.getValue());
    }
    assertThat(FaultControl.call("GET", "/api/v1/runs/no-such-run/report", null).statusCode()).isEqualTo(404);
  }

  private static String bucket(String prefix) throws Exception {
    String bucket = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
    return bucket;
  }

  private static JsonNode start(String json) throws Exception {
    HttpResponse<String> r = FaultControl.call("POST", "/api/v1/runs", json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    FaultControl.inForce();
    return JSON.readTree(r.body());
  }

  /** The run's fault events on the command log, by action, as the events API reports them. */
  private static Map<String, Integer> faultEventsOf(String bucket) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    JsonNode events = JSON.readTree(FaultControl.call("GET", "/api/v1/events?bucket=" + bucket + "&limit=10000", null).body());
    for (JsonNode e : events.path("events")) {
      if (e.path("rule_id").asText().equals("chaos:" + COMMANDS) || e.path("ruleId").asText().equals("chaos:" + COMMANDS)) {
        counts.merge(e.path("action").asText(), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode v : array) {
      if (v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** One S3 client: its own connection, so it is one process of the history. */
  private static final class Client {
    final int n;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Client(int n) {
      this.n = n;
    }

    HttpResponse<String> send(String method, String path, byte[] body, String... headers) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(LocalStackExtension.gateway() + path))
          .timeout(Duration.ofSeconds(60))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      if (headers.length > 0) {
        b.headers(headers);
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private interface ClientWork {
    void run(Client client) throws Exception;
  }

  private static void parallel(ClientWork work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int n = 0; n < CLIENTS; n++) {
        Client client = new Client(n);
        done.add(pool.submit(() -> {
          work.run(client);
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(4, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
