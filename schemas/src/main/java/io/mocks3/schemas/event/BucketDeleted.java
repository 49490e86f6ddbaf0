package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import java.time.Instant;

public record BucketDeleted(String commandId, BucketName bucket, long sequence, Instant at) implements Event {}
