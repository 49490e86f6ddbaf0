package io.mocks3.faults.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.DeadLetters;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.FaultSubject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosGateTest {
  private static final String TOPIC = "mocks3.cdc";
  private static final Instant T = Instant.parse("2026-11-22T12:00:00Z");
  private static final ConsumedRecord RECORD = new ConsumedRecord(TOPIC, 0, 12L, "k", FaultSubject.NONE);
  private final RuleBook rules = new RuleBook();
  private final ChaosGate gate = new ChaosGate(new FaultAgent("test-1", rules, null, null, Clock.systemUTC()), "cache-writer");
  /** What the gate made the consumer do, in order. */
  private final List<String> done = new ArrayList<>();

  private void chaos(Double loss, Double deadLetter, Double duplicate, Double reorder) {
    rules.chaos().put(TOPIC, new ChaosTopic(TOPIC, loss, duplicate, deadLetter, null, null, null, null, 1L, T, reorder, 3));
  }

  private StreamChaos.Fate admit() {
    return gate.admit(RECORD, () -> done.add("apply"), cause -> done.add("dead-letter " + cause.reason()));
  }

  private StreamChaos.Fate admitOrHold() {
    return gate.admit(RECORD, () -> done.add("apply"), cause -> done.add("dead-letter"),
        verdict -> done.add("hold for " + verdict.chaos().window()));
  }

  @Test
  void withoutChaosTheRecordIsAppliedOnce() {
    assertThat(admit()).isEqualTo(StreamChaos.Fate.PASS);
    assertThat(done).containsExactly("apply");
  }

  @Test
  void withoutAnAgentEveryRecordIsAppliedOnce() {
    StreamChaos.Fate fate = new ChaosGate(null, "cache-writer").admit(RECORD, () -> done.add("apply"),
        cause -> done.add("dead-letter"));
    assertThat(fate).isEqualTo(StreamChaos.Fate.PASS);
    assertThat(done).containsExactly("apply");
  }

  @Test
  void aLostRecordIsNeitherAppliedNorDeadLettered() {
    chaos(1.0, null, null, null);
    assertThat(admit()).isEqualTo(StreamChaos.Fate.LOSE);
    assertThat(done).isEmpty();
  }

  @Test
  void aDuplicatedRecordIsAppliedTwice() {
    chaos(null, null, 1.0, null);
    assertThat(admit()).isEqualTo(StreamChaos.Fate.DUPLICATE);
    assertThat(done).containsExactly("apply", "apply");
  }

  @Test
  void aDeadLetteredRecordIsDeadLetteredOnlyWithTheChaosRuleAsItsCause() {
    chaos(null, 1.0, null, null);
    List<DeadLetters.Cause> causes = new ArrayList<>();
    StreamChaos.Fate fate = gate.admit(RECORD, () -> done.add("apply"), causes::add);
    assertThat(fate).isEqualTo(StreamChaos.Fate.DEAD_LETTER);
    assertThat(done).isEmpty();
    assertThat(causes).containsExactly(new DeadLetters.Cause("fault injected: chaos on mocks3.cdc",
        InjectedFault.class.getName(), FaultTopicIds.chaosRuleId(TOPIC)));
  }

  @Test
  void aReorderedRecordIsHandedBackToAConsumerThatCanHoldIt() {
    chaos(null, null, null, 1.0);
    assertThat(admitOrHold()).isEqualTo(StreamChaos.Fate.REORDER);
    assertThat(done).containsExactly("hold for 3");
  }

  @Test
  void aConsumerThatCannotHoldAppliesAReorderedRecordOnce() {
    chaos(null, null, null, 1.0);
    assertThat(admit()).isEqualTo(StreamChaos.Fate.REORDER);
    assertThat(done).containsExactly("apply");
  }

  @Test
  void chaosForAnotherConsumerLetsTheRecordPass() {
    rules.chaos().put(TOPIC, new ChaosTopic(TOPIC, 1.0, null, null, null, null, "metadata-projector", null, 1L, T));
    assertThat(admit()).isEqualTo(StreamChaos.Fate.PASS);
    assertThat(done).containsExactly("apply");
  }

  @Test
  void whatTheConsumerThrowsReachesItsCaller() {
    chaos(null, null, 1.0, null);
    int[] attempts = {0};
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> gate.admit(RECORD, () -> {
      attempts[0]++;
      throw new java.io.IOException("disk full");
    }, cause -> { })).isInstanceOf(java.io.IOException.class).hasMessage("disk full");
    assertThat(attempts[0]).as("the duplicate is not attempted after the first failed").isEqualTo(1);
  }
}
