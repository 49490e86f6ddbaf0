package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import java.time.Instant;

/**
 * Delete {@code key}: its latest version (in a versioned bucket, by adding a delete marker), or, with
 * {@code versionId}, that one version for good. With a {@code condition} (If-Match: what lifecycle
 * expiration sends) the delete applies only to the object it was decided for: a delete repeated, or
 * one racing a newer write, is rejected instead. Null (records from before it existed): none.
 * {@code bypassGovernance} true: the request sent {@code x-amz-bypass-governance-retention}, so a
 * GOVERNANCE retention does not stop it (null: it did not).
 */
public record DeleteObject(String commandId, BucketName bucket, ObjectKey key, String versionId, Instant issuedAt,
    WriteCondition condition, Boolean bypassGovernance) implements ObjectCommand {

  public DeleteObject(String commandId, BucketName bucket, ObjectKey key, String versionId, Instant issuedAt,
      WriteCondition condition) {
    this(commandId, bucket, key, versionId, issuedAt, condition, null);
  }

  public DeleteObject(String commandId, BucketName bucket, ObjectKey key, String versionId, Instant issuedAt) {
    this(commandId, bucket, key, versionId, issuedAt, null, null);
  }

  public DeleteObject(String commandId, BucketName bucket, ObjectKey key, Instant issuedAt) {
    this(commandId, bucket, key, null, issuedAt, null, null);
  }

  public boolean bypassesGovernance() {
    return Boolean.TRUE.equals(bypassGovernance);
  }
}
