package io.mocks3.schemas.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.blob.BlobStored;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import io.mocks3.schemas.command.AbortMultipartUpload;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.command.CompleteMultipartUpload;
import io.mocks3.schemas.command.CompleteMultipartUpload.ChosenPart;
import io.mocks3.schemas.command.CreateBucket;
import io.mocks3.schemas.command.CreateMultipartUpload;
import io.mocks3.schemas.command.DeleteBucket;
import io.mocks3.schemas.command.DeleteObject;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.PutObject;
import io.mocks3.schemas.command.SetBucketConfig;
import io.mocks3.schemas.command.SetObjectAcl;
import io.mocks3.schemas.command.SetObjectLock;
import io.mocks3.schemas.command.SetObjectTags;
import io.mocks3.schemas.command.UploadChecksum;
import io.mocks3.schemas.command.UploadPart;
import io.mocks3.schemas.command.WriteCondition;
import io.mocks3.schemas.event.BucketConfigSet;
import io.mocks3.schemas.event.BucketCreated;
import io.mocks3.schemas.event.BucketDeleted;
import io.mocks3.schemas.event.CommandRejected;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.MultipartCompletionRepeated;
import io.mocks3.schemas.event.MultipartUploadAborted;
import io.mocks3.schemas.event.MultipartUploadCreated;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.ObjectDeleted;
import io.mocks3.schemas.event.ObjectAclSet;
import io.mocks3.schemas.event.ObjectLockSet;
import io.mocks3.schemas.event.ObjectTagsSet;
import io.mocks3.schemas.event.PartUploadSuperseded;
import io.mocks3.schemas.event.PartUploaded;
import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.Condition;
import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.fault.FaultRule;
import io.mocks3.schemas.fault.FaultSubject;
import io.mocks3.schemas.fault.ProcessOrder;
import io.mocks3.schemas.history.HistoryRecord;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration;
import io.mocks3.schemas.lock.ObjectLock;
import io.mocks3.schemas.lock.ObjectLockConfiguration;
import io.mocks3.schemas.notification.NotificationConfiguration;
import io.mocks3.schemas.notification.S3Event;
import io.mocks3.schemas.origin.OriginConfiguration;
import io.mocks3.schemas.run.Run;
import io.mocks3.schemas.sse.Encryption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message type on the wire, written and read with {@link Json#mapper()}: the exact strings are the ones the
 * Jackson 2 code wrote (fixtures), so a topic's old records still read and what we write now is what we wrote then.
 * Maps hold one entry, or are sorted by the record, so that the order of entries is fixed.
 */
class SchemasWireTest {
  private static final GoldenFixtures GOLDEN = new GoldenFixtures(Path.of("src/test/resources/golden"));
  private static final Instant AT = Instant.parse("2026-11-22T10:15:30.123Z");
  private static final Instant LATER = Instant.parse("2026-11-22T10:16:00Z");
  private static final BucketName BUCKET = BucketName.of("photos");
  private static final ObjectKey KEY = ObjectKey.of("2026/cat & dog \"ü\".jpg");
  private static final BlobRef BLOB = new BlobRef(BlobId.of("0b7c7a1e-3f4d-4e38-9d5a-5a2f6d1c9e01"), 5,
      "5d41402abc4b2a76b9719d911017c592", new TreeMap<>(Map.of(ChecksumAlgorithm.CRC32, "NhCmhg==",
          ChecksumAlgorithm.SHA256, "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=")));
  private static final BlobRef PART = BlobRef.of(BlobId.of("a6f1c2d3-0000-4000-8000-000000000002"), 5_242_880, "0123abcd");
  private static final ObjectMetadata METADATA = new ObjectMetadata("image/jpeg",
      Map.of("Cache-Control", "no-cache", "Content-Disposition", "inline"), Map.of("owner", "ann"), Map.of("k", "v"));

  /** {@code readBack} differs from {@code value} where the wire is written by a derived getter (FaultRule.isEnabled). */
  record Case(String name, Class<?> type, Object value, Object readBack) {
    Case(String name, Class<?> type, Object value) {
      this(name, type, value, value);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> messages() {
    return Stream.of(commands(), events(), faults(), others()).flatMap(s -> s);
  }

  private static Stream<Case> commands() {
    return Stream.of(
        new Case("command-create-bucket.json", Command.class, new CreateBucket("c-1", BUCKET, AT)),
        new Case("command-delete-bucket.json", Command.class, new DeleteBucket("c-2", BUCKET, AT)),
        new Case("command-put-object.json", Command.class,
            new PutObject("c-3", BUCKET, KEY, BLOB, null, METADATA, new WriteCondition("\"etag\"", true), AT)),
        new Case("command-put-object-parts.json", Command.class,
            new PutObject("c-3b", BUCKET, KEY, BLOB, List.of(PART, BLOB), new ObjectMetadata(null, null, null, null), null, AT)),
        new Case("command-delete-object.json", Command.class,
            new DeleteObject("c-4", BUCKET, KEY, "v-1", AT, new WriteCondition(null, false))),
        new Case("command-set-object-tags.json", Command.class, new SetObjectTags("c-5", BUCKET, KEY, Map.of("a", "b"), AT)),
        new Case("command-set-object-lock.json", Command.class, new SetObjectLock("c-5b", BUCKET, KEY, "v-1",
            new SetObjectLock.Retention(ObjectLock.GOVERNANCE, LATER), ObjectLock.ON, true, AT)),
        new Case("command-set-object-acl.json", Command.class, new SetObjectAcl("c-5c", BUCKET, KEY, "v-1",
            Map.of("x-amz-acl", "public-read"), AT)),
        new Case("command-create-bucket-object-lock.json", Command.class, new CreateBucket("c-1b", BUCKET, AT, null, true)),
        new Case("command-delete-object-bypass.json", Command.class,
            new DeleteObject("c-4b", BUCKET, KEY, "v-1", AT, null, true)),
        new Case("command-set-bucket-config.json", Command.class,
            new SetBucketConfig("c-6", BUCKET, "lifecycle", "{\"rules\":[]}", AT)),
        new Case("command-create-multipart.json", Command.class, new CreateMultipartUpload("c-7", BUCKET, KEY, "u-1", METADATA,
            AT, new UploadChecksum(ChecksumAlgorithm.CRC64NVME, true))),
        new Case("command-upload-part.json", Command.class, new UploadPart("c-8", BUCKET, KEY, "u-1", 2, PART, AT, LATER)),
        new Case("command-complete-multipart.json", Command.class, new CompleteMultipartUpload("c-9", BUCKET, KEY, "u-1",
            List.of(new ChosenPart(1, "\"e1\"", Map.of(ChecksumAlgorithm.CRC32C, "yZRlqg==")), new ChosenPart(2, "\"e2\"")),
            new WriteCondition("\"x\"", false), AT, Map.of(ChecksumAlgorithm.SHA1, "qvTGHdzF6KLavt4PO0gs2a6pQ00="))),
        new Case("command-abort-multipart.json", Command.class, new AbortMultipartUpload("c-10", BUCKET, KEY, "u-1", AT)));
  }

  private static Stream<Case> events() {
    return Stream.of(
        new Case("event-bucket-created.json", Event.class, new BucketCreated("c-1", BUCKET, 1, AT)),
        new Case("event-bucket-deleted.json", Event.class, new BucketDeleted("c-2", BUCKET, 2, AT)),
        new Case("event-object-created.json", Event.class,
            new ObjectCreated("c-3", BUCKET, 3, AT, KEY, BLOB, METADATA, PART, "u-1", List.of(PART), "v-3")),
        new Case("event-object-deleted.json", Event.class, new ObjectDeleted("c-4", BUCKET, 4, AT, KEY, BLOB, "v-4", true, true)),
        new Case("event-object-tags-set.json", Event.class, new ObjectTagsSet("c-5", BUCKET, 5, AT, KEY, Map.of("t", "1"))),
        new Case("event-object-lock-set.json", Event.class,
            new ObjectLockSet("c-5b", BUCKET, 5, AT, KEY, "v-1", new ObjectLock(ObjectLock.COMPLIANCE, LATER, ObjectLock.OFF))),
        new Case("event-object-acl-set.json", Event.class, new ObjectAclSet("c-5c", BUCKET, 5, AT, KEY, "v-1",
            Map.of("x-amz-grant-read", "uri=\"http://acs.amazonaws.com/groups/global/AllUsers\""))),
        new Case("event-bucket-created-object-lock.json", Event.class, new BucketCreated("c-1b", BUCKET, 1, AT, null, true)),
        new Case("event-bucket-config-set.json", Event.class,
            new BucketConfigSet("c-6", BUCKET, 6, AT, "notification", "{\"destinations\":[]}")),
        new Case("event-command-rejected.json", Event.class, new CommandRejected("c-7", BUCKET, 7, AT, "NoSuchBucket", "gone")),
        new Case("event-multipart-created.json", Event.class, new MultipartUploadCreated("c-8", BUCKET, 8, AT, KEY, "u-1",
            METADATA, new UploadChecksum(ChecksumAlgorithm.CRC32, false))),
        new Case("event-part-uploaded.json", Event.class,
            new PartUploaded("c-9", BUCKET, 9, AT, KEY, "u-1", 1, PART, BLOB, LATER)),
        new Case("event-multipart-aborted.json", Event.class,
            new MultipartUploadAborted("c-10", BUCKET, 10, AT, KEY, "u-1", List.of(PART))),
        new Case("event-completion-repeated.json", Event.class,
            new MultipartCompletionRepeated("c-11", BUCKET, 11, AT, KEY, "u-1", BLOB, "v-11")),
        new Case("event-part-superseded.json", Event.class,
            new PartUploadSuperseded("c-12", BUCKET, 12, AT, KEY, "u-1", 3, PART)));
  }

  private static Stream<Case> faults() {
    FaultRule rule = new FaultRule("r-1", "slow puts", "a <description>", "api-gateway", true,
        List.of(new Condition("operation", "PutObject", null, null, null), new Condition("probability", 0.25, null, null, null),
            new Condition("first_n", 3, null, null, null), new Condition("matches", List.of(1, 4), null, null, null),
            new Condition("header", "x", "X-Amz-Meta-A", null, null),
            new Condition("time_window", null, null, "2026-11-22T10:00:00Z", "2026-11-22T11:00:00Z")),
        new Action("error", 503, "SlowDown", "Please reduce", "1.5s", 1024L, 10L, 2), "30s", 5, "brownout", 42L, AT, LATER);
    ChaosTopic chaos = new ChaosTopic("mocks3.commands", 0.1, 0.2, 0.0, 0.5, "250ms", "projector", "photos/.*", 7L, AT,
        0.3, 4, "1m", LATER);
    return Stream.of(
        new Case("fault-rule.json", FaultRule.class, rule),
        new Case("fault-rule-minimal.json", FaultRule.class,
            new FaultRule(null, null, null, null, null, null, new Action("hang", null, null, null, null, null, null, null),
                null, null, null, null, null, null),
            new FaultRule(null, null, null, null, true, null, new Action("hang", null, null, null, null, null, null, null),
                null, null, null, null, null, null)),
        new Case("chaos-topic.json", ChaosTopic.class, chaos),
        new Case("fault-event.json", FaultEvent.class, new FaultEvent("r-1", "slow puts", "brownout", "api-gateway", "http",
            "PutObject", "photos/2026/cat.jpg", "error", "503 SlowDown", "0af7651916cd43dd8448eb211c80319c", AT, 3L,
            new FaultSubject("PutObject", "photos", "2026/cat.jpg", "v-1", "c-3", "req-1"))),
        new Case("fault-event-no-subject.json", FaultEvent.class, new FaultEvent("r-2", null, null, "storage-node", "disk",
            null, null, "corrupt", null, null, AT, null)),
        new Case("process-order.json", ProcessOrder.class, new ProcessOrder("s-1", "storage-node",
            List.of(new ProcessOrder.Step("cpu_hog", Map.of("threads", 2), 30_000L), new ProcessOrder.Step("gc", null, null)),
            AT)),
        new Case("run.json", Run.class, new Run("run-1", "nightly", 9L, "brownout", List.of(chaos), List.of(rule),
            Map.of("lost_acknowledged_writes", 0), "5s", List.of("r-1"), Run.State.SETTLING, AT, LATER, null)));
  }

  private static Stream<Case> others() {
    S3Event.Record record = new S3Event.Record("2.1", "aws:s3", "us-east-1", "2026-11-22T10:15:30.123Z",
        "ObjectCreated:Put", new S3Event.Identity("AWS:ann"), Map.of("sourceIPAddress", "127.0.0.1"),
        Map.of("x-amz-request-id", "req-1"), new S3Event.S3("1.0", "cfg-1",
            new S3Event.Bucket("photos", new S3Event.Identity("ann"), "arn:aws:s3:::photos"),
            new S3Event.S3Object("2026/cat.jpg", 5L, "5d41402abc4b2a76b9719d911017c592", "v-1", "0000000000000003")));
    return Stream.of(
        new Case("blob-stored.json", BlobStored.class, new BlobStored(BLOB.id(), "node-a", 5, AT)),
        new Case("blob-ref.json", BlobRef.class, BLOB),
        new Case("history-record.json", HistoryRecord.class, new HistoryRecord(12, 1_764_000_000_000_000L, "p-1", "ok",
            "read", "photos", "2026/cat.jpg", new HistoryRecord.Value("\"etag\"", "v-1", "ab12"), List.of("a", "b"), "2026/",
            200, "req-1", "c-3", null, "gw-1")),
        new Case("s3-event.json", S3Event.class, new S3Event(List.of(record))),
        new Case("notification-configuration.json", NotificationConfiguration.class, new NotificationConfiguration(List.of(
            new NotificationConfiguration.Destination("d-1", NotificationConfiguration.Type.QUEUE,
                "arn:mocks3:webhook:::http://localhost:9/hook", List.of("s3:ObjectCreated:*"), "2026/", ".jpg")))),
        new Case("lifecycle-configuration.json", LifecycleConfiguration.class, new LifecycleConfiguration(List.of(
            new LifecycleConfiguration.Rule("expire", true,
                new LifecycleConfiguration.Filter("logs/", Map.of("temp", "yes"), 10L, 1000L), 30, LATER, true, 7, 1,
                List.of(Map.of("Days", "30")), null, null)))),
        new Case("encryption-configuration.json", Encryption.class, new Encryption("aws:kms", "key-1", true)),
        new Case("object-lock-configuration.json", ObjectLockConfiguration.class, new ObjectLockConfiguration(
            new ObjectLockConfiguration.DefaultRetention(ObjectLock.GOVERNANCE, 30, null))),
        new Case("origin-configuration.json", OriginConfiguration.class,
            new OriginConfiguration("http://localhost:9000", "upstream", "eu-west-1", "AK", "SK", true, 50)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void writesTheSameBytesAsBefore(Case c) throws Exception {
    String written = Json.mapper().writerFor(c.type()).writeValueAsString(c.value());

    assertThat(written).isEqualTo(GOLDEN.fixture(c.name(), written));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void readsWhatWasWrittenBefore(Case c) throws Exception {
    Object read = Json.mapper().readerFor(c.type()).readValue(GOLDEN.fixture(c.name()));

    assertThat(read).usingRecursiveComparison().isEqualTo(c.readBack());
  }

  /** Old records on a topic: fields a newer writer added are ignored, absent ones (primitives too) default. */
  @Test
  void readsRecordsOfOtherShapes() throws Exception {
    String old = "{\"type\":\"ObjectDeleted\",\"schemaVersion\":1,\"commandId\":\"c-4\",\"bucket\":\"photos\",\"sequence\":null,"
        + "\"at\":\"2026-11-22T10:15:30.123Z\",\"key\":\"k\",\"addedLater\":{\"x\":[1,2]}}";

    Event read = Json.mapper().readerFor(Event.class).readValue(old);

    assertThat(read).isEqualTo(new ObjectDeleted("c-4", BUCKET, 0, AT, ObjectKey.of("k"), null, null, false, false));
  }
}
