package io.mocks3.schemas.notification;

import java.util.List;
import java.util.Set;

/**
 * A bucket's event notification configuration: where the events of which keys go. The gateway
 * stores it (as JSON, kind {@value #KIND}) from PutBucketNotificationConfiguration; the projector
 * publishes an S3 event to {@code mocks3.notifications} for every destination an event matches.
 */
public record NotificationConfiguration(List<Destination> destinations) {
  public static final String KIND = "notification";

  /**
   * A webhook destination: an ARN {@code arn:mocks3:webhook:::<url>} (any configuration element),
   * whose events the task workers also POST to the URL.
   */
  public static final String WEBHOOK_ARN_PREFIX = "arn:mocks3:webhook:::";

  /** The URL of a webhook destination's ARN; null for any other ARN. */
  public static String webhookUrl(String arn) {
    return arn != null && arn.startsWith(WEBHOOK_ARN_PREFIX) ? arn.substring(WEBHOOK_ARN_PREFIX.length()) : null;
  }

  /**
   * Every event type S3 documents for notifications. MockS3 emits the ObjectCreated,
   * ObjectRemoved and ObjectTagging families; the others are accepted and never fire.
   */
  public static final Set<String> EVENT_TYPES = Set.of(
      "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy",
      "s3:ObjectCreated:CompleteMultipartUpload",
      "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
      "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete",
      "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
      "s3:ObjectAcl:Put", "s3:ReducedRedundancyLostObject",
      "s3:Replication:*", "s3:Replication:OperationFailedReplication", "s3:Replication:OperationNotTracked",
      "s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold",
      "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete", "s3:LifecycleExpiration:DeleteMarkerCreated",
      "s3:LifecycleTransition", "s3:IntelligentTiering");

  /** Which S3 configuration element a destination came from. */
  public enum Type { QUEUE, TOPIC, FUNCTION }

  /**
   * One destination: S3's {@code Id}, its ARN, the event types (a trailing {@code *} takes a
   * family) and the key filter (prefix and suffix, either may be null).
   */
  public record Destination(String id, Type type, String arn, List<String> events, String prefix, String suffix) {

    public Destination {
      events = List.copyOf(events);
    }

    /** Whether an event named {@code eventName} (e.g. {@code s3:ObjectCreated:Put}) on {@code key} goes here. */
    public boolean matches(String eventName, String key) {
      if (prefix != null && !key.startsWith(prefix) || suffix != null && !key.endsWith(suffix)) {
        return false;
      }
      for (String wanted : events) {
        if (wanted.equals(eventName)
            || wanted.endsWith(":*") && eventName.startsWith(wanted.substring(0, wanted.length() - 1))) {
          return true;
        }
      }
      return false;
    }
  }

  public NotificationConfiguration {
    destinations = List.copyOf(destinations);
  }
}
