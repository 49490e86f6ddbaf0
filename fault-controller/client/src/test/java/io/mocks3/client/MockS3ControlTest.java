package io.mocks3.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MockS3ControlTest {
  private FakeControlPlane server;
  private MockS3Control mocks3;

  @BeforeEach
  void start() throws Exception {
    server = new FakeControlPlane();
    mocks3 = MockS3Control.builder(server.uri()).token(null).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aRuleIsPostedInTheControlPlanesFormatAndItsAnswerRead() throws Exception {
    server.answer("POST /api/v1/rules", 201, "{\"id\":\"r1\",\"name\":\"http_error 503\",\"service\":\"gateway\","
        + "\"action\":{\"type\":\"http_error\",\"http_code\":503},\"createdAt\":\"2026-12-03T10:00:00Z\"}");

    InstalledRule rule = mocks3.rules().add(Rule.httpError(503).service("gateway").on("PutObject", "GetObject")
        .bucket("photos").probability(0.5).seed(7).ttl(Duration.ofSeconds(30)).errorCode("SlowDown"));

    JsonNode sent = ControlPlane.JSON.readTree(server.last().body());
    assertThat(sent.path("name").asString()).isEqualTo("http_error 503");
    assertThat(sent.path("action").path("http_code").asInt()).isEqualTo(503);
    assertThat(sent.path("action").path("error_code").asString()).isEqualTo("SlowDown");
    assertThat(sent.path("conditions").toString()).isEqualTo("[{\"type\":\"operation\",\"value\":\"PutObject,GetObject\"},"
        + "{\"type\":\"bucket\",\"value\":\"photos\"},{\"type\":\"probability\",\"value\":0.5}]");
    assertThat(sent.path("ttl").asString()).isEqualTo("30000ms");
    assertThat(sent.path("seed").asLong()).isEqualTo(7);
    assertThat(rule.id()).isEqualTo("r1");
    assertThat(rule.action()).isEqualTo("http_error");
    assertThat(rule.createdAt()).hasToString("2026-12-03T10:00:00Z");
  }

  @Test
  void aBadRequestBecomesAnExceptionThatKeepsTheServersStatusMessageProblemsAndField() {
    server.answer("PUT /api/v1/chaos/topics/mocks3.commands", 400,
        "{\"error\":\"invalid chaos configuration\",\"problems\":[\"loss_rate must be in [0, 1]\"],\"field\":\"loss_rate\"}");

    assertThatThrownBy(() -> mocks3.chaos("mocks3.commands").loss(1.5).apply())
        .isInstanceOfSatisfying(MockS3ControlException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.error()).isEqualTo("invalid chaos configuration");
          assertThat(e.problems()).containsExactly("loss_rate must be in [0, 1]");
          assertThat(e.field()).isEqualTo("loss_rate");
          assertThat(e.getMessage()).isEqualTo("PUT /api/v1/chaos/topics/mocks3.commands: 400 invalid chaos configuration "
              + "[loss_rate must be in [0, 1]] (field loss_rate)");
        });
  }

  @Test
  void anAnswerThatIsNotTheErrorShapeIsKeptWhole() {
    server.answer("GET /api/v1/kill-switch", 502, "Bad Gateway");

    assertThatThrownBy(() -> mocks3.killSwitch().engaged()).isInstanceOfSatisfying(MockS3ControlException.class, e -> {
      assertThat(e.status()).isEqualTo(502);
      assertThat(e.error()).isEqualTo("Bad Gateway");
      assertThat(e.field()).isNull();
    });
  }

  @Test
  void anUnreachableControlPlaneSaysSo() {
    server.close();
    assertThatThrownBy(() -> mocks3.rules().list()).isInstanceOfSatisfying(MockS3ControlException.class, e -> {
      assertThat(e.status()).isZero();
      assertThat(e.getMessage()).contains("is the fault controller running?");
    });
  }

  @Test
  void theTokenIsSentAsABearerWhenConfigured() {
    server.answer("GET /api/v1/kill-switch", 200, "{\"engaged\":true}");
    MockS3Control withToken = MockS3Control.builder(server.uri()).token("s3cret").build();

    assertThat(withToken.killSwitch().engaged()).isTrue();
    assertThat(server.last().authorization()).isEqualTo("Bearer s3cret");
    mocks3.killSwitch().engaged();
    assertThat(server.last().authorization()).isNull();
  }

  @Test
  void aChangeReturnsOnlyOnceEveryAgentHasReadPastTheControllersPosition() throws Exception {
    try (FakeControlPlane agent = new FakeControlPlane()) {
      server.answer("GET /api/v1/rules", 200, "{\"rules\":[],\"position\":42}");
      server.answer("PUT /api/v1/kill-switch", 200, "{\"engaged\":true}");
      agent.answer("GET /health", 200, "{\"components\":{\"faultAgentHealth\":{\"details\":{\"position\":41}}}}");
      MockS3Control waiting = MockS3Control.builder(server.uri()).token(null).agent(agent.uri())
          .inForceTimeout(Duration.ofMillis(300)).build();

      assertThatThrownBy(() -> waiting.killSwitch().engage()).isInstanceOf(MockS3ControlException.class)
          .hasMessageContaining("its position is 41, the controller's 42");

      agent.answer("GET /health", 200, "{\"components\":{\"faultAgentHealth\":{\"details\":{\"position\":42}}}}");
      waiting.killSwitch().engage();
      assertThat(agent.requests).last().extracting(FakeControlPlane.Request::path).isEqualTo("/health");
    }
  }

  @Test
  void waitingForEveryServiceAsksTheControlPlaneWhichServicesLagAndSkipsTheUnreachable() throws Exception {
    server.answer("PUT /api/v1/kill-switch", 200, "{\"engaged\":true}");
    server.answer("GET /api/v1/services", 200, "{\"controller_position\":42,\"services\":["
        + "{\"name\":\"storage-node-3\",\"status\":\"UP\",\"agent_position\":41},"
        + "{\"name\":\"storage-node-4\",\"status\":\"UNREACHABLE\"}]}");
    MockS3Control waiting = MockS3Control.builder(server.uri()).token(null).awaitEveryService()
        .inForceTimeout(Duration.ofMillis(300)).build();

    assertThatThrownBy(() -> waiting.killSwitch().engage()).isInstanceOf(MockS3ControlException.class)
        .hasMessageContaining("[storage-node-3 at 41]").hasMessageContaining("the controller's position is 42");

    server.answer("GET /api/v1/services", 200, "{\"controller_position\":42,\"services\":["
        + "{\"name\":\"storage-node-3\",\"status\":\"UP\",\"agent_position\":42},"
        + "{\"name\":\"storage-node-4\",\"status\":\"UNREACHABLE\"}]}");
    waiting.killSwitch().engage();
    assertThat(server.last().path()).isEqualTo("/api/v1/services");
  }

  @Test
  void aRunSpecCarriesItsChaosRulesAndExpectations() throws Exception {
    server.answer("POST /api/v1/runs", 201, "{\"id\":\"run-1\",\"name\":\"x\",\"state\":\"OPEN\",\"seed\":7,"
        + "\"started_at\":\"2026-12-03T10:00:00Z\"}");

    Run run = mocks3.startRun(RunSpec.named("x").seed(7).chaos(Chaos.on("mocks3.commands").loss(0.05))
        .rule(Rule.delay(Duration.ofMillis(150)).service("gateway")).expect("lost_acknowledged_writes", 0)
        .settle(Duration.ofSeconds(3)));

    JsonNode sent = ControlPlane.JSON.readTree(server.last().body());
    assertThat(sent.path("chaos").toString()).isEqualTo("[{\"loss_rate\":0.05,\"topic\":\"mocks3.commands\"}]");
    assertThat(sent.path("rules").get(0).path("action").toString()).isEqualTo("{\"type\":\"delay\",\"delay\":\"150ms\"}");
    assertThat(sent.path("expectations").toString()).isEqualTo("{\"lost_acknowledged_writes\":0.0}");
    assertThat(sent.path("settle").asString()).isEqualTo("3000ms");
    assertThat(run.id()).isEqualTo("run-1");
    assertThat(run.state()).isEqualTo(Run.State.OPEN);
    assertThat(run.startedAt()).hasToString("2026-12-03T10:00:00Z");
  }

  @Test
  void aReportReadsTheVerdictTheFatesOfTheWritesAndTheAnomalies() {
    server.answer("GET /api/v1/runs/run-1/report", 200, """
        {"run":{"id":"run-1","name":"x"},
         "summary":{"operations":10,"acknowledged_writes":4,"unacknowledged_writes":0,"reads":6,"lists":0,"duration_millis":900},
         "faults":{"total":2,"by_action":{"lose":1,"duplicate":1}},
         "writes":{"fates":{"applied":2,"lost":1,"applied_twice":1},"not_applied":[
           {"op":"put","bucket":"b","key":"k1","command_id":"c1","fates":["lost"],"applications":0,
            "causes":[{"ruleId":"chaos:mocks3.commands","action":"lose","subject":{"bucket":"b","key":"k1","command_id":"c1"}}]},
           {"op":"put","bucket":"b","key":"k2","command_id":"c2","fates":["applied_twice"],"applications":2,"apply_millis":12}]},
         "reads":{"anomaly_counts":{"stale_read":1},"anomalies":[{"type":"stale_read","key":"b/k1","explanation":"old","witness":[{"index":1}]}]},
         "final_state":{"checked_keys":2,"missing":[{"bucket":"b","key":"k1","expected":"v1","actual":null}],"mismatched":[],
           "resurrected":[],"unacknowledged_materialized":[]},
         "verdict":{"pass":false,"checks":[{"name":"lost_acknowledged_writes","expected":0,"measured":1,"pass":false}]}}
        """);
    server.answer("GET /api/v1/runs/run-1", 200, "{\"id\":\"run-1\",\"name\":\"x\",\"state\":\"ENDED\"}");

    RunReport report = mocks3.runs().get("run-1").orElseThrow().report();

    assertThat(report.passed()).isFalse();
    assertThat(report.verdict().checks()).containsExactly(new RunReport.Check("lost_acknowledged_writes", 0, 1, false));
    assertThat(report.summary().acknowledgedWrites()).isEqualTo(4);
    assertThat(report.writes("lost")).isEqualTo(1);
    assertThat(report.lostWrites()).singleElement().satisfies(w -> {
      assertThat(w.key()).isEqualTo("k1");
      assertThat(w.commandId()).isEqualTo("c1");
      assertThat(w.causes()).singleElement().satisfies(c -> assertThat(c.subject().commandId()).isEqualTo("c1"));
    });
    assertThat(report.duplicatedWrites()).extracting(RunReport.WriteFate::applyMillis).containsExactly(12L);
    assertThat(report.anomalies()).extracting(RunReport.Anomaly::type).containsExactly("stale_read");
    assertThat(report.faultsByAction()).containsEntry("lose", 1);
    assertThat(report.finalState().missing()).extracting(RunReport.Finding::key).containsExactly("k1");
  }

  @Test
  void aMissingRuleIsEmptyAndAnUnboundChaosSettingCannotBeApplied() {
    assertThat(mocks3.rules().get("nope")).isEmpty();
    assertThatThrownBy(() -> Chaos.on("mocks3.commands").loss(0.1).apply()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mocks3.chaos(topic)");
  }
}
