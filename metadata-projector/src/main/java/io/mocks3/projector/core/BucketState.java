package io.mocks3.projector.core;

import io.mocks3.schemas.Json;
import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.notification.NotificationConfiguration;
import java.time.Instant;

/**
 * What the projector knows of a bucket. A deleted bucket keeps its entry ({@code exists=false})
 * so that sequence numbers keep rising if the name is created again. {@code objectCount} counts
 * every version and delete marker (what must go before the bucket can be deleted);
 * {@code versioning} is null for a bucket that never had versioning, else Enabled or Suspended;
 * {@code notifications} is where its events go (null: nowhere).
 */
public record BucketState(String name, boolean exists, Instant createdAt, long lastSequence, long objectCount,
    String versioning, NotificationConfiguration notifications) {

  public BucketState(String name, boolean exists, Instant createdAt, long lastSequence, long objectCount) {
    this(name, exists, createdAt, lastSequence, objectCount, null, null);
  }

  public static BucketState absent(String name) {
    return new BucketState(name, false, null, 0, 0, null, null);
  }

  /**
   * The notification configuration a stored document describes; null for none.
   *
   * @throws tools.jackson.core.JacksonException when the document is not one
   */
  static NotificationConfiguration notifications(String document) {
    return document == null ? null : Json.mapper().readValue(document, NotificationConfiguration.class);
  }

  /** The id a new version gets: the writing command's id while versioning is enabled, else "null" (or none). */
  String newVersionId(String commandId) {
    if (versioning == null) {
      return null;
    }
    return Versioning.ENABLED.equals(versioning) ? commandId : Versioning.NULL_VERSION;
  }
}
