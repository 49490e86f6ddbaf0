package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mocks3.client.Chaos;
import io.mocks3.client.ChaosTopic;
import io.mocks3.client.DeadLetter;
import io.mocks3.client.DeadLetterQueue;
import io.mocks3.client.FaultEvent;
import io.mocks3.client.InstalledRule;
import io.mocks3.client.MockS3Control;
import io.mocks3.client.MockS3ControlException;
import io.mocks3.client.ProcessOrder;
import io.mocks3.client.Rule;
import io.mocks3.client.Run;
import io.mocks3.client.RunReport;
import io.mocks3.client.RunSpec;
import io.mocks3.client.Scenarios;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every control-plane resource through the public client only, as a user's test suite drives it:
 * rules, chaos, poison, dead letters, scenarios, process scenarios, the kill switch, events, runs and
 * their reports, and a refused request turned into an exception that keeps the server's error.
 */
@ExtendWith(LocalStackExtension.class)
class ControlClientIT {
  private static final String COMMANDS = "mocks3.commands";
  private final MockS3Control mocks3 = MockS3Control.local(LocalStackExtension.PORT_OFFSET);
  private String bucket;

  @BeforeEach
  void bucket() throws Exception {
    bucket = "client-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void calm() {
    mocks3.reset();
  }

  private int put(String key, String body) throws Exception {
    return Clients.http("PUT", "/" + bucket + "/" + key, body.getBytes()).statusCode();
  }

  private int get(String key) throws Exception {
    return Clients.http("GET", "/" + bucket + "/" + key, null).statusCode();
  }

