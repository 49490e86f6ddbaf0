package io.mocks3.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.RuleBook;
import io.mocks3.projector.projection.MetadataProjection;
import io.mocks3.schemas.DeadLetters;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.command.CreateBucket;
import io.mocks3.schemas.command.DeleteBucket;
import io.mocks3.schemas.command.DeleteObject;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.PutObject;
import io.mocks3.schemas.command.SetBucketConfig;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.notification.NotificationConfiguration;
import io.mocks3.schemas.notification.S3Event;
import io.mocks3.schemas.event.BucketCreated;
import io.mocks3.schemas.event.CommandRejected;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.ObjectDeleted;
import io.mocks3.kafkaconfig.KafkaSettings;
import io.mocks3.projector.MetadataProjectorApplication;
import io.mocks3.projector.ProjectorProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTopologyTest {
  private static final BucketName BUCKET = BucketName.of("photos");
  private static final Instant T = Instant.parse("2026-11-22T12:00:00Z");
  @TempDir Path stateDir;
  private final List<Event> projected = new ArrayList<>();
  /** The command ids of each batch the read model was given. */
  private final List<List<String>> batches = new ArrayList<>();
  private boolean readModelDown;
  private final RuleBook faultRules = new RuleBook();
  private TopologyTestDriver driver;
  private TestInputTopic<String, Command> commands;
  private TestOutputTopic<String, Event> events;

  @BeforeEach
  void start() {
    MetadataProjection recording = batch -> {
      if (readModelDown) {
        throw new IllegalStateException("read model down");
      }
      batches.add(batch.stream().map(p -> p.event().commandId()).toList());
      batch.forEach(p -> projected.add(p.event()));
    };
    Properties props = MetadataProjectorApplication.streamsConfig(new ProjectorProperties(
        new KafkaSettings("unused:9092"), "projector-test", "test-1", stateDir, Duration.ofMillis(5), null, null));
    driver = new TopologyTestDriver(CommandTopology.build(recording,
        new FaultAgent("projector-test", faultRules, null, null, java.time.Clock.systemUTC())), props);
    commands = driver.createInputTopic(Topics.COMMANDS, Serdes.String().serializer(), JsonSerde.of(Command.class));
    events = driver.createOutputTopic(Topics.EVENTS, Serdes.String().deserializer(), JsonSerde.of(Event.class));
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void send(Command c) {
    commands.pipeInput(c.bucket().value(), c);
  }

  private static PutObject put(String id, String key) {
    return new PutObject(id, BUCKET, ObjectKey.of(key), BlobRef.of(BlobId.random(), 5, "md5"), null,
        new ObjectMetadata(null, Map.of(), Map.of(), Map.of()), null, T);
  }

  @Test
  void everyCommandYieldsOneEventKeyedByBucketAndProjectedBeforeItIsEmitted() {
    send(new CreateBucket("c1", BUCKET, T));
    send(put("c2", "a"));
    send(new DeleteObject("c3", BUCKET, ObjectKey.of("a"), T));

    List<Event> out = events.readValuesToList();
    assertThat(out).hasSize(3);
    assertThat(out.get(0)).isInstanceOf(BucketCreated.class);
    assertThat(out.get(1)).isInstanceOfSatisfying(ObjectCreated.class, e -> assertThat(e.sequence()).isEqualTo(2));
    assertThat(out.get(2)).isInstanceOfSatisfying(ObjectDeleted.class, e -> assertThat(e.removed()).isNotNull());
    assertThat(projected).containsExactlyElementsOf(out);
  }

  @Test
  void eachCommitGivesTheReadModelItsEventsAsOneBatchAndAFailedBatchFailsTheCommit() {
    send(new CreateBucket("c1", BUCKET, T));
    send(put("c2", "a"));
    // The test driver commits after every record: one batch per command, each applied before its commit.
    assertThat(batches).containsExactly(List.of("c1"), List.of("c2"));

    readModelDown = true;
    assertThatThrownBy(() -> send(put("c3", "b"))).isInstanceOf(StreamsException.class)
        .rootCause().hasMessage("read model down");
    assertThat(batches).hasSize(2);
    // The failed batch is kept, not dropped: the driver's closing commit applies it.
    readModelDown = false;
  }

  @Test
  void stateCarriesAcrossCommandsSoInvariantsHold() {
    send(put("c0", "early"));
    send(new CreateBucket("c1", BUCKET, T));
    send(put("c2", "a"));
    send(new DeleteBucket("c3", BUCKET, T));
    send(new DeleteObject("c4", BUCKET, ObjectKey.of("a"), T));
    send(new DeleteBucket("c5", BUCKET, T));
    send(new CreateBucket("c6", BUCKET, T));

    List<Event> out = events.readValuesToList();
    assertThat(out).extracting(Event::commandId).containsExactly("c0", "c1", "c2", "c3", "c4", "c5", "c6");
    assertThat(((CommandRejected) out.get(0)).errorCode()).isEqualTo("NoSuchBucket");
    assertThat(((CommandRejected) out.get(3)).errorCode()).isEqualTo("BucketNotEmpty");
    assertThat(out.get(6)).isInstanceOf(BucketCreated.class);
    assertThat(out.get(6).sequence()).isGreaterThan(out.get(5).sequence());
  }

  private void chaos(double loss, double deadLetter, double duplicate) {
    faultRules.chaos().put(Topics.COMMANDS,
        new ChaosTopic(Topics.COMMANDS, loss, duplicate, deadLetter, null, null, null, null, 1L, T));
  }

  @Test
  void aLostCommandIsConsumedButNeverDecided() {
    send(new CreateBucket("c1", BUCKET, T));
    chaos(1.0, 0, 0);
    send(put("lost", "a"));
    faultRules.chaos().put(Topics.COMMANDS, null);
    send(put("kept", "b"));
    assertThat(events.readValuesToList()).extracting(Event::commandId).containsExactly("c1", "kept");
  }

  @Test
  void aDeadLetteredCommandGoesToTheDlqWithItsOriginAndReason() {
    TestOutputTopic<String, Command> dlq = driver.createOutputTopic(Topics.deadLetterOf(Topics.COMMANDS),
        Serdes.String().deserializer(), JsonSerde.of(Command.class));
    send(new CreateBucket("c1", BUCKET, T));
    chaos(0, 1.0, 0);
    send(put("parked", "a"));
    assertThat(events.readValuesToList()).extracting(Event::commandId).containsExactly("c1");
    var parked = dlq.readRecord();
    assertThat(parked.value().commandId()).isEqualTo("parked");
    assertThat(parked.key()).isEqualTo("photos");
    assertThat(new String(parked.headers().lastHeader(DeadLetters.ORIGINAL_TOPIC).value())).isEqualTo(Topics.COMMANDS);
    assertThat(new String(parked.headers().lastHeader(DeadLetters.ORIGINAL_OFFSET).value())).isEqualTo("1");
    assertThat(new String(parked.headers().lastHeader(DeadLetters.REASON).value())).contains("chaos");
    assertThat(new String(parked.headers().lastHeader(DeadLetters.DLT_ORIGINAL_TOPIC).value())).isEqualTo(Topics.COMMANDS);
    assertThat(java.nio.ByteBuffer.wrap(parked.headers().lastHeader(DeadLetters.DLT_ORIGINAL_OFFSET).value()).getLong())
        .isEqualTo(1L);
    assertThat(new String(parked.headers().lastHeader(DeadLetters.DLT_ORIGINAL_CONSUMER_GROUP).value()))
        .as("a Streams application's group is its id").isEqualTo("projector-test");
    assertThat(new String(parked.headers().lastHeader(DeadLetters.FAULT_RULE).value())).isEqualTo("chaos:" + Topics.COMMANDS);
  }

  @Test
  void aDuplicatedCommandIsDecidedTwiceAndLeavesTheSameObject() {
    send(new CreateBucket("c1", BUCKET, T));
    chaos(0, 0, 1.0);
    send(put("twice", "a"));
    List<Event> out = events.readValuesToList();
    assertThat(out).extracting(Event::commandId).containsExactly("c1", "twice", "twice");
    ObjectCreated first = (ObjectCreated) out.get(1);
    ObjectCreated second = (ObjectCreated) out.get(2);
    assertThat(second.blob()).isEqualTo(first.blob());
    assertThat(second.replaced()).as("the second application replaces the first with the same blob").isEqualTo(first.blob());
  }

  @Test
  void aReorderedCommandIsAppliedAfterTheNextOneSoTheEarlierWriteWins() {
    send(new CreateBucket("c1", BUCKET, T));
    faultRules.chaos().put(Topics.COMMANDS, new ChaosTopic(Topics.COMMANDS, null, null, null, null, null, null, null, 1L, T,
        1.0, 1));
    send(put("first", "doc"));
    faultRules.chaos().put(Topics.COMMANDS, null);
    send(put("second", "doc"));
    List<Event> out = events.readValuesToList();
    assertThat(out).extracting(Event::commandId).containsExactly("c1", "second", "first");
    assertThat(((ObjectCreated) out.get(2)).replaced()).as("the earlier write replaced the later one")
        .isEqualTo(((ObjectCreated) out.get(1)).blob());
  }

  @Test
  void aReorderedCommandThatNothingOvertakesIsAppliedWithinASecond() {
    send(new CreateBucket("c1", BUCKET, T));
    faultRules.chaos().put(Topics.COMMANDS, new ChaosTopic(Topics.COMMANDS, null, null, null, null, null, null, null, 1L, T,
        1.0, 5));
    send(put("held", "doc"));
    assertThat(events.readValuesToList()).extracting(Event::commandId).containsExactly("c1");
    driver.advanceWallClockTime(Duration.ofMillis(1100));
    assertThat(events.readValuesToList()).extracting(Event::commandId).containsExactly("held");
  }

  @Test
  void aPoisonCommandIsSkippedAndProcessingGoesOn() {
    driver.createInputTopic(Topics.COMMANDS, Serdes.String().serializer(), Serdes.ByteArray().serializer())
        .pipeInput("photos", "{not json".getBytes());
    send(new CreateBucket("c1", BUCKET, T));
    assertThat(events.readValuesToList()).singleElement().isInstanceOf(BucketCreated.class);
  }

  @Test
  void anObjectWrittenUnderAConfiguredPrefixSendsOneS3EventToItsDestination() throws Exception {
    send(new CreateBucket("c0", BUCKET, T));
    NotificationConfiguration config = new NotificationConfiguration(List.of(new NotificationConfiguration.Destination(
        "images", NotificationConfiguration.Type.QUEUE, "arn:aws:sqs:us-east-1:000000000000:q", List.of("s3:ObjectCreated:*"),
        "img/", null)));
    send(new SetBucketConfig("c1", BUCKET, NotificationConfiguration.KIND, Json.mapper().writeValueAsString(config), T));
    send(put("c2", "img/a b.png"));
    send(put("c3", "doc/x.txt"));

    TestOutputTopic<String, S3Event> notifications =
        driver.createOutputTopic(Topics.NOTIFICATIONS, Serdes.String().deserializer(), JsonSerde.of(S3Event.class));
    var sent = notifications.readRecordsToList();
    assertThat(sent).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo("photos");
      assertThat(new String(r.headers().lastHeader(S3Event.DESTINATION_HEADER).value())).isEqualTo("arn:aws:sqs:us-east-1:000000000000:q");
      S3Event.Record record = r.value().records().get(0);
      assertThat(record.eventName()).isEqualTo("ObjectCreated:Put");
      assertThat(record.s3().configurationId()).isEqualTo("images");
      assertThat(record.s3().object().key()).isEqualTo("img/a+b.png");
      assertThat(record.s3().object().size()).isEqualTo(5);
    });
  }
}
