package io.mocks3.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.RuleBook;
import io.mocks3.projector.core.BucketState;
import io.mocks3.projector.core.ObjectState;
import io.mocks3.projector.core.UploadState;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.PutObject;
import io.mocks3.schemas.fault.ChaosTopic;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The projector's clock that releases reordered commands runs only while one is held: run always, it
 * woke every task four times a second for nothing (and Streams marks a task that punctuated for a commit).
 */
class ReleaseClockTest {
  private static final Instant T = Instant.parse("2026-12-06T12:00:00Z");
  private final RuleBook rules = new RuleBook();
  private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
  private KeyValueStore<String, HeldCommand> held;

  @BeforeEach
  void stores() {
    add(store(CommandTopology.BUCKETS_STORE, BucketState.class));
    add(store(CommandTopology.OBJECTS_STORE, ObjectState.class));
    add(store(CommandTopology.UPLOADS_STORE, UploadState.class));
    held = store(CommandTopology.HELD_STORE, HeldCommand.class);
    add(held);
    add(new ReadModelBatch(batch -> { }));
  }

  private <V> KeyValueStore<String, V> store(String name, Class<V> type) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), JsonSerde.of(type))
        .withLoggingDisabled().build();
  }

  private void add(StateStore store) {
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
  }

  private CommandProcessor processor() {
    CommandProcessor processor = new CommandProcessor(new FaultAgent("projector-test", rules, null, null, Clock.systemUTC()));
    processor.init(context);
    return processor;
  }

  private static PutObject put(String id) {
    return new PutObject(id, BucketName.of("photos"), ObjectKey.of("doc"), BlobRef.of(BlobId.random(), 5, "md5"), null,
        new ObjectMetadata(null, Map.of(), Map.of(), Map.of()), null, T);
  }

  @Test
  void anIdleProjectorHasNoClock() {
    processor();
    assertThat(context.scheduledPunctuators()).as("nothing held, so nothing to release on the clock").isEmpty();
  }

  @Test
  void aHeldCommandRunsTheClockUntilItIsReleased() {
    CommandProcessor processor = processor();
    rules.chaos().put(Topics.COMMANDS, new ChaosTopic(Topics.COMMANDS, null, null, null, null, null, null, null, 1L, T, 1.0, 5));
    context.setCurrentSystemTimeMs(1_000);
    context.setRecordMetadata(Topics.COMMANDS, 0, 7);
    processor.process(new Record<String, Command>("photos", put("held"), 1_000));

    assertThat(held.approximateNumEntries()).as("the reordered command is held").isEqualTo(1);
    assertThat(context.scheduledPunctuators()).singleElement().satisfies(clock -> assertThat(clock.cancelled()).isFalse());
    CapturedPunctuator clock = context.scheduledPunctuators().get(0);

    clock.getPunctuator().punctuate(1_000 + CommandProcessor.MAX_HOLD.toMillis());
    assertThat(held.approximateNumEntries()).as("released once held for MAX_HOLD").isZero();
    assertThat(context.forwarded()).as("and applied").hasSize(1);
    assertThat(clock.cancelled()).as("nothing held any more: the clock stops").isTrue();
  }

  @Test
  void aCommandStillHeldWhenTheTaskStartsRunsTheClock() {
    held.put("00000000000000000007", new HeldCommand(put("restored"), 5, 1_000, 1_000));
    processor();
    assertThat(context.scheduledPunctuators()).singleElement().satisfies(clock -> assertThat(clock.cancelled()).isFalse());
  }
}
