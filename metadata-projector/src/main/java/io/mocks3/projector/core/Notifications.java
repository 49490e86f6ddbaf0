package io.mocks3.projector.core;

import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.ObjectDeleted;
import io.mocks3.schemas.event.ObjectTagsSet;
import io.mocks3.schemas.notification.NotificationConfiguration;
import io.mocks3.schemas.notification.NotificationConfiguration.Destination;
import io.mocks3.schemas.notification.S3Event;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The S3 event notifications a decided event sends: one per destination of the bucket's
 * configuration that the event's type and key match. Pure, so the projector can publish them in
 * the same transaction as the event itself.
 */
public final class Notifications {
  /** MockS3 has one region and one owner. */
  static final String REGION = "us-east-1";
  static final String OWNER = "mocks3";
  private static final DateTimeFormatter EVENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** An S3 event bound for one destination. */
  public record Notification(Destination destination, S3Event event) {}

  private Notifications() {}

  public static List<Notification> of(BucketState bucket, Event event) {
    NotificationConfiguration config = bucket.notifications();
    if (config == null || config.destinations().isEmpty()) {
      return List.of();
    }
    Described d = describe(event);
    if (d == null) {
      return List.of();
    }
    return config.destinations().stream()
        .filter(destination -> destination.matches("s3:" + d.eventName, d.key))
        .map(destination -> new Notification(destination, s3Event(event, d, destination.id())))
        .toList();
  }

  /** What an event is in S3's terms; null for events that notify nothing. */
  private record Described(String eventName, String key, Long size, String eTag, String versionId) {}

  private static Described describe(Event event) {
    if (event instanceof ObjectCreated e) {
      String name = e.uploadId() != null ? "ObjectCreated:CompleteMultipartUpload" : "ObjectCreated:Put";
      return new Described(name, e.key().value(), e.blob().size(), e.blob().md5Hex(), e.versionId());
    }
    if (event instanceof ObjectDeleted e) {
      if (e.versionId() == null && e.removed() == null) {
        return null; // nothing was there to delete
      }
      String name = e.created() ? "ObjectRemoved:DeleteMarkerCreated" : "ObjectRemoved:Delete";
      return new Described(name, e.key().value(), null, null, e.versionId());
    }
    if (event instanceof ObjectTagsSet e) {
      String name = e.tags().isEmpty() ? "ObjectTagging:Delete" : "ObjectTagging:Put";
      return new Described(name, e.key().value(), null, null, null);
    }
    return null;
  }

  private static S3Event s3Event(Event event, Described d, String configurationId) {
    String bucket = event.bucket().value();
    S3Event.Identity owner = new S3Event.Identity(OWNER);
    S3Event.S3Object object = new S3Event.S3Object(encodeKey(d.key), d.size, d.eTag, d.versionId,
        String.format("%016X", event.sequence()));
    S3Event.S3 s3 = new S3Event.S3("1.0", configurationId, new S3Event.Bucket(bucket, owner, "arn:aws:s3:::" + bucket), object);
    return new S3Event(List.of(new S3Event.Record("2.1", "aws:s3", REGION, EVENT_TIME.format(event.at()), d.eventName, owner,
        Map.of("sourceIPAddress", "127.0.0.1"),
        Map.of("x-amz-request-id", event.commandId(), "x-amz-id-2", event.commandId()), s3)));
  }

  /** S3 URL-encodes keys in events as a form would ("a b" is "a+b"), leaving "/" as it is. */
  static String encodeKey(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
  }
}
