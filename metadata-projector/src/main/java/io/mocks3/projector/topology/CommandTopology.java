package io.mocks3.projector.topology;

import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.projector.core.BucketState;
import io.mocks3.projector.core.ObjectState;
import io.mocks3.projector.core.UploadState;
import io.mocks3.projector.projection.MetadataProjection;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.notification.S3Event;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * commands → (chaos gate) → decide against bucket/object state → events, and the S3 event
 * notifications they send; the events of each commit go into the read model as one batch just
 * before the commit ({@link ReadModelBatch}); commands a chaos topic dead-letters go to
 * {@code mocks3.commands.dlq}.
 */
public final class CommandTopology {
  public static final String BUCKETS_STORE = "buckets";
  public static final String OBJECTS_STORE = "objects";
  public static final String UPLOADS_STORE = "uploads";
  /** Commands a chaos topic holds back to apply later (reordering). */
  public static final String HELD_STORE = "held-commands";

  private CommandTopology() {}

  static final String EVENTS_SINK = "events";
  static final String DEAD_LETTER_SINK = "commands-dlq";
  static final String NOTIFICATIONS_SINK = "notifications";

  /**
   * @param faults the agent whose chaos topics act on the commands this projector consumes; null
   *     for none
   */
  public static Topology build(MetadataProjection projection, FaultAgent faults) {
    return addTo(new Topology(), projection, faults);
  }

  /** Adds the command topology's nodes and stores to {@code topology} (spring-kafka's factory bean builds it). */
  public static Topology addTo(Topology topology, MetadataProjection projection, FaultAgent faults) {
    topology.addSource("commands", Serdes.String().deserializer(), JsonSerde.of(Command.class), Topics.COMMANDS);
    topology.addProcessor("decide", () -> new CommandProcessor(faults), "commands");
    // Cached: every command rewrites its bucket's state (sequence, count), and a commit writes the last
    // of them once to RocksDB and the changelog instead of once per command.
    topology.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BUCKETS_STORE), Serdes.String(), JsonSerde.of(BucketState.class))
            .withCachingEnabled(),
        "decide");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OBJECTS_STORE), Serdes.String(), JsonSerde.of(ObjectState.class)),
        "decide");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(UPLOADS_STORE), Serdes.String(), JsonSerde.of(UploadState.class)),
        "decide");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HELD_STORE), Serdes.String(), JsonSerde.of(HeldCommand.class)),
        "decide");
    topology.addStateStore(new ReadModelBatch.Builder(projection), "decide");
    topology.addSink(EVENTS_SINK, Topics.EVENTS, Serdes.String().serializer(), JsonSerde.of(Event.class), "decide");
    topology.addSink(NOTIFICATIONS_SINK, Topics.NOTIFICATIONS, Serdes.String().serializer(), JsonSerde.of(S3Event.class),
        "decide");
    topology.addSink(DEAD_LETTER_SINK, Topics.deadLetterOf(Topics.COMMANDS), Serdes.String().serializer(),
        JsonSerde.of(Command.class), "decide");
    return topology;
  }
}
