package io.mocks3.projector.topology;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.mocks3.faults.agent.ConsumedRecord;
import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.schemas.fault.FaultSubject;
import io.mocks3.faults.agent.ChaosGate;
import io.mocks3.faults.agent.StreamChaos;
import io.mocks3.projector.core.BucketState;
import io.mocks3.projector.core.CommandDecider;
import io.mocks3.projector.core.Notifications;
import io.mocks3.projector.core.ObjectState;
import io.mocks3.projector.core.UploadState;
import io.mocks3.projector.projection.ProjectedEvent;
import io.mocks3.schemas.DeadLetters;
import io.mocks3.kafkaconfig.KafkaTracing;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.event.CommittedOutcomes;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.notification.S3Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.MDC;

/**
 * Decides one command against the stores, adds its event to the read-model batch of the next
 * commit ({@link ReadModelBatch}) and forwards it: the batch's PostgreSQL transaction commits
 * before the Kafka transaction that makes the event visible, so a gateway that sees the event (read
 * committed) can already read what it describes.
 */
final class CommandProcessor implements Processor<String, Command, String, Object> {
  static final String CONSUMER = "metadata-projector";
  /** The longest a reordered command is held back when no later command overtakes it. */
  static final Duration MAX_HOLD = Duration.ofSeconds(1);
  /** How often the clock looks for held commands whose {@link #MAX_HOLD} has passed. */
  private static final Duration RELEASE_INTERVAL = Duration.ofMillis(250);
  /**
   * A command appended longer ago than this finds the projector behind. A command that does not,
   * and is the last one polled, is committed at once with those decided before it (their writers
   * may be waiting); behind, the batch grows until the commit interval, so that one PostgreSQL and
   * one Kafka transaction carry hundreds of commands while a backlog drains (Kafka Streams commits
   * on its interval, or at once when a processor asks).
   */
  static final Duration BEHIND = Duration.ofMillis(200);
  /**
   * From a command's append to the log (its record's timestamp, the gateway's clock) to its
   * decision here: the log's delivery, and the queue when the projector is behind. What follows is
   * timed by {@code projection_transaction_seconds} (the read model's transaction) and the producer's
   * {@code kafka_producer_txn_*_time_ns_total} (the Kafka transaction).
   */
  private static final Timer QUEUED = Timer.builder("mocks3.command.hop").tag("hop", "queued")
      .description("from a command's append to the log to its decision by the projector")
      .publishPercentiles(0.5, 0.99).register(Metrics.globalRegistry);
  private final ChaosGate chaos;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, BucketState> buckets;
  private KeyValueStore<String, ObjectState> objects;
  private KeyValueStore<String, UploadState> uploads;
  private KeyValueStore<String, HeldCommand> held;
  /** How many commands {@link #held} holds: most of the time none, and then no command scans it. */
  private long heldCount;
  /**
   * The clock that releases held commands, scheduled only while some are held: run always, it woke
   * every task four times a second for nothing, and Streams then marked the task for a commit (which
   * found nothing to commit: no transaction reached the broker, so the idle stack's CPU did not change).
   */
  private Cancellable releaseClock;
  /**
   * The task's bucket states as last put into {@link #buckets}: every command reads its bucket, and
   * decoding it from the store each time (a RocksDB get and JSON) was a tenth of the per-command
   * work. This processor is the store's only writer, and Streams calls {@link #init} again whenever
   * it resets the task's stores (a corrupted task is restored and re-initialised), which empties it.
   */
  private final Map<String, BucketState> bucketStates = new HashMap<>();
  private ReadModelBatch readModel;

  CommandProcessor(FaultAgent faults) {
    this.chaos = new ChaosGate(faults, CONSUMER);
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.buckets = context.getStateStore(CommandTopology.BUCKETS_STORE);
    this.objects = context.getStateStore(CommandTopology.OBJECTS_STORE);
    this.uploads = context.getStateStore(CommandTopology.UPLOADS_STORE);
    this.held = context.getStateStore(CommandTopology.HELD_STORE);
    this.readModel = context.getStateStore(ReadModelBatch.NAME);
    this.heldCount = countHeld();
    this.bucketStates.clear();
    if (releaseClock != null) {
      releaseClock.cancel();
      releaseClock = null;
    }
    runReleaseClockWhileHeld();
  }

