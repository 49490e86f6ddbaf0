package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.Owner;
import java.time.Instant;

/** Create {@code bucket} for {@code owner} (null in commands written before owners were kept). */
public record CreateBucket(String commandId, BucketName bucket, Instant issuedAt, Owner owner) implements Command {
  public CreateBucket(String commandId, BucketName bucket, Instant issuedAt) {
    this(commandId, bucket, issuedAt, null);
  }
}
