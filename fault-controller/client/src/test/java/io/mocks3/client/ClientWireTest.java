package io.mocks3.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.golden.GoldenFixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What the client sends (rules, chaos settings, run specs) byte for byte as the Jackson 2 code sent it, and the
 * control plane's run report (the fault-controller's own fixture) read into the same values.
 */
class ClientWireTest {
  private static final GoldenFixtures GOLDEN = new GoldenFixtures(java.nio.file.Path.of("src/test/resources/golden"));

  private static Rule rule() {
    return Rule.httpError(503).service("api-gateway").on("PutObject", "GetObject").bucket("photos").probability(0.5)
        .seed(7).ttl(Duration.ofSeconds(30)).errorCode("SlowDown");
  }

  private static Chaos chaos() {
    return Chaos.on("mocks3.commands").loss(0.1).duplicate(0.2).reorder(0.3, 4).delay(Duration.ofMillis(250), 0.5)
        .consumer("projector").keyFilter("photos/.*").seed(9).ttl(Duration.ofMinutes(1));
  }

  @Test
  void aRuleIsSentAsBefore() {
    assertThat(rule().toJson()).isEqualTo(GOLDEN.fixture("rule.json", rule().toJson()));
  }

  @Test
  void aRuleReadFromItsJsonIsSentAsBefore() {
    Rule read = Rule.fromJson(GOLDEN.fixture("rule.json"));

    assertThat(read.toJson()).isEqualTo(GOLDEN.fixture("rule.json"));
  }

  @Test
  void aChaosSettingIsSentAsBefore() {
    assertThat(chaos().toJson()).isEqualTo(GOLDEN.fixture("chaos.json", chaos().toJson()));
  }

  @Test
  void aRunSpecIsSentAsBefore() {
    String spec = RunSpec.named("nightly").seed(3).scenario("brownout").chaos(chaos()).rule(rule())
        .expect("lost_acknowledged_writes", 0).settle(Duration.ofSeconds(5)).toJson();

    assertThat(spec).isEqualTo(GOLDEN.fixture("run-spec.json", spec));
  }

  @Test
  void theControlPlanesReportReadsIntoTheSameValues() {
    RunReport report = RunReport.parse(GOLDEN.fixture("run-report.json"));

    assertThat(report.runId()).isEqualTo("run-1");
    assertThat(report.passed()).isFalse();
    assertThat(report.verdict().checks()).containsExactly(new RunReport.Check("lost_acknowledged_writes", 0, 1, false));
    assertThat(report.summary()).isEqualTo(new RunReport.Summary(10, 4, 1, 3, 2, 12_345));
    assertThat(report.writeFates()).containsExactly(java.util.Map.entry("lost", 1));
    assertThat(report.lostWrites()).singleElement().satisfies(w -> {
      assertThat(w.key()).isEqualTo("k");
      assertThat(w.commandId()).isEqualTo("c-2");
      assertThat(w.causes()).singleElement().satisfies(f -> assertThat(f.action()).isEqualTo("lose"));
    });
    assertThat(report.faultsByAction()).containsExactly(java.util.Map.entry("lose", 1));
    assertThat(report.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo("stale-read");
      assertThat(a.witness()).singleElement().satisfies(op -> assertThat(op.path("requestId").asString()).isEqualTo("req-5"));
    });
    assertThat(report.anomalyCounts()).containsExactly(java.util.Map.entry("stale-read", 1));
    assertThat(report.finalState().missing()).singleElement().satisfies(f -> assertThat(f.expected()).isEqualTo("v2"));
  }
}
