package io.mocks3.readmodel;

import io.mocks3.schemas.Owner;
import java.time.Instant;

/** A bucket; {@code owner} is null for buckets created before owners were kept. */
public record BucketRow(String name, Instant createdAt, Owner owner) {
  public BucketRow(String name, Instant createdAt) {
    this(name, createdAt, null);
  }
}