  /** Starts the release clock when commands are held and stops it when none are (see {@link #releaseClock}). */
  private void runReleaseClockWhileHeld() {
    if (heldCount > 0 && releaseClock == null) {
      releaseClock = context.schedule(RELEASE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> releaseHeld(now, false));
    } else if (heldCount == 0 && releaseClock != null) {
      releaseClock.cancel();
      releaseClock = null;
    }
  }

  @Override
  public void process(Record<String, Command> record) {
    Command command = record.value();
    if (command == null) {
      return;
    }
    QUEUED.record(Math.max(0, System.currentTimeMillis() - record.timestamp()), java.util.concurrent.TimeUnit.MILLISECONDS);
    // One span per command, in the trace of the request that wrote it; its log lines and the faults
    // that hit it (a failed read-model transaction, say) name the command and the client request.
    String requestId = FaultSubject.requestId(name -> {
      var header = record.headers().lastHeader(name);
      return header == null ? null : header.value();
    });
    try (var commandInLog = MDC.putCloseable("commandId", command.commandId());
        var requestInLog = MDC.putCloseable("requestId", requestId)) {
      KafkaTracing.consume("mocks3.command " + command.getClass().getSimpleName(), Topics.COMMANDS, record.headers(), () -> {
        processCommand(record, command, requestId);
        return null;
      });
    }
    if (context.currentSystemTimeMs() - record.timestamp() < BEHIND.toMillis() && caughtUp()) {
      context.commit();
    }
  }

  /** Whether the command just decided is the last one this thread has polled (see {@link PolledOffsets}). */
  private boolean caughtUp() {
    return context.recordMetadata().map(m -> PolledOffsets.isLastPolled(m.topic(), m.partition(), m.offset())).orElse(true);
  }

  private void processCommand(Record<String, Command> record, Command command, String requestId) {
    StreamChaos.Fate fate = chaos.admit(consumed(record, requestId), () -> decideAndApply(record, command),
        cause -> deadLetter(record, cause), verdict -> hold(record, command, verdict));
    if (fate == StreamChaos.Fate.PASS || fate == StreamChaos.Fate.DUPLICATE) {
      releaseHeld(context.currentSystemTimeMs(), true);
    }
  }

  private long countHeld() {
    long count = 0;
    try (KeyValueIterator<String, HeldCommand> all = held.all()) {
      for (; all.hasNext(); all.next()) {
        count++;
      }
    }
    return count;
  }

  /** Keeps a command back (reordering) until {@code window} later commands were applied. */
  private void hold(Record<String, Command> record, Command command, StreamChaos.Verdict verdict) {
    long offset = context.recordMetadata().map(m -> m.offset()).orElse(-1L);
    held.put(String.format("%020d", offset),
        new HeldCommand(command, verdict.chaos().window(), context.currentSystemTimeMs(), record.timestamp()));
    heldCount++;
    runReleaseClockWhileHeld();
  }

  /**
   * Applies the held commands whose turn has come: after a command was applied ({@code overtaken})
   * each held one counts it and goes once its window of later commands has passed; on the clock,
   * those held longer than {@link #MAX_HOLD} go (a quiet topic does not keep them forever).
   */
  private void releaseHeld(long now, boolean overtaken) {
    if (heldCount == 0) {
      return;
    }
    List<KeyValue<String, HeldCommand>> due = new ArrayList<>();
    try (KeyValueIterator<String, HeldCommand> all = held.all()) {
      while (all.hasNext()) {
        KeyValue<String, HeldCommand> entry = all.next();
        HeldCommand h = overtaken ? entry.value.overtaken() : entry.value;
        if (h.remaining() <= 0 || now - h.heldAtMillis() >= MAX_HOLD.toMillis()) {
          due.add(KeyValue.pair(entry.key, h));
        } else if (overtaken) {
          held.put(entry.key, h);
        }
      }
    }
    for (KeyValue<String, HeldCommand> entry : due) {
      held.delete(entry.key);
      heldCount--;
      Command command = entry.value.command();
      decideAndApply(new Record<>(command.bucket().value(), command, entry.value.timestamp()), command);
    }
    runReleaseClockWhileHeld();
  }

