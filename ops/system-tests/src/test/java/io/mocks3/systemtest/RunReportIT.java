package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.mocks3.kafkaconfig.GroupLag;
import io.mocks3.client.Chaos;
import io.mocks3.client.FaultEvent;
import io.mocks3.client.MockS3Control;
import io.mocks3.client.MockS3ControlException;
import io.mocks3.client.Run;
import io.mocks3.client.RunReport;
import io.mocks3.client.RunSpec;
import org.apache.kafka.clients.admin.Admin;
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
import io.mocks3.schemas.Json;

/**
 * Runs and their reports against the real stack: a seeded run with every kind of chaos on the
 * command log, whose report names each faulted write and counts exactly what the fault events say;
 * and a run without faults, whose verdict passes with no anomaly (no false positive).
 */
@ExtendWith(LocalStackExtension.class)
class RunReportIT {
  private static final ObjectMapper JSON = Json.mapper();
  private static final String COMMANDS = "mocks3.commands";
  private static final int CLIENTS = 8;
  private final MockS3Control mocks3 = FaultControl.mocks3();

  @AfterEach
  void calm() {
    FaultControl.clear();
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aSeededChaosRunNamesEveryFaultedWriteAndCountsExactlyTheFaultEvents() throws Exception {
    String bucket = bucket("run-chaos");
    Run run = mocks3.startRun(RunSpec.named("every kind of chaos").seed(42).settle(Duration.ofSeconds(2))
        .expect("lost_acknowledged_writes", 0).expect("applied_twice", 100)
        .chaos(Chaos.on(COMMANDS).keyFilter(bucket).loss(0.04).duplicate(0.04).deadLetter(0.04).reorder(0.04, 2)
            .delay(Duration.ofMillis(50), 0.03)));

    // 8 clients, 30 eventual PUTs each, every key written once: a lost write leaves its key missing.
    parallel(client -> {
      for (int i = 0; i < 30; i++) {
        HttpResponse<String> put = client.send("PUT", "/" + bucket + "/c" + client.n + "/k" + i, ("v" + i).getBytes(),
            "x-mocks3-consistency", "eventual");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      }
    });
    // Every write was drawn on while the chaos was on: the projector has consumed them all. (Eventual
    // writes answer once in the log; a projector behind them would meet the rest without chaos.)
    try (Admin admin = Clients.kafkaAdmin()) {
      GroupLag lag = new GroupLag(admin, Duration.ofSeconds(10));
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> lag.backlog("mocks3-metadata-projector", COMMANDS).lag() == 0);
    }
    // The chaos ends, then the dead letters are re-driven while the run is still open: they are applied late.
    mocks3.chaos(COMMANDS).clear();
    assertThat(mocks3.deadLetters(COMMANDS + ".dlq").redriveAll().redriven()).isPositive();
    run.stop();

    RunReport report = run.report();
    Map<String, Integer> events = faultEventsOf(bucket);
    assertThat(events.keySet()).contains("lose", "duplicate", "dead_letter", "reorder");

    events.forEach((action, count) -> assertThat(report.faultsByAction().get(action)).as(action).isEqualTo(count));
    assertThat(report.writes("lost")).isEqualTo(events.get("lose"));
    assertThat(report.writes("applied_twice")).isEqualTo(events.get("duplicate"));
    assertThat(report.writes("applied_late")).isEqualTo(events.get("dead_letter"));
    assertThat(report.writes("dead_lettered")).isZero();
    assertThat(report.writes("reordered")).isEqualTo(events.get("reorder"));
    assertThat(report.summary().acknowledgedWrites()).isEqualTo(CLIENTS * 30);

    // Every lost write is named by bucket, key and command, beside the fault event that lost it; its key is missing.
    Set<String> lostKeys = new HashSet<>();
    for (RunReport.WriteFate w : report.lostWrites()) {
      assertThat(w.bucket()).isEqualTo(bucket);
      assertThat(w.commandId()).isNotBlank();
      assertThat(w.causes().get(0).action()).isEqualTo("lose");
      assertThat(w.causes().get(0).subject().key()).isEqualTo(w.key());
      lostKeys.add(w.key());
    }
    assertThat(lostKeys).hasSize(events.get("lose"));
    Set<String> missing = new HashSet<>();
    report.finalState().missing().forEach(f -> missing.add(f.key()));
    assertThat(missing).isEqualTo(lostKeys);
    for (String key : lostKeys) {
      assertThat(Clients.http("GET", "/" + bucket + "/" + key, null).statusCode()).isEqualTo(404);
      assertThat(mocks3.events().bucket(bucket).key(key).list()).extracting(FaultEvent::action).contains("lose");
    }

    // The consistency report sees them too: acknowledged commands never applied, named by bucket and key.
    Set<String> unapplied = new HashSet<>();
    for (JsonNode d : Clients.consistency("limit=100000").path("differences")) {
      if (d.path("what").asString().equals("acknowledged command") && d.path("id").asString().startsWith(bucket + "/")) {
        unapplied.add(d.path("id").asString().substring(bucket.length() + 1));
      }
    }
    assertThat(unapplied).isEqualTo(lostKeys);

    assertThat(report.passed()).isFalse();
    assertThat(report.verdict().checks()).anySatisfy(c -> {
      assertThat(c.name()).isEqualTo("lost_acknowledged_writes");
      assertThat(c.measured()).isEqualTo(events.get("lose").doubleValue());
      assertThat(c.pass()).isFalse();
    });
    HttpResponse<String> page = FaultControl.call("GET", run.reportPage().getPath(), null);
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

    Run ended = mocks3.runs().get(id).orElseThrow();
    assertThat(ended.state()).isEqualTo(Run.State.ENDED);
    RunReport report = ended.report();
    // Every request the clients sent, and any the HTTP client repeated on its own (it retries an idempotent
    // request once when a kept-alive connection turns out closed).
    assertThat(report.summary().operations()).isBetween(5_000 / CLIENTS * CLIENTS, 5_000 + CLIENTS);
    assertThat(report.anomalyCounts()).as(report.json().path("reads").toPrettyString()).isEmpty();
    assertThat(report.notApplied()).as(report.json().path("writes").toPrettyString()).isEmpty();
    RunReport.FinalState state = report.finalState();
    assertThat(state.missing()).as("%s", state).isEmpty();
    assertThat(state.mismatched()).as("%s", state).isEmpty();
    assertThat(state.resurrected()).as("%s", state).isEmpty();
    assertThat(state.checkedKeys()).isEqualTo(40);
    assertThat(report.passed()).as(report.json().path("verdict").toPrettyString()).isTrue();
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aRunSurvivesARestartOfTheControllerAndItsHistoryHasNoGap() throws Exception {
    String bucket = bucket("run-restart");
    Run run = mocks3.startRun(RunSpec.named("across a restart").seed(1).settle(Duration.ofSeconds(1))
        .chaos(Chaos.on(COMMANDS).keyFilter(bucket).loss(1.0)));
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
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> run.refresh().state() == Run.State.OPEN);
    RunReport report = run.stop().report();
    assertThat(report.summary().acknowledgedWrites()).isEqualTo(10);
    assertThat(report.writes("lost")).isEqualTo(10);
    assertThat(report.faultsByAction()).containsEntry("lose", 10);
    assertThat(mocks3.chaos(COMMANDS).show()).as("the run's chaos ended with it").isEmpty();
  }

