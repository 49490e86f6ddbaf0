package io.mocks3.gateway.core;

import io.mocks3.readmodel.ObjectRow;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration.Expiry;

/**
 * An object found by a read, with the quoted ETag S3 returns, and when its bucket's lifecycle rules
 * expire it ({@code x-amz-expiration}; null when none does, or for a noncurrent version).
 */
public record StoredObject(String bucket, ObjectRow row, Expiry expiry) {
  public StoredObject(String bucket, ObjectRow row) {
    this(bucket, row, null);
  }

  public String etag() {
    return "\"" + row.etag() + "\"";
  }
}
