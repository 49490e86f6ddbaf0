package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import java.time.Instant;

/**
 * A delete of {@code key}. In a bucket that never had versioning ({@code versionId} null) the key
 * names nothing any more. Otherwise it is one of two things:
 * <ul>
 *   <li>{@code created}: a delete marker {@code versionId} became the key's latest version (a DELETE
 *       without a version id); the current version, if any, is kept as noncurrent — unless it had
 *       the same id ("null", versioning suspended), which the marker replaces;
 *   <li>not {@code created}: version {@code versionId} was removed for good (a DELETE naming it);
 *       {@code deleteMarker} tells whether that version was a delete marker.
 * </ul>
 * {@code removed} is the blob of the version that is gone (null when none): this key names it no
 * more, but a copy elsewhere may (copies share blobs), so a collector must check before it frees it.
 */
public record ObjectDeleted(String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, BlobRef removed,
    String versionId, boolean deleteMarker, boolean created) implements Event {

  /** The delete of a key in a bucket that never had versioning. */
  public ObjectDeleted(String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, BlobRef removed) {
    this(commandId, bucket, sequence, at, key, removed, null, false, false);
  }
}
