package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import java.time.Instant;

/**
 * Delete {@code key}: its latest version (in a versioned bucket, by adding a delete marker), or, with
 * {@code versionId}, that one version for good.
 */
public record DeleteObject(String commandId, BucketName bucket, ObjectKey key, String versionId, Instant issuedAt)
    implements ObjectCommand {

  public DeleteObject(String commandId, BucketName bucket, ObjectKey key, Instant issuedAt) {
    this(commandId, bucket, key, null, issuedAt);
  }
}
