package io.mocks3.readmodel;

import io.mocks3.schemas.Owner;
import java.time.Instant;

/**
 * A bucket; {@code owner} is null for buckets created before owners were kept. {@code lifecycle} is
 * its lifecycle configuration (the JSON document, {@code io.mocks3.schemas.lifecycle.LifecycleConfiguration})
 * where the bucket was read with it ({@link BucketRepository#bucket}), else null: the gateway's
 * object reads and writes answer {@code x-amz-expiration} from it without a query of their own.
 */
public record BucketRow(String name, Instant createdAt, Owner owner, String lifecycle) {
  public BucketRow(String name, Instant createdAt, Owner owner) {
    this(name, createdAt, owner, null);
  }

  public BucketRow(String name, Instant createdAt) {
    this(name, createdAt, null, null);
  }
}
