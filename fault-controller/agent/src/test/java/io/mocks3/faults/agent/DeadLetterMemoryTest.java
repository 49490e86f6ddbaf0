package io.mocks3.faults.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mocks3.schemas.DeadLetters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A consumer dead-letters a poison record once: met again (a replay), the record is skipped and counted. */
class DeadLetterMemoryTest {
  private static final String CDC = "mocks3.cdc";
  private static final DeadLetters.Cause UNREADABLE = new DeadLetters.Cause("undeserializable", "X", null);
  /** What mocks3.cdc.dlq holds before the process starts. */
  private final List<Headers> deadLetterTopic = new ArrayList<>();
  private final List<String> reads = new ArrayList<>();
  private final DeadLetterMemory memory = new DeadLetterMemory((topic, each) -> {
    reads.add(topic);
    deadLetterTopic.forEach(each);
  });
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<DeadLetters.Cause> sent = new ArrayList<>();

  {
    Metrics.addRegistry(meters);
  }

  @AfterEach
  void leaveGlobalRegistry() {
    Metrics.removeRegistry(meters);
  }

  private ChaosGate gate(String consumer) {
    FaultAgent agent = new FaultAgent("test-1", new RuleBook(), null, null, Clock.systemUTC()).rememberDeadLetters(memory);
    return new ChaosGate(agent, consumer);
  }

  private static DeadLetters.Origin at(String consumer, int partition, long offset) {
    return new DeadLetters.Origin(CDC, partition, offset, 0L, consumer, "group");
  }

  private double skipped(String consumer) {
    return meters.get("poison.skipped").tag("consumer", consumer).counter().count();
  }

  @Test
  void aRecordDeadLetteredBeforeThisProcessStartedIsSkippedAndCounted() {
    deadLetterTopic.add(DeadLetters.describe(new RecordHeaders(), at("cache-writer", 2, 41), UNREADABLE));
    ChaosGate gate = gate("cache-writer");

    assertThat(gate.setAside(at("cache-writer", 2, 41), UNREADABLE, sent::add)).isFalse();
    assertThat(sent).isEmpty();
    assertThat(skipped("cache-writer")).isEqualTo(1.0);

    assertThat(gate.setAside(at("cache-writer", 2, 42), UNREADABLE, sent::add)).as("another position").isTrue();
    assertThat(gate.setAside(at("cache-writer", 1, 41), UNREADABLE, sent::add)).as("another partition").isTrue();
    assertThat(sent).hasSize(2);
    assertThat(reads).as("the dead-letter topic is read once").containsExactly("mocks3.cdc.dlq");
  }

  @Test
  void whatThisProcessDeadLettersIsRememberedAsItGoes() {
    ChaosGate gate = gate("cache-writer");
    assertThat(gate.setAside(at("cache-writer", 0, 7), UNREADABLE, sent::add)).isTrue();
    assertThat(gate.setAside(at("cache-writer", 0, 7), UNREADABLE, sent::add)).as("replayed").isFalse();
    assertThat(sent).containsExactly(UNREADABLE);
    assertThat(skipped("cache-writer")).isEqualTo(1.0);
  }

  @Test
  void eachConsumerDeadLettersItsOwnCopy() {
    deadLetterTopic.add(DeadLetters.describe(new RecordHeaders(), at("storage-1", 0, 5), UNREADABLE));
    assertThat(gate("storage-2").setAside(at("storage-2", 0, 5), UNREADABLE, sent::add)).isTrue();
    assertThat(gate("storage-1").setAside(at("storage-1", 0, 5), UNREADABLE, sent::add)).isFalse();
  }

  @Test
  void withoutAMemoryEveryUnreadableRecordIsDeadLettered() {
    ChaosGate gate = new ChaosGate(new FaultAgent("test-1", new RuleBook(), null, null, Clock.systemUTC()), "no-memory");
    assertThat(gate.setAside(at("no-memory", 0, 1), UNREADABLE, sent::add)).isTrue();
    assertThat(gate.setAside(at("no-memory", 0, 1), UNREADABLE, sent::add)).isTrue();
    assertThat(new ChaosGate(null, "no-agent").setAside(at("no-agent", 0, 1), UNREADABLE, sent::add)).isTrue();
    assertThat(sent).hasSize(3);
  }

  @Test
  void deadLettersWithoutAnOriginAreNotPositions() {
    Headers chaos = new RecordHeaders();
    chaos.add(DeadLetters.DLT_ORIGINAL_TOPIC, CDC.getBytes());
    assertThat(DeadLetterMemory.position(chaos)).isEmpty();
    assertThat(DeadLetterMemory.position(DeadLetters.describe(new RecordHeaders(), at("c", 3, 9), UNREADABLE)))
        .contains("c mocks3.cdc/3@9");
  }
}
