package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.Owner;
import java.time.Instant;

/**
 * {@code owner}: who created the bucket (null for buckets created before owners were kept).
 * {@code objectLock} true: the bucket has Object Lock enabled, and versioning with it (null: not).
 */
public record BucketCreated(String commandId, BucketName bucket, long sequence, Instant at, Owner owner, Boolean objectLock)
    implements Event {
  public BucketCreated(String commandId, BucketName bucket, long sequence, Instant at, Owner owner) {
    this(commandId, bucket, sequence, at, owner, null);
  }

  public BucketCreated(String commandId, BucketName bucket, long sequence, Instant at) {
    this(commandId, bucket, sequence, at, null, null);
  }

  public boolean withObjectLock() {
    return Boolean.TRUE.equals(objectLock);
  }
}
