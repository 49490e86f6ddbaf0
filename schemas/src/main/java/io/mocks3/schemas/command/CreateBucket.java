package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.Owner;
import java.time.Instant;

/**
 * Create {@code bucket} for {@code owner} (null in commands written before owners were kept).
 * {@code objectLock} true: with Object Lock enabled, and so versioning (null: without).
 */
public record CreateBucket(String commandId, BucketName bucket, Instant issuedAt, Owner owner, Boolean objectLock)
    implements Command {
  public CreateBucket(String commandId, BucketName bucket, Instant issuedAt, Owner owner) {
    this(commandId, bucket, issuedAt, owner, null);
  }

  public CreateBucket(String commandId, BucketName bucket, Instant issuedAt) {
    this(commandId, bucket, issuedAt, null, null);
  }

  public boolean withObjectLock() {
    return Boolean.TRUE.equals(objectLock);
  }
}
