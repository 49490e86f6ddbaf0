package io.mocks3.projector.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.event.BucketConfigSet;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.ObjectDeleted;
import io.mocks3.schemas.event.ObjectTagsSet;
import io.mocks3.schemas.notification.NotificationConfiguration;
import io.mocks3.schemas.notification.NotificationConfiguration.Destination;
import io.mocks3.schemas.notification.NotificationConfiguration.Type;
import io.mocks3.schemas.notification.S3Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationsTest {
  private static final BucketName BUCKET = BucketName.of("photos");
  private static final Instant T = Instant.parse("2026-11-22T12:00:00.123Z");
  private static final Destination CREATED_JPG = new Destination("jpg", Type.TOPIC, "arn:aws:sns:us-east-1:1:t",
      List.of("s3:ObjectCreated:*"), null, ".jpg");
  private static final Destination REMOVED = new Destination("gone", Type.QUEUE, "arn:aws:sqs:us-east-1:1:q",
      List.of("s3:ObjectRemoved:Delete", "s3:ObjectTagging:*"), "", null);

  private static BucketState configured() {
    BucketState bucket = new BucketState("photos", true, T, 3, 0);
    BucketConfigSet set = new BucketConfigSet("c", BUCKET, 4, T, NotificationConfiguration.KIND,
        json(new NotificationConfiguration(List.of(CREATED_JPG, REMOVED))));
    return CommandDecider.evolve(bucket, set, null, null);
  }

  private static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectCreated created(String key, String uploadId) {
    return new ObjectCreated("cmd-1", BUCKET, 9, T, ObjectKey.of(key), BlobRef.of(BlobId.random(), 42, "0123abcd"),
        new ObjectMetadata(null, null, null, null), null, uploadId, null, "v1");
  }

  @Test
  void aCreatedObjectMatchingTheSuffixSendsAnEventInS3sShape() {
    List<Notifications.Notification> sent = Notifications.of(configured(), created("2026/cat photo.jpg", null));
    assertThat(sent).singleElement().satisfies(n -> {
      assertThat(n.destination()).isEqualTo(CREATED_JPG);
      S3Event.Record r = n.event().records().get(0);
      assertThat(r.eventName()).isEqualTo("ObjectCreated:Put");
      assertThat(r.eventSource()).isEqualTo("aws:s3");
      assertThat(r.eventTime()).isEqualTo("2026-11-22T12:00:00.123Z");
      assertThat(r.s3().bucket().arn()).isEqualTo("arn:aws:s3:::photos");
      assertThat(r.s3().object()).isEqualTo(new S3Event.S3Object("2026/cat+photo.jpg", 42L, "0123abcd", "v1", "0000000000000009"));
    });
    String wire = json(sent.get(0).event());
    assertThat(wire).startsWith("{\"Records\":[{\"eventVersion\":\"2.1\"").contains("\"s3SchemaVersion\":\"1.0\"");
    assertThat(Notifications.of(configured(), created("cat.png", null))).isEmpty();
  }

  @Test
  void eachEventKindHasItsS3Name() {
    assertThat(Notifications.of(configured(), created("big.jpg", "upload-1")))
        .extracting(n -> n.event().records().get(0).eventName()).containsExactly("ObjectCreated:CompleteMultipartUpload");
    ObjectDeleted deleted = new ObjectDeleted("d", BUCKET, 10, T, ObjectKey.of("a.jpg"), BlobRef.of(BlobId.random(), 1, "x"));
    assertThat(Notifications.of(configured(), deleted)).singleElement().satisfies(n -> {
      assertThat(n.destination()).isEqualTo(REMOVED);
      assertThat(n.event().records().get(0).eventName()).isEqualTo("ObjectRemoved:Delete");
      assertThat(n.event().records().get(0).s3().object().size()).isNull();
    });
    ObjectDeleted nothing = new ObjectDeleted("d", BUCKET, 10, T, ObjectKey.of("never.jpg"), null);
    assertThat(Notifications.of(configured(), nothing)).as("a delete of a missing key in an unversioned bucket").isEmpty();
    ObjectDeleted marker = new ObjectDeleted("d", BUCKET, 10, T, ObjectKey.of("a.jpg"), null, "m1", true, true);
    assertThat(Notifications.of(configured(), marker)).as("no destination asked for markers").isEmpty();
    ObjectTagsSet untagged = new ObjectTagsSet("t", BUCKET, 11, T, ObjectKey.of("a.jpg"), Map.of());
    assertThat(Notifications.of(configured(), untagged))
        .extracting(n -> n.event().records().get(0).eventName()).containsExactly("ObjectTagging:Delete");
  }

  @Test
  void withoutAConfigurationOrAfterItIsRemovedNothingIsSent() {
    assertThat(Notifications.of(new BucketState("photos", true, T, 3, 0), created("a.jpg", null))).isEmpty();
    BucketState off = CommandDecider.evolve(configured(),
        new BucketConfigSet("c", BUCKET, 5, T, NotificationConfiguration.KIND, null), null, null);
    assertThat(Notifications.of(off, created("a.jpg", null))).isEmpty();
  }
}
