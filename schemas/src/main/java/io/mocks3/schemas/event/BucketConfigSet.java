package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import java.time.Instant;

/** The bucket's {@code kind} configuration is now {@code document}; null when it was deleted. */
public record BucketConfigSet(String commandId, BucketName bucket, long sequence, Instant at, String kind, String document)
    implements Event {}
