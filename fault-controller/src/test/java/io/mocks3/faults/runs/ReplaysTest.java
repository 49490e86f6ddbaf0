package io.mocks3.faults.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.faults.agent.FaultTarget;
import io.mocks3.faults.agent.RuleBook;
import io.mocks3.faults.rules.RuleValidator;
import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.fault.Condition;
import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.fault.FaultRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An exported run, replayed, makes the same decisions for the same request sequence, with no seed in sight. */
class ReplaysTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private static FaultTarget get(String bucket, int i) {
    return new FaultTarget("api-gateway", "http", "GetObject", bucket, "k" + i, Map.<String, String>of()::get, "GET /" + bucket);
  }

  /** Runs 300 requests (alternating buckets a and b) through {@code book}; the event of each injection, as the agent records it. */
  private static List<FaultEvent> run(RuleBook book, String instance) {
    List<FaultEvent> events = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      var decision = book.decide(get(i % 2 == 0 ? "a" : "b", i), NOW);
      int n = i;
      decision.ifPresent(d -> events.add(new FaultEvent(d.rule().id(), d.rule().name(), d.rule().scenario(), instance, "http",
          "GetObject", "GET k" + n, d.rule().action().type(), "", null, NOW, d.match())));
    }
    return events;
  }

  @Test
  void theReplayOfAnUnseededRunMakesTheSameDecisions() {
    FaultRule original = new FaultRule("r1", "flaky", null, "gateway", true,
        List.of(new Condition("probability", 0.3, null, null, null), new Condition("bucket", "a", null, null, null)),
        Action.httpError(503, "slow down"), null, 5, "storm", null, NOW, null);
    RuleBook live = new RuleBook("api-gateway");
    live.put("r1", original);
    List<FaultEvent> recorded = run(live, "api-gateway");
    assertThat(recorded).hasSizeBetween(20, 70);

    List<FaultRule> plan = Replays.plan(new RunExport(NOW, List.of(original), List.of(), recorded));
    assertThat(plan).hasSize(1);
    FaultRule replay = plan.get(0);
    assertThat(RuleValidator.problems(replay.withIdentity("x", NOW, null))).isEmpty();
    assertThat(replay.conditions()).extracting(Condition::type).containsExactly("bucket", "instance", "matches");
    assertThat(replay.priority()).isEqualTo(5);
    assertThat(replay.scenario()).isEqualTo("replay:storm");

    RuleBook again = new RuleBook("api-gateway");
    again.put("x", replay.withIdentity("x", NOW, null));
    assertThat(run(again, "api-gateway")).extracting(FaultEvent::target).isEqualTo(recorded.stream().map(FaultEvent::target).toList());
  }

  @Test
  void eachProcessReplaysItsOwnPositionsAndChaosEventsAreNotRules() {
    FaultRule rule = new FaultRule("r", "n", null, "storage-service", true, List.of(), Action.httpError(500, "x"), null, null, null,
        null, NOW, null);
    List<FaultEvent> events = List.of(
        new FaultEvent("r", "n", null, "node-1", "http", "ReadBlob", "t", "http_error", "", null, NOW, 3L),
        new FaultEvent("r", "n", null, "node-2", "http", "ReadBlob", "t", "http_error", "", null, NOW, 1L),
        new FaultEvent("r", "n", null, "node-1", "http", "ReadBlob", "t", "http_error", "", null, NOW, 7L),
        new FaultEvent("chaos:mocks3.blobs", "chaos", null, "node-1", "stream", "storage-node-1", "t", "lose", "", null, NOW, null));
    List<FaultRule> plan = Replays.plan(new RunExport(NOW, List.of(rule), List.of(), events));
    assertThat(plan).hasSize(2);
    assertThat(plan.get(0).conditions()).contains(new Condition("instance", "node-1", null, null, null),
        new Condition("matches", List.of(3L, 7L), null, null, null));
    assertThat(plan.get(1).conditions()).contains(new Condition("instance", "node-2", null, null, null),
        new Condition("matches", List.of(1L), null, null, null));
  }
}
