package io.mocks3.projector.core;

import io.mocks3.schemas.Json;
import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.lock.ObjectLockConfiguration;
import io.mocks3.schemas.notification.NotificationConfiguration;
import io.mocks3.schemas.sse.Encryption;
import java.time.Instant;

/**
 * What the projector knows of a bucket. A deleted bucket keeps its entry ({@code exists=false})
 * so that sequence numbers keep rising if the name is created again. {@code objectCount} counts
 * every version and delete marker (what must go before the bucket can be deleted);
 * {@code versioning} is null for a bucket that never had versioning, else Enabled or Suspended;
 * {@code notifications} is where its events go (null: nowhere); {@code objectLock} is its Object Lock
 * configuration (null: Object Lock is not enabled); {@code encryption} is the server-side encryption
 * new versions get when they name none (null: none, answered as AES256).
 */
public record BucketState(String name, boolean exists, Instant createdAt, long lastSequence, long objectCount,
    String versioning, NotificationConfiguration notifications, ObjectLockConfiguration objectLock, Encryption encryption) {

  public BucketState(String name, boolean exists, Instant createdAt, long lastSequence, long objectCount) {
    this(name, exists, createdAt, lastSequence, objectCount, null, null, null, null);
  }

  public BucketState(String name, boolean exists, Instant createdAt, long lastSequence, long objectCount,
      String versioning, NotificationConfiguration notifications) {
    this(name, exists, createdAt, lastSequence, objectCount, versioning, notifications, null, null);
  }

  public static BucketState absent(String name) {
    return new BucketState(name, false, null, 0, 0, null, null, null, null);
  }

  /**
   * The notification configuration a stored document describes; null for none.
   *
   * @throws tools.jackson.core.JacksonException when the document is not one
   */
  static NotificationConfiguration notifications(String document) {
    return document == null ? null : Json.mapper().readValue(document, NotificationConfiguration.class);
  }

  /**
   * The Object Lock configuration a stored document describes (JSON, {@link ObjectLockConfiguration}).
   *
   * @throws tools.jackson.core.JacksonException when the document is not one
   */
  static ObjectLockConfiguration objectLock(String document) {
    return Json.mapper().readValue(document, ObjectLockConfiguration.class);
  }

  /**
   * The default encryption a stored document describes (JSON, {@link Encryption}); null for none.
   *
   * @throws tools.jackson.core.JacksonException when the document is not one
   */
  static Encryption encryption(String document) {
    return document == null ? null : Json.mapper().readValue(document, Encryption.class);
  }

  /** The id a new version gets: the writing command's id while versioning is enabled, else "null" (or none). */
  String newVersionId(String commandId) {
    if (versioning == null) {
      return null;
    }
    return Versioning.ENABLED.equals(versioning) ? commandId : Versioning.NULL_VERSION;
  }
}
