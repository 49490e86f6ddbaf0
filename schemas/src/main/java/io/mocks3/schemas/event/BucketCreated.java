package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.Owner;
import java.time.Instant;

/** {@code owner}: who created the bucket (null for buckets created before owners were kept). */
public record BucketCreated(String commandId, BucketName bucket, long sequence, Instant at, Owner owner) implements Event {
  public BucketCreated(String commandId, BucketName bucket, long sequence, Instant at) {
    this(commandId, bucket, sequence, at, null);
  }
}