  /** The command as stream chaos sees it: its place on the log, its bucket (the key chaos filters on), its S3 terms. */
  private ConsumedRecord consumed(Record<String, Command> record, String requestId) {
    var meta = context.recordMetadata();
    Command command = record.value();
    return new ConsumedRecord(Topics.COMMANDS, meta.map(m -> m.partition()).orElse(-1),
        meta.map(m -> m.offset()).orElse(-1L), command.bucket().value(), FaultSubject.of(command, requestId));
  }

  /** To {@code mocks3.commands.dlq}, keyed by bucket, with the dead-letter headers. */
  private void deadLetter(Record<String, Command> record, DeadLetters.Cause cause) {
    var meta = context.recordMetadata();
    DeadLetters.Origin origin = new DeadLetters.Origin(Topics.COMMANDS, meta.map(m -> m.partition()).orElse(-1),
        meta.map(m -> m.offset()).orElse(-1L), record.timestamp(), CONSUMER, context.applicationId());
    context.forward(record.withKey(record.value().bucket().value()).withHeaders(DeadLetters.describe(record.headers(), origin,
        cause)), CommandTopology.DEAD_LETTER_SINK);
  }

  private void decideAndApply(Record<String, Command> record, Command command) {
    String bucketName = command.bucket().value();
    BucketState bucket = bucketState(bucketName);
    String objectId = storeKey(bucketName, CommandDecider.namedKey(command));
    String uploadId = storeKey(bucketName, CommandDecider.namedUpload(command));
    ObjectState object = objectId == null ? null : objects.get(objectId);
    UploadState upload = uploadId == null ? null : uploads.get(uploadId);

    Event event = CommandDecider.decide(command, bucket, object, upload);
    readModel.add(new ProjectedEvent(event, MDC.get("requestId"),
        record.headers().lastHeader(CommittedOutcomes.AWAITED_HEADER) != null));
    ObjectState after = objectId == null ? null : CommandDecider.evolveObject(object, event);
    BucketState bucketAfter = CommandDecider.evolve(bucket, event, object, after);
    buckets.put(bucketName, bucketAfter);
    bucketStates.put(bucketName, bucketAfter);
    if (objectId != null) {
      putOrDelete(objects, objectId, object, after);
    }
    if (uploadId != null) {
      putOrDelete(uploads, uploadId, upload, CommandDecider.evolveUpload(upload, event));
    }
    context.forward(record.withKey(bucketName).<Object>withValue(event), CommandTopology.EVENTS_SINK);
    for (Notifications.Notification n : Notifications.of(bucket, event)) {
      Headers headers = new RecordHeaders(record.headers().toArray());
      headers.remove(S3Event.DESTINATION_HEADER).add(S3Event.DESTINATION_HEADER, utf8(n.destination().arn()));
      if (n.destination().id() != null) {
        headers.remove(S3Event.CONFIGURATION_ID_HEADER).add(S3Event.CONFIGURATION_ID_HEADER, utf8(n.destination().id()));
      }
      context.forward(new Record<String, Object>(bucketName, n.event(), record.timestamp(), headers),
          CommandTopology.NOTIFICATIONS_SINK);
    }
  }

  private BucketState bucketState(String name) {
    BucketState known = bucketStates.get(name);
    if (known != null) {
      return known;
    }
    BucketState stored = buckets.get(name);
    return stored == null ? BucketState.absent(name) : stored;
  }

  private static byte[] utf8(String value) {
    return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static <V> void putOrDelete(KeyValueStore<String, V> store, String key, V before, V value) {
    if (value == before) {
      return;
    }
    if (value == null) {
      store.delete(key);
    } else {
      store.put(key, value);
    }
  }

  /** Store key of a bucket's object or upload: bucket, NUL, name (names cannot contain NUL). */
  private static String storeKey(String bucket, String name) {
    return name == null ? null : bucket + '\0' + name;
  }
}
