package io.mocks3.faults.topics;

import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.blob.BlobStored;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.history.HistoryRecord;
import io.mocks3.schemas.run.Run;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * How a record of a {@code mocks3.*} topic is shown: read as its schema's type where the topic has
 * one (a command, an event, a fault event...), so what is shown is what the consumers read; as
 * text otherwise (JSON the console formats itself); the blob log's binary chunks only by size.
 */
final class RecordDecoding {
  private static final Map<String, JsonSerde<?>> SCHEMAS = Map.of(
      Topics.COMMANDS, JsonSerde.of(Command.class),
      Topics.EVENTS, JsonSerde.of(Event.class),
      Topics.BLOB_ACKS, JsonSerde.of(BlobStored.class),
      Topics.FAULT_EVENTS, JsonSerde.of(FaultEvent.class),
      Topics.RUNS, JsonSerde.of(Run.class),
      Topics.HISTORY, JsonSerde.of(HistoryRecord.class));
  private static final Map<String, String> TYPE_NAMES = Map.of(Topics.COMMANDS, "Command", Topics.EVENTS, "Event",
      Topics.BLOB_ACKS, "BlobStored", Topics.FAULT_EVENTS, "FaultEvent", Topics.RUNS, "Run", Topics.HISTORY, "HistoryRecord");
  private static final int MAX_TEXT = 64 * 1024;

  private RecordDecoding() {}

  /** The schema type a topic's records are read as, if it has one (a DLQ has its topic's). */
  static Optional<String> schemaOf(String topic) {
    return Optional.ofNullable(TYPE_NAMES.get(base(topic)));
  }

  /** A dead-letter or retry topic holds its original topic's records. */
  private static String base(String topic) {
    return topic.replaceFirst("\\.dlq$", "").replaceFirst("\\.retry-\\d+$", "");
  }

  /** What a value is shown as: the decoded record, the text, or for binary only its size. */
  record Decoded(Object value, String text, String error) {}

  static Decoded decode(String topic, byte[] value) {
    if (value == null) {
      return new Decoded(null, null, null);
    }
    if (base(topic).equals(Topics.BLOBS)) {
      return new Decoded(null, null, "a binary blob chunk of " + value.length + " bytes");
    }
    String text = new String(value, 0, Math.min(value.length, MAX_TEXT), StandardCharsets.UTF_8);
    JsonSerde<?> serde = SCHEMAS.get(base(topic));
    if (serde == null) {
      return new Decoded(null, text, null);
    }
    try {
      return new Decoded(serde.deserialize(topic, value), text, null);
    } catch (RuntimeException e) {
      // Poison and records of another version are exactly what a person looks for here: shown, not hidden.
      return new Decoded(null, text, "not a " + TYPE_NAMES.get(base(topic)) + ": " + e.getMessage());
    }
  }
}