  @Test
  void aBadRunRequestIsA400NamingTheField() throws Exception {
    Map<RunSpec, String> specs = Map.of(
        RunSpec.named("x").expect("lost_writes", 0), "expectations.lost_writes",
        RunSpec.named("x").chaos(Chaos.on(COMMANDS).loss(2)), "chaos[0]",
        RunSpec.named("x").scenario("no-such-scenario"), "scenario");
    specs.forEach((spec, field) -> assertThatThrownBy(() -> mocks3.startRun(spec))
        .isInstanceOfSatisfying(MockS3ControlException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
        }));
    // What the client cannot write (no name, a settle that is no duration): as a user's JSON would say it.
    Map<String, String> written = Map.of("{}", "name", "{\"name\": \"x\", \"settle\": \"soon\"}", "settle");
    for (Map.Entry<String, String> c : written.entrySet()) {
      HttpResponse<String> r = FaultControl.call("POST", "/api/v1/runs", c.getKey());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).path("field").asString()).as(r.body()).isEqualTo(c.getValue());
    }
    assertThat(mocks3.runs().get("no-such-run")).isEmpty();
  }

  private static String bucket(String prefix) throws Exception {
    String bucket = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
    return bucket;
  }

  /** The run's fault events on the command log, by action, as the events API reports them. */
  private Map<String, Integer> faultEventsOf(String bucket) {
    Map<String, Integer> counts = new HashMap<>();
    for (FaultEvent e : mocks3.events().rule("chaos:" + COMMANDS).bucket(bucket).limit(10_000).list()) {
      counts.merge(e.action(), 1, Integer::sum);
    }
    return counts;
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