  @Test
  void aRuleIsAddedInjectedListedChangedAndRemoved() throws Exception {
    assertThat(put("a.txt", "a")).isEqualTo(200);
    InstalledRule rule = mocks3.rules().add(Rule.httpError(503).name("client rule").service("gateway").on("GetObject")
        .bucket(bucket).firstN(1).errorCode("SlowDown"));

    assertThat(get("a.txt")).isEqualTo(503);
    assertThat(get("a.txt")).as("first_n 1: only the first request").isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> mocks3.rules().injections(rule.id()) == 1);
    List<FaultEvent> events = mocks3.events().rule(rule.id()).bucket(bucket).key("a.txt").list();
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo("http_error");
      assertThat(e.subject().operation()).isEqualTo("GetObject");
    });
    assertThat(mocks3.events().rule(rule.id()).bucket("another-bucket").count()).isZero();
    assertThat(mocks3.stats().injections(rule.id())).isEqualTo(1);

    assertThat(mocks3.rules().list()).extracting(InstalledRule::id).contains(rule.id());
    assertThat(mocks3.rules().update(rule.id(), Rule.changes().enabled(false)).enabled()).isFalse();
    assertThat(mocks3.rules().get(rule.id())).hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("client rule"));
    mocks3.rules().remove(rule.id());
    assertThat(mocks3.rules().get(rule.id())).isEmpty();
  }

  @Test
  void badRequestsBecomeExceptionsThatKeepTheServersError() {
    assertThatThrownBy(() -> mocks3.rules().add(Rule.action("explode")))
        .isInstanceOfSatisfying(MockS3ControlException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.error()).isEqualTo("invalid rule");
          assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("action.type must be one of"));
        });
    assertThatThrownBy(() -> mocks3.startRun(RunSpec.named("bad").expect("no_such_measure", 1)))
        .isInstanceOfSatisfying(MockS3ControlException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.field()).isEqualTo("expectations.no_such_measure");
          assertThat(e.getMessage()).contains("unknown measure");
        });
    assertThatThrownBy(() -> mocks3.chaos("mocks3.fault-events").loss(0.1).apply())
        .isInstanceOfSatisfying(MockS3ControlException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> mocks3.scenarios().start("no_such_thing"))
        .isInstanceOfSatisfying(MockS3ControlException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.error()).contains("no scenario no_such_thing");
        });
    assertThatThrownBy(() -> mocks3.rules().remove("no-such-rule"))
        .isInstanceOfSatisfying(MockS3ControlException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void chaosLosesACommandThatARedriveFromTheLogBringsBack() throws Exception {
    ChaosTopic applied = mocks3.chaos(COMMANDS).loss(1.0).keyFilter(bucket).seed(7).apply();
    assertThat(applied.lossRate()).isEqualTo(1.0);
    assertThat(mocks3.chaos(COMMANDS).show()).hasValueSatisfying(c -> assertThat(c.keyFilter()).isEqualTo(bucket));
    assertThat(mocks3.chaos()).extracting(ChaosTopic::topic).contains(COMMANDS);
    assertThat(mocks3.chaosTopics()).contains(COMMANDS, "mocks3.blobs");

    assertThat(Clients.http("PUT", "/" + bucket + "/lost.txt", "in the log".getBytes(), "x-mocks3-consistency", "eventual")
        .statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> !mocks3.events().rule("chaos:" + COMMANDS).bucket(bucket).list().isEmpty());
    mocks3.chaos(COMMANDS).clear();
    assertThat(mocks3.chaos(COMMANDS).show()).isEmpty();
    assertThat(put("marker.txt", "m")).isEqualTo(200); // strong: every earlier command of the bucket was consumed
    assertThat(get("lost.txt")).isEqualTo(404);

    FaultEvent lost = mocks3.events().rule("chaos:" + COMMANDS).bucket(bucket).list().get(0);
    assertThat(lost.action()).isEqualTo("lose");
    String[] position = lost.target().substring(COMMANDS.length() + 1).split("@");
    mocks3.redrive(COMMANDS, Integer.parseInt(position[0]), Long.parseLong(position[1]));
    await().atMost(Duration.ofSeconds(10)).until(() -> get("lost.txt") == 200);
  }

  @Test
  void poisonIsDeadLetteredShownRedrivenOneByOneAndPurged() {
    DeadLetterQueue dlq = mocks3.deadLetters(COMMANDS + ".dlq");
    assertThat(mocks3.chaos(COMMANDS).poison(2, bucket).poisoned()).isEqualTo(2);

    await().atMost(Duration.ofSeconds(30)).until(() -> mine(dlq).size() == 2);
    DeadLetter first = mine(dlq).get(0);
    assertThat(first.headers()).containsEntry("x-mocks3-fault-rule", "poison:" + COMMANDS);
    assertThat(mocks3.deadLetterTopics()).anySatisfy(t -> {
      assertThat(t.topic()).isEqualTo(dlq.topic());
      assertThat(t.waiting()).isPositive();
    });
    DeadLetterQueue.Redriven one = dlq.redrive(first.partition(), first.offset());
    assertThat(one).isEqualTo(new DeadLetterQueue.Redriven(0, 1));
    assertThat(mine(dlq)).hasSize(1);
    assertThat(dlq.purge()).isPositive();
    assertThat(dlq.waiting()).isZero();
    assertThat(dlq.redriveAll()).isEqualTo(new DeadLetterQueue.Redriven(0, 0));
  }

  private List<DeadLetter> mine(DeadLetterQueue dlq) {
    return dlq.show(1000).stream().filter(d -> bucket.equals(d.key())).toList();
  }

  @Test
  void aScenarioStartsWithItsRulesAndStopsWithoutThem() {
    Scenarios scenarios = mocks3.scenarios();
    assertThat(scenarios.available()).extracting(Scenarios.Scenario::name).contains("storage_failure", "stale_reads");

    Scenarios.ActiveScenario started = scenarios.start("storage_failure", Duration.ofMinutes(1));
    assertThat(started.deadline()).isAfter(started.startedAt());
    assertThat(scenarios.active()).extracting(Scenarios.ActiveScenario::name).containsExactly("storage_failure");
    assertThat(mocks3.rules().list()).extracting(InstalledRule::scenario).contains("storage_failure");

    scenarios.stop("storage_failure");
    assertThat(scenarios.active()).isEmpty();
    assertThat(mocks3.rules().list()).isEmpty();
  }

  @Test
  void aProcessOrderIsInForceUntilStoppedAndTheKillSwitchSilencesEveryAgent() {
    ProcessOrder order = mocks3.process("task-workers").start("network_latency", Map.of("latency_ms", 50), Duration.ofMinutes(2));
    assertThat(order.scenarios()).singleElement().satisfies(s -> assertThat(s.duration()).isEqualTo(120));
    assertThat(mocks3.processOrders()).extracting(ProcessOrder::target).containsExactly("task-workers");
    mocks3.process("task-workers").stop();
    assertThat(mocks3.processOrders()).isEmpty();

    mocks3.killSwitch().engage();
    assertThat(mocks3.killSwitch().engaged()).isTrue();
    assertThat(mocks3.stats().killSwitch()).isTrue();
    mocks3.killSwitch().release();
    assertThat(mocks3.killSwitch().engaged()).isFalse();
  }

  @Test
  void aRunRecordsItsWritesAndItsReportJudgesThem() throws Exception {
    Run run = mocks3.startRun(RunSpec.named("client run").seed(7).chaos(Chaos.on(COMMANDS).duplicate(1.0).keyFilter(bucket))
        .expect("lost_acknowledged_writes", 0).settle(Duration.ofSeconds(1)));
    assertThat(run.state()).isEqualTo(Run.State.OPEN);
    assertThat(mocks3.chaos(COMMANDS).show()).as("the run's chaos is in force").isPresent();
    for (int i = 0; i < 5; i++) {
      assertThat(put("k" + i, "v" + i)).isEqualTo(200);
      assertThat(get("k" + i)).isEqualTo(200);
    }

    Run ended = run.stop();
    assertThat(ended.state()).isEqualTo(Run.State.ENDED);
    assertThat(mocks3.chaos(COMMANDS).show()).as("the run's chaos ends with it").isEmpty();
    assertThat(mocks3.runs().list()).extracting(Run::id).contains(run.id());
    assertThat(mocks3.runs().get(run.id())).hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("client run"));

    RunReport report = ended.report();
    assertThat(report.runId()).isEqualTo(run.id());
    assertThat(report.passed()).as(report.toString()).isTrue();
    assertThat(report.verdict().checks()).extracting(RunReport.Check::name).containsExactly("lost_acknowledged_writes");
    assertThat(report.summary().acknowledgedWrites()).isEqualTo(5);
    assertThat(report.lostWrites()).isEmpty();
    assertThat(report.duplicatedWrites()).hasSize(5).allSatisfy(w -> {
      assertThat(w.bucket()).isEqualTo(bucket);
      assertThat(w.commandId()).isNotBlank();
    });
    assertThat(report.faultsByAction()).containsEntry("duplicate", 5);
    assertThat(report.anomalies()).isEmpty();
    assertThat(report.finalState().missing()).isEmpty();
    assertThat(run.history().lines().filter(l -> l.contains(bucket))).hasSizeGreaterThanOrEqualTo(10);
  }
}
